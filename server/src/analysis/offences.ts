/**
 * Offence elements: a provision implements one when it creates an offence (offence marker in its
 * words or the words governing it), concerns the material (or, for performances, the child), and
 * names the conduct — and is not a defence, exception, repeal or reference to another Act.
 */
import type { Element } from '../catalogue/schema.js';
import type { Provision, Span } from '../parse/types.js';
import type { AnalysisContext, Unit } from './context.js';
import { compile, contains, findFirst, findInSpans, firstInSpans, type Match } from './patterns.js';
import type { Evidence, Hit, Weakening } from './types.js';

type ConductDetector = Extract<Element['detector'], { kind: 'offence-conduct' }>;

export interface OffenceHit extends Hit {
  unit: Unit;
}

/** How far around a conduct word a qualifier is read as attaching to it (characters). */
const QUALIFIER_WINDOW_BEFORE = 120;
const QUALIFIER_WINDOW_AFTER = 220;

export function evidenceFor(unit: Unit, span: Span): Evidence {
  return { provisionId: unit.provision.id, label: unit.provision.label, span, provisionSpan: unit.provision.span };
}

/** Is this unit an offence-creating provision (and not a defence, exception or repeal)? */
export function isOffenceUnit(ctx: AnalysisContext, unit: Unit): boolean {
  const { lexicon } = ctx.catalogue;
  const offenceRe = compile(lexicon.offenceMarkers);
  const exclusionRe = compile(lexicon.exclusionMarkers);
  const text = ctx.bill.plain;
  let offence = false;
  for (const span of [...unit.context, ...unit.own]) {
    const exclusion = findFirst(exclusionRe, text, span);
    const marker = findFirst(offenceRe, text, span);
    // An exclusion governs unless an offence marker comes first in the same words
    // ("… commits an offence, except where …" is still an offence).
    if (exclusion && (!marker || exclusion.span.start <= marker.span.start)) return false;
    if (marker) offence = true;
  }
  if (offence) return true;
  // US drafting puts the sanction after the last paragraph ("…; shall be punished as provided in
  // subsection (b)"): the marker then stands anywhere in the top-level subdivision.
  const top = topSubdivision(ctx, unit);
  return top !== undefined && top !== unit.provision && !!findFirst(offenceRe, text, top.span);
}

function topSubdivision(ctx: AnalysisContext, unit: Unit): Provision | undefined {
  let current: Provision | undefined = unit.provision;
  while (current) {
    const parent = ctx.parentOf(current);
    if (!parent || parent === unit.section) return current.kind === 'subdivision' ? current : undefined;
    current = parent;
  }
  return undefined;
}

/** Purpose clauses of every offence element: conduct words inside them are not conduct. */
export function purposeClauseRe(ctx: AnalysisContext): RegExp | undefined {
  const patterns: string[] = [];
  for (const element of ctx.catalogue.elements) {
    if (element.detector.kind === 'offence-conduct') patterns.push(...element.detector.weakenings.map((w) => w.pattern));
  }
  return compile(patterns);
}

export function detectOffence(ctx: AnalysisContext, element: Element & { detector: ConductDetector }, offenceUnits: readonly Unit[]): OffenceHit[] {
  const detector = element.detector;
  const text = ctx.bill.plain;
  const conductRe = compile(detector.conduct);
  const partialRes = detector.partialConduct.map((w) => ({ weakening: w, re: compile([w.pattern]) }));
  const weakeningRes = detector.weakenings.map((w) => ({ weakening: w, re: compile([w.pattern]) }));
  const alsoNeeds = detector.alsoNeeds.map((p) => compile([p]));
  const purposeRe = purposeClauseRe(ctx);
  const hits: OffenceHit[] = [];

  for (const unit of offenceUnits) {
    const reading = [...unit.own, ...unit.context];
    const subject = detector.needsMaterial ? ctx.vocabulary.materialRe : ctx.vocabulary.childRe;
    if (!firstInSpans(subject, text, reading)) continue;
    if (!alsoNeeds.every((re) => firstInSpans(re, text, reading))) continue;

    const purposeClauses = findInSpans(purposeRe, text, unit.own);
    const conduct = findInSpans(conductRe, text, unit.own).filter((m) => !purposeClauses.some((p) => contains(p.span, m.span)));
    if (conduct.length > 0) {
      for (const match of conduct) {
        const weakenings = qualifiersOf(ctx, unit, match, weakeningRes);
        hits.push({ unit, evidence: [evidenceFor(unit, match.span)], weakenings });
      }
      continue;
    }
    for (const { weakening, re } of partialRes) {
      const match = firstInSpans(re, text, unit.own);
      if (match) {
        hits.push({
          unit,
          evidence: [evidenceFor(unit, match.span)],
          weakenings: [{ id: weakening.id, reason: weakening.reason, span: match.span, provisionId: unit.provision.id }],
        });
      }
    }
  }
  return hits;
}

/** Qualifiers in the same clause as the conduct word, or in the governing chapeau. */
function qualifiersOf(
  ctx: AnalysisContext,
  unit: Unit,
  match: Match,
  weakeningRes: { weakening: { id: string; reason: string }; re: RegExp | undefined }[],
): Weakening[] {
  if (weakeningRes.length === 0) return [];
  const text = ctx.bill.plain;
  const own = unit.own.find((s) => contains(s, match.span)) ?? match.span;
  const window = clauseAround(text, own, match.span);
  const out: Weakening[] = [];
  for (const { weakening, re } of weakeningRes) {
    const found = findFirst(re, text, window) ?? firstInSpans(re, text, unit.context.filter((s) => s !== unit.section.headSpan));
    if (found) out.push({ id: weakening.id, reason: weakening.reason, span: found.span, provisionId: unit.provision.id });
  }
  return out;
}

/** The words around a match up to a clause boundary (";" or a full stop) within a window. */
function clauseAround(text: string, within: Span, match: Span): Span {
  let start = Math.max(within.start, match.start - QUALIFIER_WINDOW_BEFORE);
  let end = Math.min(within.end, match.end + QUALIFIER_WINDOW_AFTER);
  const before = text.slice(start, match.start);
  const cut = Math.max(before.lastIndexOf(';'), before.search(/\.\s[^.]*$/));
  if (cut >= 0) start += cut + 1;
  const after = text.slice(match.end, end);
  const stop = after.search(/;|\.(?:\s|$)/);
  if (stop >= 0) end = match.end + stop;
  return { start, end };
}

/** Every offence unit in the relevant sections (computed once, shared by all offence elements). */
export function offenceUnits(ctx: AnalysisContext): Unit[] {
  return ctx.units.filter((unit) => isOffenceUnit(ctx, unit));
}
