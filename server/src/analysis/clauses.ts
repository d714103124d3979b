/**
 * General-part and online elements (attempt and complicity, legal persons, jurisdiction,
 * confiscation, ICT, aggravation, removal/blocking, provider reporting): a clause counts only where
 * it bears on the bill's own offences — its section is about the material, refers to an offence
 * provision, or speaks of offences under "this Act/Part/Chapter" that holds offences. A criminal
 * code's attempt rule for unrelated crimes is not evidence.
 */
import type { Element } from '../catalogue/schema.js';
import type { Provision, Span } from '../parse/types.js';
import type { AnalysisContext } from './context.js';
import { evidenceFor } from './offences.js';
import { compile, findFirst, firstInSpans } from './patterns.js';
import type { Evidence, Hit } from './types.js';

type ClauseDetector = Extract<Element['detector'], { kind: 'clause' }>;

/**
 * A general rule for the offences: "an offence under this Act", "this Act applies to …",
 * "offense against the United States". Not "fined under this title", which every section of a
 * code says.
 */
const DIVISIONS = 'act|law|code|title|part|chapter|division|subpart|bill|ordinance';
const SELF_DIVISION_RE = new RegExp(
  `\\b(?:offen[cs]es?\\s+(?:under|against|created by|established by|provided for (?:in|by)|defined in|set out in|in)\\s+(?:any\\s+(?:provision\\s+)?of\\s+)?this\\s+(${DIVISIONS})|this\\s+(${DIVISIONS})\\s+(?:applies|extends|shall apply)|offen[cs]es?\\s+against\\s+the\\s+united\\s+states)\\b`,
  'i',
);
const OFFENCE_BEFORE_RE = /\boffen[cs]es?\s+(?:under|against|created by|established by|provided for (?:in|by)|defined in|set out in|in|referred to in)\s+(?:any\s+(?:provision\s+)?of\s+)?$/i;
const WHOLE_INSTRUMENT = new Set(['act', 'law', 'code', 'title', 'bill', 'ordinance']);

/** Provisions that refer to an offence found, or to a division holding one ("an offence under Part 2"). */
export function offenceReferrers(ctx: AnalysisContext, offenceSections: ReadonlySet<string>): Set<string> {
  const { bill } = ctx;
  const offenceSpans = [...offenceSections].map((id) => bill.byId.get(id)?.span).filter((span): span is Span => span !== undefined);
  const reachesOffence = (target: Provision): boolean =>
    offenceSpans.some((span) => (target.span.start <= span.start && span.end <= target.span.end) || (span.start <= target.span.start && target.span.end <= span.end));
  const out = new Set<string>();
  for (const reference of bill.references) {
    if (reference.external) continue;
    // "In this Act" is not about the offences; "an offence under this Act" is.
    if (reference.self && !OFFENCE_BEFORE_RE.test(bill.plain.slice(Math.max(0, reference.span.start - 60), reference.span.start))) continue;
    if (reference.targetIds.some((id) => {
      const target = bill.byId.get(id);
      return target !== undefined && reachesOffence(target);
    })) out.add(reference.fromProvisionId);
  }
  return out;
}

/** Sections whose general rules reach the offences found. */
export function candidateSections(ctx: AnalysisContext, offenceSections: ReadonlySet<string>, referrers: ReadonlySet<string>): Provision[] {
  const { bill } = ctx;
  // Sections about the material itself; a section that only defines the child says nothing of offences.
  const out = new Map<string, Provision>(ctx.relevantSections.filter((s) => ctx.materialSectionIds.has(s.id)).map((s) => [s.id, s]));
  if (offenceSections.size === 0) return [...out.values()];
  for (const id of referrers) {
    const from = bill.byId.get(id);
    if (from) {
      const section = ctx.sectionOf(from);
      out.set(section.id, section);
    }
  }
  // "an offence under this Act/Part": the division named must hold one of the offences.
  for (const provision of bill.provisions) {
    if (provision.kind !== 'section' && provision.kind !== 'article') continue;
    if (out.has(provision.id)) continue;
    const text = bill.plain.slice(provision.span.start, Math.min(provision.span.end, provision.span.start + 20000));
    const m = SELF_DIVISION_RE.exec(text);
    if (!m) continue;
    const division = (m[1] ?? m[2] ?? 'act').toLowerCase();
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

export function detectClause(ctx: AnalysisContext, detector: ClauseDetector, sections: readonly Provision[], refersToOffence: (provisionId: string) => boolean): Hit[] {
  const text = ctx.bill.plain;
  const contextRe = compile(detector.needsContext);
  const excludeRe = compile(detector.excludeContext);
  const limbs = detector.limbs.map((limb) => ({ limb, re: compile(limb.patterns) }));
  // One scan of the whole section first: most sections of a code contain no limb at all.
  const anyLimb = compile(detector.limbs.flatMap((limb) => limb.patterns));
  const found = new Map<string, Evidence[]>();
  const hits: Hit[] = [];

  for (const section of sections) {
    if (!findFirst(anyLimb, text, section.span)) continue;
    const inSection = new Map<string, Evidence[]>();
    for (const unit of ctx.unitsOf(section)) {
      if (contextRe && !firstInSpans(contextRe, text, [...unit.own, ...unit.context]) && !refersToOffence(unit.provision.id)) continue;
      if (excludeRe && firstInSpans(excludeRe, text, [...unit.own, ...unit.context])) continue;
      for (const { limb, re } of limbs) {
        const match = firstInSpans(re, text, unit.own);
        if (!match) continue;
        const list = inSection.get(limb.id) ?? [];
        list.push(evidenceFor(unit, match.span));
        inSection.set(limb.id, list);
      }
    }
    if (!shows(detector, inSection)) continue;
    if (detector.sameSection) {
      hits.push({ evidence: [...inSection.values()].flat(), weakenings: missingLimbs(detector, inSection) });
    } else {
      for (const [id, evidence] of inSection) found.set(id, [...(found.get(id) ?? []), ...evidence]);
    }
  }
  if (!detector.sameSection && shows(detector, found)) hits.push({ evidence: [...found.values()].flat().sort((a, b) => a.span.start - b.span.start), weakenings: missingLimbs(detector, found) });
  return hits;
}

/** The limbs found show the element (fully, or in part through a limb that stands alone). */
function shows(detector: ClauseDetector, found: ReadonlyMap<string, unknown>): boolean {
  const complete = detector.limbs.every((limb) => !limb.required || found.has(limb.id));
  return complete || [...found.keys()].some((id) => detector.limbs.find((l) => l.id === id)?.standsAlone);
}

function missingLimbs(detector: ClauseDetector, found: ReadonlyMap<string, Evidence[]>): Hit['weakenings'] {
  return detector.limbs
    .filter((limb) => limb.required && !found.has(limb.id))
    .map((limb) => ({ id: `missing-limb:${limb.id}`, reason: `Only ${[...found.keys()].map((id) => detector.limbs.find((l) => l.id === id)?.describes ?? id).join(' and ')} found; ${limb.describes} is not provided for.` }));
}
