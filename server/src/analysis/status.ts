/**
 * From detector hits to a finding: status per instrument (honouring what each instrument accepts,
 * declared reservations it permits, and annotations), the overall status, a reason a drafter can
 * act on, and where the finding belongs in the bill.
 */
import type { Catalogue } from '../catalogue/load.js';
import type { Element, Instrument, Obligation } from '../catalogue/schema.js';
import type { Bill, DeclaredReservation, Span } from '../parse/types.js';
import { compile, findFirst } from './patterns.js';
import type { Citation, ElementFinding, ElementStatus, Hit, KeyFigures, Weakening } from './types.js';

/** Worst first: the overall status is the worst status over the applicable instruments. */
const SEVERITY: Record<ElementStatus, number> = { conflict: 5, missing: 4, partial: 3, reserved: 2, met: 1, 'not-applicable': 0 };

export function worst(statuses: readonly ElementStatus[]): ElementStatus {
  let out: ElementStatus = 'not-applicable';
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[out]) out = status;
  return out;
}

function accepted(weakening: Weakening, obligation: Obligation): boolean {
  if (weakening.onlyFor !== undefined && weakening.onlyFor !== obligation.instrument) return true;
  if (obligation.accepts.includes(weakening.id)) return true;
  return weakening.age !== undefined && obligation.lowestPermittedAge !== undefined && weakening.age >= obligation.lowestPermittedAge;
}

function statusFor(hits: readonly Hit[], obligation: Obligation): ElementStatus {
  if (hits.length === 0) return 'missing';
  return hits.some((hit) => hit.weakenings.every((w) => accepted(w, obligation))) ? 'met' : 'partial';
}

/** Article a is b or inside b: "9(1)(e)" is inside "9(1)" and "9". */
export function within(article: string, scope: string): boolean {
  return article === scope || article.startsWith(`${scope}(`);
}

function reservationFor(obligation: Obligation, instrument: Instrument, declared: readonly DeclaredReservation[]): { permitted: boolean; declared: DeclaredReservation } | undefined {
  for (const reservation of declared) {
    if (reservation.instrument !== obligation.instrument) continue;
    if (!obligation.articles.some((a) => within(a, reservation.article) || within(reservation.article, a))) continue;
    const permitted = instrument.reservations.some((rule) => rule.covers.some((c) => within(reservation.article, c)));
    return { permitted, declared: reservation };
  }
  return undefined;
}

export interface ResolveInput {
  bill: Bill;
  catalogue: Catalogue;
  element: Element;
  instruments: readonly string[];
  hits: Hit[];
  figures: KeyFigures;
}

