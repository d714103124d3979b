/**
 * Penalties: every offence found must be punishable by deprivation of liberty, and for the
 * Directive with a maximum term at least its minimum maximum. Penalties often stand elsewhere
 * ("A person who contravenes section 5 is liable …", "punished as provided in subsection (b)",
 * a general penalty section for offences "under this Act"), so references are followed both ways.
 */
import type { Element, Lexicon } from '../catalogue/schema.js';
import type { CrossReference, Provision, Span } from '../parse/types.js';
import type { AnalysisContext, Unit } from './context.js';
import type { OffenceHit } from './offences.js';
import { evidenceFor } from './offences.js';
import { compile, firstInSpans } from './patterns.js';
import { firstFrom } from '../parse/scans.js';
import type { Evidence, Hit, KeyFigures, Weakening } from './types.js';

type PenaltyDetector = Extract<Element['detector'], { kind: 'penalties' }>;

interface Penalty {
  unit: Unit;
  imprisonment?: Span;
  /** Highest term in years in the penalty words; Infinity for life; undefined when none stated. */
  maxYears?: number;
  fine: boolean;
}

const FINE_RE = /\b(?:fine[ds]?|pecuniary penalty|penalty units?)\b/i;
const LIFE_RE = /\b(?:life imprisonment|imprisonment for life|imprisoned for life|for (?:the )?(?:term of (?:his |her |their )?)?(?:natural )?life)\b/i;
/** "shall be subject to the penalties provided in section 2252A(b)(1)": a penalty exists, set elsewhere. */
const PENALTY_BY_REFERENCE_RE = /\b(?:(?:penalt(?:y|ies)|punish\w*|sentence)\s+(?:as\s+)?(?:provided|prescribed|set out|specified)\s+(?:in|under|for|by)|liable to the (?:same )?penalt(?:y|ies) (?:for|under|provided))\b/i;
const RELATIVE_KINDS = new Set(['subsection', 'paragraph', 'subparagraph', 'clause']);
const GENERAL_PENALTY_RE = /\b(?:offen[cs]es?|contravention) (?:under|against|of) this (?:act|law|code|part|chapter|title|division)\b/i;
const GENERAL_PENALTY_HINT = /(?:offen[cs]es?|contravention) (?:under|against|of) this /gi;

