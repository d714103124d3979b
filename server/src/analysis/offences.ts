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

/**
 * The paragraphs of a unit that create an offence: an offence marker in the paragraph itself or in
 * the words governing it (chapeau, closing words), and no defence/exception/repeal governing it.
 * Read paragraph by paragraph, so an "Explanation" or an illustration inside an offence section
 * is not read as creating offences of its own.
 */
const paragraphCache = new WeakMap<Unit, Span[]>();

export function offenceParagraphs(ctx: AnalysisContext, unit: Unit): Span[] {
  let cached = paragraphCache.get(unit);
  if (!cached) {
    cached = readOffenceParagraphs(ctx, unit);
    paragraphCache.set(unit, cached);
  }
  return cached;
}

function readOffenceParagraphs(ctx: AnalysisContext, unit: Unit): Span[] {
  const { lexicon } = ctx.catalogue;
  const offenceRe = compile(lexicon.offenceMarkers);
  const exclusionRe = compile(lexicon.exclusionMarkers);
  const text = ctx.bill.plain;
  const excludes = (span: Span): boolean => {
    const exclusion = findFirst(exclusionRe, text, span);
    if (!exclusion) return false;
    const marker = findFirst(offenceRe, text, span);
    // "… commits an offence, except where …" is still an offence.
    return !marker || exclusion.span.start <= marker.span.start;
  };
  // The words nearest a list govern it: the chapeau's last paragraph, and the section heading.
  const governing = unit.context.map((span) => (span === unit.section.headSpan ? span : lastParagraph(text, span)));
  if (governing.some(excludes)) return [];
  const governed = unit.context.some((span) => !!findFirst(offenceRe, text, span)) || topSubdivisionHasMarker(ctx, unit, offenceRe);
  return unit.own.filter((span) => !excludes(span) && (governed || !!findFirst(offenceRe, text, span)));
}

export function isOffenceUnit(ctx: AnalysisContext, unit: Unit): boolean {
  return offenceParagraphs(ctx, unit).length > 0;
}

function lastParagraph(text: string, span: Span): Span {
  const slice = text.slice(span.start, span.end).replace(/\s+$/, '');
  const cut = slice.search(/\n\s*\n(?![\s\S]*\n\s*\n)/);
  return cut < 0 ? span : { start: span.start + cut, end: span.end };
}

/**
 * US drafting puts the sanction after the last paragraph ("…; shall be punished as provided in
 * subsection (b)"): the marker then stands anywhere in the top-level subdivision.
 */
const topMarkerCache = new WeakMap<Provision, boolean>();

function topSubdivisionHasMarker(ctx: AnalysisContext, unit: Unit, offenceRe: RegExp | undefined): boolean {
  let current: Provision | undefined = unit.provision;
  while (current) {
    const parent = ctx.parentOf(current);
    if (!parent || parent === unit.section) break;
    current = parent;
  }
  if (current?.kind !== 'subdivision') return false;
  let cached = topMarkerCache.get(current);
  if (cached === undefined) {
    cached = !!findFirst(offenceRe, ctx.bill.plain, current.span);
    topMarkerCache.set(current, cached);
  }
  return cached;
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
  const alsoNeeds = compile(detector.alsoNeeds);
  const purposeRe = purposeClauseRe(ctx);
  const hits: OffenceHit[] = [];

  for (const unit of offenceUnits) {
    const reading = [...unit.own, ...unit.context];
    if (!concernsSubject(ctx, unit, reading, detector.needsMaterial)) continue;
    if (alsoNeeds && !firstInSpans(alsoNeeds, text, reading)) continue;

    const paragraphs = offenceParagraphs(ctx, unit);
    if (paragraphs.length === 0) continue;
    const purposeClauses = findInSpans(purposeRe, text, paragraphs);
    const conditional = conditionalChapeau(ctx, unit);
    const conduct = findInSpans(conductRe, text, paragraphs).filter(
      (m) => !conditional && !purposeClauses.some((p) => contains(p.span, m.span)) && !inCondition(text, paragraphs, m),
    );
    if (conduct.length > 0) {
      for (const match of conduct) {
        const weakenings = qualifiersOf(ctx, unit, match, weakeningRes);
        hits.push({ unit, evidence: [evidenceFor(unit, match.span)], weakenings });
      }
      continue;
    }
    for (const { weakening, re } of partialRes) {
      const match = firstInSpans(re, text, paragraphs);
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

/** The unit names the material (or "such material" in a section that names it), or the child. */
function concernsSubject(ctx: AnalysisContext, unit: Unit, reading: Span[], needsMaterial: boolean): boolean {
  const { vocabulary, bill } = ctx;
  if (!needsMaterial) return !!firstInSpans(vocabulary.childRe, bill.plain, reading);
  if (ctx.mentionsMaterial(unit)) return true;
  return !!firstInSpans(vocabulary.anaphoraRe, bill.plain, reading) && ctx.materialSectionIds.has(unit.section.id);
}

const CONDITION_RE = /\b(?:if|where|when|whether|unless)\b/gi;
const RELATION_RE = /\b(?:relating to|related to|in respect of|concerning|conviction|convicted|which)\b/i;
/** "has been mailed, shipped, or transported": what was done to the material, not by the offender. */
const PASSIVE_BEFORE_RE = /\b(?:been|be|being|was|were)\s+(?:actually\s+)?(?:\w+ed,?\s+(?:or\s+|and\s+)?){0,4}$/i;
const OFFENCE_THEN_CONDITION_RE = /\b(?:offen[cs]e|guilty|punishable|unlawful)\s*,?\s*$/i;

/**
 * Conduct words in a condition or a reference back are not the offence's conduct: "if such visual
 * depiction has been transmitted", "a prior conviction relating to the production, possession …".
 * "commits an offence if the person possesses …" is the offence itself, so a condition that
 * directly follows an offence marker does not count.
 */
function inCondition(text: string, paragraphs: readonly Span[], match: Match): boolean {
  const paragraph = paragraphs.find((p) => contains(p, match.span));
  if (!paragraph) return false;
  const before = text.slice(paragraph.start, match.span.start);
  const sentenceStart = Math.max(before.lastIndexOf(';'), before.search(/\.\s[^.]*$/)) + 1;
  const sentence = before.slice(sentenceStart);
  if (RELATION_RE.test(sentence) || PASSIVE_BEFORE_RE.test(sentence)) return true;
  for (const m of sentence.matchAll(CONDITION_RE)) {
    if (!OFFENCE_THEN_CONDITION_RE.test(sentence.slice(Math.max(0, (m.index ?? 0) - 40), m.index))) return true;
  }
  return false;
}

/**
 * Items listed under "…any visual depiction, if—" are conditions of the offence above them, and
 * items under "…any notice or advertisement seeking or offering—" are what is advertised: in
 * neither is the conduct the offender's own.
 */
function conditionalChapeau(ctx: AnalysisContext, unit: Unit): boolean {
  const parent = ctx.parentOf(unit.provision);
  if (!parent?.chapeau || unit.provision === unit.section) return false;
  const tail = ctx.bill.plain.slice(Math.max(parent.chapeau.start, parent.chapeau.end - 80), parent.chapeau.end).replace(/[\s—–:-]+$/, '');
  if (/\b(?:seeking|offering|advertising|soliciting)$/i.test(tail)) return true;
  if (!/\b(?:if|where|when|unless)$/i.test(tail)) return false;
  return !OFFENCE_THEN_CONDITION_RE.test(tail.replace(/\s*\b(?:if|where|when|unless)$/i, '').replace(/\s*\bthe (?:person|defendant|accused)$/i, ''));
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