export function resolveFinding({ bill, catalogue, element, instruments, hits, figures }: ResolveInput): ElementFinding {
  const applicable = element.obligations.filter((o) => instruments.includes(o.instrument));
  const perInstrument: Record<string, ElementStatus> = {};
  const advisoryInstruments: string[] = [];
  let conflictReason: string | undefined;
  let reservedReason: string | undefined;

  for (const obligation of applicable) {
    const instrument = catalogue.instruments.get(obligation.instrument)!;
    if (obligation.level === 'advisory' || instrument.force === 'advisory') advisoryInstruments.push(obligation.instrument);
    let status = statusFor(hits, obligation);
    const reservation = reservationFor(obligation, instrument, bill.settings.reservations);
    if (reservation && !reservation.permitted) {
      status = 'conflict';
      conflictReason = `${instrument.shortName} does not permit a reservation on Art ${reservation.declared.article}; the declared reservation conflicts with the Convention.`;
    } else if (reservation && status !== 'met') {
      status = 'reserved';
      reservedReason = `Not required: the bill declares a reservation on ${instrument.shortName} Art ${reservation.declared.article}, which the instrument permits.`;
    }
    perInstrument[obligation.instrument] = status;
  }

  const annotation = bill.annotations.find((a) => a.elementId === element.id);
  // Several hits may rest on the same words (a definition read for two of its limbs): each once.
  const seen = new Set<string>();
  const evidence = hits.flatMap((h) => h.evidence).filter((e) => {
    const key = `${e.provisionId}@${e.span.start}:${e.span.end}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  const annotated = annotation?.kind === 'implements' ? bill.byId.get(annotation.provisionId) : undefined;
  if (annotated && !evidence.some((e) => e.provisionId === annotated.id)) {
    evidence.unshift({ provisionId: annotated.id, label: annotated.label, span: annotated.headSpan, provisionSpan: annotated.span });
  }
  const weakenings = relevantWeakenings(hits, applicable);
  let status = worst(Object.values(perInstrument));
  let reason: string;

  if (annotation) {
    for (const key of Object.keys(perInstrument)) perInstrument[key] = annotation.kind === 'implements' ? 'met' : 'not-applicable';
    status = applicable.length === 0 ? 'not-applicable' : annotation.kind === 'implements' ? 'met' : 'not-applicable';
    const where = bill.byId.get(annotation.provisionId)?.label ?? 'the bill';
    reason = annotation.kind === 'implements' ? `Marked as implemented by ${where} (annotation).` : `Ignored by annotation: ${annotation.reason ?? 'no reason given'}.`;
  } else if (applicable.length === 0) {
    reason = 'None of the instruments checked requires this element.';
  } else if (status === 'conflict') {
    reason = conflictReason!;
  } else if (status === 'met') {
    reason = `Met by ${labels(evidence)}.`;
  } else if (status === 'reserved') {
    reason = reservedReason!;
  } else if (status === 'partial') {
    const unmet = applicable.filter((o) => perInstrument[o.instrument] === 'partial' || perInstrument[o.instrument] === 'missing').map((o) => o.instrument);
    reason = `${weakenings[0]?.reason ?? 'Only partly met.'}${unmet.length < applicable.length ? ` (falls short for ${unmet.map((id) => catalogue.instruments.get(id)?.shortName ?? id).join(', ')})` : ''}`;
  } else {
    reason = `Not found: ${element.requirement}`;
  }

  const citations = citationsOf(catalogue, applicable);
  return {
    elementId: element.id,
    title: element.title,
    category: element.category,
    status,
    perInstrument,
    advisoryInstruments,
    citations,
    evidence,
    weakenings,
    reason,
    figures,
    anchor: anchorFor(bill, catalogue, element, status, evidence, weakenings),
    ...(annotation ? { annotation: { kind: annotation.kind, ...(annotation.reason ? { reason: annotation.reason } : {}), span: annotation.span } } : {}),
  };
}

/** Weakenings that still matter to at least one applicable instrument, from the hits that count. */
function relevantWeakenings(hits: readonly Hit[], obligations: readonly Obligation[]): Weakening[] {
  if (hits.some((h) => h.weakenings.length === 0)) return [];
  const out: Weakening[] = [];
  for (const hit of hits) {
    for (const weakening of hit.weakenings) {
      if (obligations.some((o) => !accepted(weakening, o)) && !out.some((w) => w.id === weakening.id && w.span?.start === weakening.span?.start)) out.push(weakening);
    }
  }
  return out;
}

function labels(evidence: readonly { label: string }[]): string {
  const unique = [...new Set(evidence.map((e) => e.label))];
  return unique.length <= 3 ? unique.join(', ') : `${unique.slice(0, 3).join(', ')} and ${unique.length - 3} more`;
}

export function citationsOf(catalogue: Catalogue, obligations: readonly Obligation[]): Citation[] {
  const out: Citation[] = [];
  for (const obligation of obligations) {
    const refs = [...obligation.articles.map((article) => ({ instrument: obligation.instrument, article })), ...obligation.related];
    for (const ref of refs) {
      const instrument = catalogue.instruments.get(ref.instrument);
      const article = instrument?.articles.find((a) => a.article === ref.article);
      if (!instrument || !article) continue;
      out.push({ instrument: instrument.id, instrumentName: instrument.shortName, article: article.article, text: article.text, verified: article.verified, url: article.url });
    }
  }
  return out;
}

/** Missing elements anchor where a drafter would add them; partial ones on the weakening words. */
function anchorFor(bill: Bill, catalogue: Catalogue, element: Element, status: ElementStatus, evidence: readonly { span: Span }[], weakenings: readonly Weakening[]): Span {
  if (status === 'partial' && weakenings[0]?.span) return weakenings[0].span;
  if (status !== 'missing' && evidence[0]) return evidence[0].span;
  const headings = element.category === 'definition' ? catalogue.lexicon.definitionSectionHeadings : element.category === 'offence' ? catalogue.lexicon.offenceSectionHeadings : [];
  const re = compile(headings);
  return (re && firstHeadingMatching(bill, re)) ?? titleSpan(bill);
}

/** Per bill, per heading pattern: the first division heading it matches (every missing element of a kind asks). */
const headingAnchors = new WeakMap<Bill, Map<RegExp, Span | null>>();

function firstHeadingMatching(bill: Bill, re: RegExp): Span | undefined {
  let anchors = headingAnchors.get(bill);
  if (!anchors) headingAnchors.set(bill, (anchors = new Map()));
  let anchor = anchors.get(re);
  if (anchor === undefined) {
    anchor = bill.provisions.find((p) => p.kind !== 'document' && p.kind !== 'subdivision' && findFirst(re, bill.plain, p.headSpan))?.headSpan ?? null;
    anchors.set(re, anchor);
  }
  return anchor ?? undefined;
}

export function titleSpan(bill: Bill): Span {
  const title = bill.provisions.find((p) => p.kind === 'title');
  if (title) return title.headSpan;
  const start = bill.frontMatterSpan?.end ?? 0;
  const rest = bill.text.slice(start);
  const offset = rest.search(/\S/);
  if (offset < 0) return { start, end: start };
  const lineEnd = rest.indexOf('\n', offset);
  return { start: start + offset, end: start + (lineEnd < 0 ? rest.length : lineEnd) };
}