export function detectPenalties(
  ctx: AnalysisContext,
  detector: PenaltyDetector,
  offenceHits: ReadonlyMap<string, OffenceHit[]>,
): { hits: Hit[]; figures: KeyFigures } {
  const imprisonmentRe = compile(detector.imprisonment);
  const yearsRe = yearsPattern(ctx.catalogue.lexicon);
  const penalties = new Map<Unit, Penalty | undefined>();
  const penaltyOf = (unit: Unit): Penalty | undefined => {
    if (!penalties.has(unit)) penalties.set(unit, readPenalty(ctx, unit, imprisonmentRe, yearsRe));
    return penalties.get(unit);
  };
  const references = indexReferences(ctx);
  const general = generalPenalties(ctx, penaltyOf);

  const evidence: Evidence[] = [];
  const weakenings: Weakening[] = [];
  const maxYears: Record<string, number | null> = {};
  let offencesWithPrison = 0;
  let offences = 0;
  let byReference = 0;

  for (const [elementId, hits] of offenceHits) {
    if (hits.length === 0) continue;
    offences++;
    let best: Penalty | undefined;
    let sawFine = false;
    for (const hit of hits) {
      for (const penalty of penaltiesFor(ctx, hit.unit, penaltyOf, general, references)) {
        if (penalty.fine) sawFine = true;
        if (!penalty.imprisonment) continue;
        if (!best || (penalty.maxYears ?? 0) > (best.maxYears ?? 0)) best = penalty;
      }
    }
    const first = hits[0]!;
    if (!best?.imprisonment) {
      maxYears[elementId] = null;
      const reference = hits.map((hit) => penaltyReference(ctx, hit)).find((r) => r !== undefined);
      if (reference) {
        byReference++;
        evidence.push(evidenceFor(reference.unit, reference.span));
        weakenings.push({
          id: 'penalty-by-reference',
          reason: `The penalty for ${first.unit.provision.label} is set by reference ("${ctx.bill.plain.slice(reference.span.start, reference.span.end)}") to a provision not in this text; make sure it provides imprisonment.`,
          span: reference.span,
          provisionId: reference.unit.provision.id,
        });
        continue;
      }
      weakenings.push({
        id: sawFine ? 'no-imprisonment' : 'no-penalty',
        reason: sawFine
          ? `${first.unit.provision.label} is punishable by a fine only; the standards require deprivation of liberty.`
          : `No penalty was found for the offence in ${first.unit.provision.label}; provide imprisonment for it.`,
        span: first.evidence[0]?.span ?? first.unit.provision.headSpan,
        provisionId: first.unit.provision.id,
      });
      continue;
    }
    offencesWithPrison++;
    evidence.push(ownerEvidence(ctx, best.unit, best.imprisonment));
    maxYears[elementId] = best.maxYears ?? null;
    const minimum = detector.minimumMaxima[elementId];
    if (minimum !== undefined && best.maxYears !== undefined && best.maxYears < minimum) {
      weakenings.push({
        id: 'below-minimum-maximum',
        reason: `The maximum term for ${ctx.catalogue.elementsById.get(elementId)?.title.toLowerCase() ?? elementId} is ${best.maxYears} year(s); Directive 2011/93/EU requires a maximum of at least ${minimum}.`,
        span: best.imprisonment,
        provisionId: best.unit.provision.id,
        expected: minimum,
        ...(detector.minimaInstrument ? { onlyFor: detector.minimaInstrument } : {}),
      });
    }
  }
  const figures: KeyFigures = Object.keys(maxYears).length > 0 ? { maxYears } : {};
  if (offences === 0 || offencesWithPrison + byReference === 0) return { hits: [], figures };
  return { hits: [{ evidence: dedupe(evidence), weakenings }], figures };
}

/** A penalty set by reference, in the offence's words or its top-level subdivision (US drafting). */
function penaltyReference(ctx: AnalysisContext, hit: OffenceHit): { unit: Unit; span: Span } | undefined {
  for (const unit of [hit.unit, ...ctx.unitsOf(hit.unit.section).filter((u) => u.provision.span.start >= hit.unit.provision.span.start && u.provision.span.end <= topOf(ctx, hit.unit).span.end)]) {
    for (const span of [...unit.own, ...unit.context.filter((s) => s !== unit.section.headSpan)]) {
      const m = PENALTY_BY_REFERENCE_RE.exec(ctx.bill.plain.slice(span.start, span.end));
      if (!m) continue;
      const end = span.start + m.index + m[0].length;
      // A reference the bill resolves was already followed, and a dangling "subsection (e)" is a
      // drafting error, not a penalty; only a reference to another section or text counts here.
      const target = ctx.bill.references.find((r) => r.span.start >= end && r.span.start <= end + 40);
      const elsewhere = !target || target.external || (target.targetIds.length === 0 && !RELATIVE_KINDS.has(target.kind));
      if (elsewhere) return { unit, span: { start: span.start + m.index, end } };
    }
  }
  return undefined;
}

function topOf(ctx: AnalysisContext, unit: Unit): Provision {
  let current: Provision = unit.provision;
  for (let parent = ctx.parentOf(current); parent && parent !== unit.section && parent.kind !== 'document'; parent = ctx.parentOf(parent)) current = parent;
  return current;
}

/** Evidence labelled with the provision whose own words hold the span (closing words belong to the parent). */
function ownerEvidence(ctx: AnalysisContext, unit: Unit, span: Span): Evidence {
  for (let p: Provision | undefined = unit.provision; p && p.kind !== 'document'; p = ctx.parentOf(p)) {
    if (p.ownSpans.some((s) => s.start <= span.start && span.end <= s.end)) {
      return { provisionId: p.id, label: p.label, span, provisionSpan: p.span };
    }
  }
  return evidenceFor(unit, span);
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => (seen.has(`${e.span.start}`) ? false : (seen.add(`${e.span.start}`), true)));
}

