/**
 * The report model: one checked bill as plain, JSON-safe data (no spans, no Infinity, no class
 * instances). Every report view is rendered from this — the VS Code webview (which receives it from
 * the language server over JSON-RPC), the CLI's HTML/Markdown/CSV/DOCX/JSON exports, the matrix and
 * the version diff — so they cannot disagree about a status or a figure.
 */
import type { ElementFinding, ElementStatus } from '../analysis/types.js';
import type { Catalogue } from '../catalogue/load.js';
import type { Range } from '../parse/types.js';
import type { CheckResult } from '../service/check.js';

export const STATUS_ORDER: readonly ElementStatus[] = ['met', 'partial', 'missing', 'conflict', 'reserved', 'not-applicable'];

/** Years of imprisonment as data: a number, "life", or null when no term could be read. */
export type Years = number | 'life' | null;

export interface ReportProvision {
  id: string;
  label: string;
  heading?: string;
  /** 0-based LSP range of the matched words (what the editor reveals). */
  range: Range;
  /** The matched words, verbatim from the bill. */
  text: string;
  /** The line(s) of the bill around the match, verbatim (capped), so a reader sees the context. */
  excerpt: string;
}

export interface ReportCitation {
  instrument: string;
  instrumentName: string;
  article: string;
  text: string;
  verified: boolean;
  url: string;
}

export interface ReportFigures {
  /** Governing age threshold for the child (definition/child-under-18). */
  age?: number;
  otherAges?: number[];
  /** On offence rows: the maximum term the bill sets for this offence. */
  maxYears?: Years;
  /** On offence rows: the Directive's minimum maximum for this offence (Art 5), when it sets one. */
  minimumMaximum?: number;
  /** On the penalties row: every offence's maximum vs minimum. */
  penalties?: { elementId: string; title: string; maxYears: Years; minimumMaximum?: number }[];
}

export interface ReportElement {
  id: string;
  title: string;
  category: ElementFinding['category'];
  requirement: string;
  status: ElementStatus;
  perInstrument: Record<string, ElementStatus>;
  advisoryInstruments: string[];
  reason: string;
  provisions: ReportProvision[];
  weakenings: { id: string; reason: string; range?: Range; text?: string; provisionLabel?: string }[];
  citations: ReportCitation[];
  figures: ReportFigures;
  annotation?: { kind: 'implements' | 'ignore'; reason?: string };
}

export type StatusCounts = Record<ElementStatus, number>;

export interface ReportInstrument {
  id: string;
  name: string;
  shortName: string;
  force: 'binding' | 'advisory';
  /** Statuses of the elements this instrument asks for (its column of perInstrument). */
  counts: StatusCounts;
  total: number;
}

export interface BillReport {
  version: 1;
  /** Display path of the bill (relative to the workspace / cwd). */
  file: string;
  uri: string;
  title?: string;
  jurisdiction?: string;
  instruments: ReportInstrument[];
  elements: ReportElement[];
  counts: StatusCounts;
  problems: { message: string; severity: string; line: number }[];
}

export function emptyCounts(): StatusCounts {
  return { met: 0, partial: 0, missing: 0, conflict: 0, reserved: 0, 'not-applicable': 0 };
}

export function toYears(value: number | null | undefined): Years {
  if (value === undefined || value === null || Number.isNaN(value)) return null;
  return value === Infinity ? 'life' : value;
}

/** The Directive's minimum maxima per offence element, from the penalties detector (data, not code). */
export function minimumMaxima(catalogue: Catalogue): { instrument?: string; minima: Record<string, number> } {
  for (const element of catalogue.elements) {
    if (element.detector.kind === 'penalties') {
      return { ...(element.detector.minimaInstrument ? { instrument: element.detector.minimaInstrument } : {}), minima: element.detector.minimumMaxima };
    }
  }
  return { minima: {} };
}

/** The order the README and the treaties' own chronology use; instruments from user definitions follow. */
const INSTRUMENT_ORDER = ['opsc', 'budapest', 'lanzarote', 'eu-2011-93', 'icmec'];

