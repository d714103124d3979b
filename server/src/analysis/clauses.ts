/**
 * General-part and online elements (attempt and complicity, legal persons, jurisdiction,
 * confiscation, ICT, aggravation, removal/blocking, provider reporting): a clause counts only where
 * it bears on the bill's own offences — its section is about the material, refers to an offence
 * provision, or speaks of offences under "this Act/Part/Chapter" that holds offences. A criminal
 * code's attempt rule for unrelated crimes is not evidence.
 */
import type { Element } from '../catalogue/schema.js';
import type { Provision } from '../parse/types.js';
import type { AnalysisContext } from './context.js';
import { evidenceFor } from './offences.js';
import { compile, firstInSpans } from './patterns.js';
import type { Evidence, Hit } from './types.js';

type ClauseDetector = Extract<Element['detector'], { kind: 'clause' }>;

const SELF_DIVISION_RE = /\bthis\s+(act|law|code|title|part|chapter|division|subpart|bill|ordinance)\b/i;
const WHOLE_INSTRUMENT = new Set(['act', 'law', 'code', 'title', 'bill', 'ordinance']);

/** Sections whose general rules reach the offences found. */
export function candidateSections(ctx: AnalysisContext, offenceSections: ReadonlySet<string>): Provision[] {
  const { bill } = ctx;
  const out = new Map<string, Provision>(ctx.relevantSections.map((s) => [s.id, s]));
  if (offenceSections.size === 0) return [...out.values()];

  const offenceProvisionSections = new Set(offenceSections);
  for (const reference of bill.references) {
    if (reference.external) continue;
    if (reference.targetIds.some((id) => {
      const target = bill.byId.get(id);
      return target !== undefined && offenceProvisionSections.has(ctx.sectionOf(target).id);
    })) {
      const from = bill.byId.get(reference.fromProvisionId);
      if (from) {
        const section = ctx.sectionOf(from);
        out.set(section.id, section);
      }
    }
  }
  // "an offence under this Act/Part": the division named must hold one of the offences.
  for (const provision of bill.provisions) {
    if (provision.kind !== 'section' && provision.kind !== 'article') continue;
    if (out.has(provision.id)) continue;
    const text = bill.plain.slice(provision.span.start, Math.min(provision.span.end, provision.span.start + 20000));
    const m = SELF_DIVISION_RE.exec(text);
    if (!m) continue;
    const division = m[1]!.toLowerCase();
    if (WHOLE_INSTRUMENT.has(division) || divisionHoldsOffence(ctx, provision, division, offenceSections)) {
      out.set(provision.id, provision);
    }
  }
  return [...out.values()].sort((a, b) => a.span.start - b.span.start);
}

function divisionHoldsOffence(ctx: AnalysisContext, provision: Provision, kind: string, offenceSections: ReadonlySet<string>): boolean {
  let current = ctx.parentOf(provision);
  while (current && current.kind !== kind) current = ctx.parentOf(current);
  if (!current) return false;
  for (const id of offenceSections) {
    const section = ctx.bill.byId.get(id);
    if (section && current.span.start <= section.span.start && section.span.end <= current.span.end) return true;
  }
  return false;
}

export function detectClause(ctx: AnalysisContext, detector: ClauseDetector, sections: readonly Provision[]): Hit[] {
  const text = ctx.bill.plain;
  const contextRe = compile(detector.needsContext);
  const limbs = detector.limbs.map((limb) => ({ limb, re: compile(limb.patterns) }));
  const found = new Map<string, Evidence>();
  const hits: Hit[] = [];

  for (const section of sections) {
    const units = ctx.unitsOf(section);
    const inSection = new Map<string, Evidence>();
    for (const { limb, re } of limbs) {
      for (const unit of units) {
        if (contextRe && !firstInSpans(contextRe, text, [...unit.own, ...unit.context])) continue;
        const match = firstInSpans(re, text, unit.own);
        if (match) {
          inSection.set(limb.id, evidenceFor(unit, match.span));
          break;
        }
      }
    }
    if (inSection.size === 0) continue;
    if (detector.sameSection) {
      hits.push({ evidence: [...inSection.values()], weakenings: missingLimbs(detector, inSection) });
    } else {
      for (const [id, evidence] of inSection) if (!found.has(id)) found.set(id, evidence);
    }
  }
  if (!detector.sameSection && found.size > 0) hits.push({ evidence: [...found.values()], weakenings: missingLimbs(detector, found) });
  return hits;
}

function missingLimbs(detector: ClauseDetector, found: ReadonlyMap<string, Evidence>): Hit['weakenings'] {
  return detector.limbs
    .filter((limb) => limb.required && !found.has(limb.id))
    .map((limb) => ({ id: `missing-limb:${limb.id}`, reason: `Only ${[...found.keys()].map((id) => detector.limbs.find((l) => l.id === id)?.describes ?? id).join(' and ')} found; ${limb.describes} is not provided for.` }));
}