interface ReferenceIndex {
  from: Map<string, CrossReference[]>;
  to: Map<string, CrossReference[]>;
}

/** References by the provision they stand in and by the provisions they point to (built once). */
function indexReferences(ctx: AnalysisContext): ReferenceIndex {
  const from = new Map<string, CrossReference[]>();
  const to = new Map<string, CrossReference[]>();
  const add = (map: Map<string, CrossReference[]>, key: string, reference: CrossReference): void => {
    const list = map.get(key);
    if (list) list.push(reference);
    else map.set(key, [reference]);
  };
  for (const reference of ctx.bill.references) {
    if (reference.external) continue;
    add(from, reference.fromProvisionId, reference);
    for (const id of reference.targetIds) add(to, id, reference);
  }
  return { from, to };
}

/** Candidate penalty words for an offence unit, nearest first. */
function penaltiesFor(ctx: AnalysisContext, unit: Unit, penaltyOf: (u: Unit) => Penalty | undefined, general: Penalty[], references: ReferenceIndex): Penalty[] {
  const out: Penalty[] = [];
  const own = penaltyOf(unit);
  if (own?.imprisonment) return [own];
  if (own) out.push(own);
  const { bill } = ctx;
  // Provisions that refer to this offence (or to a provision containing it) and carry a penalty.
  const lineage = new Set<string>();
  for (let p: Provision | undefined = unit.provision; p && p.kind !== 'document'; p = ctx.parentOf(p)) lineage.add(p.id);
  // A penalty provision that names offences ("Whoever violates paragraph (6) …") applies only to those.
  const namesOthers = (candidate: Unit): boolean => {
    const named = (references.from.get(candidate.provision.id) ?? []).flatMap((r) => r.targetIds).filter((id) => id !== unit.section.id && id !== candidate.provision.id);
    return named.length > 0 && !named.some((id) => lineage.has(id) || isWithin(ctx, id, unit.provision));
  };
  const referring: Penalty[] = [];
  const targets = new Set<string>();
  for (const id of lineage) {
    for (const reference of references.from.get(id) ?? []) for (const target of reference.targetIds) targets.add(target);
    for (const reference of references.to.get(id) ?? []) targets.add(reference.fromProvisionId);
  }
  for (const id of targets) {
    const provision = bill.byId.get(id);
    if (!provision) continue;
    for (const candidate of ctx.unitsOf(ctx.sectionOf(provision))) {
      if (candidate.provision.span.start < provision.span.start || candidate.provision.span.end > provision.span.end) continue;
      if (candidate.provision.id !== provision.id && namesOthers(candidate)) continue;
      const penalty = penaltyOf(candidate);
      if (penalty) referring.push(penalty);
    }
  }
  if (referring.some((p) => p.imprisonment)) return referring.filter((p) => p.imprisonment);
  out.push(...referring);
  // Penalty words elsewhere in the same section ("(3) A person guilty of an offence under this section …"),
  // unless they name other offences ("Whoever violates paragraph (6) …" is not this offence's penalty).
  for (const candidate of ctx.unitsOf(unit.section)) {
    if (candidate === unit || namesOthers(candidate)) continue;
    const penalty = penaltyOf(candidate);
    if (penalty?.imprisonment) out.push(penalty);
  }
  if (out.some((p) => p.imprisonment)) return out;
  return [...out, ...general];
}

/** Is provision `id` inside `ancestor` (a reference to a paragraph of this offence)? */
function isWithin(ctx: AnalysisContext, id: string, ancestor: Provision): boolean {
  const provision = ctx.bill.byId.get(id);
  return provision !== undefined && ancestor.span.start <= provision.span.start && provision.span.end <= ancestor.span.end;
}