export function orderInstruments(ids: readonly string[]): string[] {
  const rank = (id: string): number => {
    const index = INSTRUMENT_ORDER.indexOf(id);
    return index === -1 ? INSTRUMENT_ORDER.length : index;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const EXCERPT_MAX = 480;

/** The whole line(s) holding [start, end), trimmed and capped: context a reader can recognise. */
function excerptAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  let to = text.indexOf('\n', end);
  if (to === -1) to = text.length;
  const line = text.slice(from, to).replace(/\r$/, '').trim();
  return line.length > EXCERPT_MAX ? `${line.slice(0, EXCERPT_MAX - 1)}…` : line;
}

export function buildReport(file: string, result: CheckResult, catalogue: Catalogue): BillReport {
  const { bill, lines, analysis } = result;
  const { minima } = minimumMaxima(catalogue);
  const penalties = analysis.findings.find((f) => catalogue.elementsById.get(f.elementId)?.detector.kind === 'penalties');
  const titleOf = (id: string): string => catalogue.elementsById.get(id)?.title ?? id;

  const elements = analysis.findings.map((finding): ReportElement => {
    const seen = new Set<string>();
    const provisions: ReportProvision[] = [];
    for (const evidence of finding.evidence) {
      // One row per provision and matched words: the same words found twice add nothing for a reader.
      const key = `${evidence.provisionId}@${evidence.span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const heading = bill.byId.get(evidence.provisionId)?.heading;
      provisions.push({
        id: evidence.provisionId,
        label: evidence.label,
        ...(heading ? { heading } : {}),
        range: lines.rangeOf(evidence.span),
        text: bill.text.slice(evidence.span.start, evidence.span.end),
        excerpt: excerptAround(bill.text, evidence.span.start, evidence.span.end),
      });
    }
    const figures: ReportFigures = {};
    if (finding.figures.age !== undefined) figures.age = finding.figures.age;
    if (finding.figures.otherAges?.length) figures.otherAges = [...finding.figures.otherAges];
    const maxYears = penalties?.figures.maxYears;
    if (finding.category === 'offence' && maxYears && finding.elementId in maxYears) figures.maxYears = toYears(maxYears[finding.elementId]);
    if (finding.category === 'offence' && minima[finding.elementId] !== undefined) figures.minimumMaximum = minima[finding.elementId];
    if (finding === penalties) {
      const ids = new Set([...Object.keys(finding.figures.maxYears ?? {}), ...Object.keys(minima)]);
      const order = analysis.findings.map((f) => f.elementId).filter((id) => ids.has(id));
      figures.penalties = order.map((id) => ({
        elementId: id,
        title: titleOf(id),
        maxYears: toYears(finding.figures.maxYears?.[id]),
        ...(minima[id] !== undefined ? { minimumMaximum: minima[id] } : {}),
      }));
    }
    return {
      id: finding.elementId,
      title: finding.title,
      category: finding.category,
      requirement: catalogue.elementsById.get(finding.elementId)?.requirement ?? finding.title,
      status: finding.status,
      perInstrument: { ...finding.perInstrument },
      advisoryInstruments: [...finding.advisoryInstruments],
      reason: finding.reason,
      provisions,
      weakenings: finding.weakenings.map((w) => {
        const label = w.provisionId ? bill.byId.get(w.provisionId)?.label : undefined;
        return {
          id: w.id,
          reason: w.reason,
          ...(w.span ? { range: lines.rangeOf(w.span), text: bill.text.slice(w.span.start, w.span.end) } : {}),
          ...(label ? { provisionLabel: label } : {}),
        };
      }),
      citations: finding.citations.map((c) => ({ instrument: c.instrument, instrumentName: c.instrumentName, article: c.article, text: c.text, verified: c.verified, url: c.url })),
      figures,
      ...(finding.annotation ? { annotation: { kind: finding.annotation.kind, ...(finding.annotation.reason ? { reason: finding.annotation.reason } : {}) } } : {}),
    };
  });

  const instruments = orderInstruments(analysis.instruments)
    .map((id) => catalogue.instruments.get(id))
    .filter((i) => i !== undefined)
    .map((instrument): ReportInstrument => {
      const counts = emptyCounts();
      let total = 0;
      for (const element of elements) {
        const status = element.perInstrument[instrument.id];
        if (status === undefined) continue;
        counts[status]++;
        total++;
      }
      return { id: instrument.id, name: instrument.name, shortName: instrument.shortName, force: instrument.force, counts, total };
    });

  const counts = emptyCounts();
  for (const element of elements) counts[element.status]++;
  return {
    version: 1,
    file,
    uri: bill.uri,
    ...(bill.title ? { title: bill.title } : {}),
    ...(bill.settings.jurisdiction ? { jurisdiction: bill.settings.jurisdiction } : {}),
    instruments,
    elements,
    counts,
    problems: [
      // A bill over the size limit was not checked: the report says so rather than showing it empty.
      ...(result.tooLarge ? result.diagnostics.map((d) => ({ message: d.message, severity: 'error', line: 1 })) : []),
      ...[...bill.problems, ...analysis.problems].map((p) => ({ message: p.message, severity: p.severity, line: lines.positionAt(p.span.start).line + 1 })),
    ],
  };
}

/**
 * How another jurisdiction drafted an element ("how others drafted it"): a reference profile of a
 * national model (definitions/profiles) or another bill checked alongside this one.
 */
export interface Peer {
  /** Jurisdiction (or file name when the bill names none). */
  name: string;
  kind: 'profile' | 'bill';
  /** An element status, or "unknown" when a profile could not establish it. */
  status: ElementStatus | 'unknown';
  provisions: { label: string; text?: string }[];
  note?: string;
  /** Profiles: the entry was checked against the statute's text. Bills: always true (it is the text). */
  verified: boolean;
  source?: string;
}

export type PeersByElement = Readonly<Record<string, readonly Peer[]>>;