/**
 * Penalty sections for offences "under this Act" anywhere in the bill. Where GENERAL_PENALTY_RE can
 * match is found once for the whole text (HINT has no context to read: it finds at least every place
 * the pattern matches in any slice), so that a long code's sections are not each copied and searched.
 */
function generalPenalties(ctx: AnalysisContext, penaltyOf: (u: Unit) => Penalty | undefined): Penalty[] {
  const out: Penalty[] = [];
  const hints = ctx.searchAll(GENERAL_PENALTY_HINT);
  for (const provision of ctx.bill.provisions) {
    if (provision.kind !== 'section' && provision.kind !== 'article') continue;
    const headEnd = Math.min(provision.span.end, provision.span.start + 4000);
    const next = firstFrom(hints, provision.span.start);
    if (next >= hints.length || hints[next]!.span.end > headEnd) continue;
    const head = ctx.bill.plain.slice(provision.span.start, headEnd);
    if (!GENERAL_PENALTY_RE.test(head)) continue;
    for (const unit of ctx.unitsOf(provision)) {
      const penalty = penaltyOf(unit);
      if (penalty && GENERAL_PENALTY_RE.test(unit.own.map((s) => ctx.bill.plain.slice(s.start, s.end)).join(' '))) out.push(penalty);
    }
  }
  return out;
}

function readPenalty(ctx: AnalysisContext, unit: Unit, imprisonmentRe: RegExp | undefined, yearsRe: RegExp): Penalty | undefined {
  const text = ctx.bill.plain;
  // Closing words ("… commits an offence and is liable to imprisonment …") belong to the unit too.
  const spans = [...unit.own, ...unit.context.filter((s) => s !== unit.section.headSpan)];
  const imprisonment = firstInSpans(imprisonmentRe, text, spans);
  const words = spans.map((s) => text.slice(s.start, s.end)).join(' ');
  const fine = FINE_RE.test(words);
  if (!imprisonment) return fine ? { unit, fine } : undefined;
  const span = spans.find((s) => s.start <= imprisonment.span.start && imprisonment.span.end <= s.end)!;
  const sentence = sentenceAround(text, span, imprisonment.span);
  let maxYears: number | undefined;
  if (LIFE_RE.test(text.slice(sentence.start, sentence.end))) maxYears = Infinity;
  else maxYears = highestYears(text.slice(sentence.start, sentence.end), yearsRe, ctx.catalogue.lexicon);
  return { unit, imprisonment: imprisonment.span, fine, ...(maxYears !== undefined ? { maxYears } : {}) };
}

function sentenceAround(text: string, within: Span, match: Span): Span {
  const before = text.slice(within.start, match.start);
  const cut = before.search(/[.;](?=\s)[^.;]*$/);
  const start = cut >= 0 ? within.start + cut + 1 : within.start;
  const after = text.slice(match.end, within.end);
  const stop = after.search(/[.;](?:\s|$)/);
  return { start, end: stop >= 0 ? match.end + stop : within.end };
}

function yearsPattern(lexicon: Lexicon): RegExp {
  const words = Object.keys(lexicon.numberWords)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/-/g, '[- ]'))
    .join('|');
  return new RegExp(`\\b(\\d{1,3}|${words})(?:\\s*\\(\\d{1,3}\\))?[\\s-]+(years?|months?)\\b`, 'giu');
}

/** Highest term in the sentence, in years ("12 months" is 1; "six months" is 0.5). */
function highestYears(sentence: string, yearsRe: RegExp, lexicon: Lexicon): number | undefined {
  let best: number | undefined;
  for (const m of sentence.matchAll(yearsRe)) {
    const raw = m[1]!.toLowerCase().replace(/\s+/g, '-');
    const count = /^\d+$/.test(raw) ? Number(raw) : lexicon.numberWords[raw];
    if (count === undefined) continue;
    const years = /^month/i.test(m[2]!) ? count / 12 : count;
    if (best === undefined || years > best) best = years;
  }
  return best;
}
