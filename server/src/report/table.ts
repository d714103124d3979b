/**
 * The concordance table: for each instrument, each article it is checked on → the bill's provisions
 * that implement it → the status for that instrument → the reason. One row per element × cited
 * article of a checked instrument, the unit a transposition table (a "table of correspondence")
 * is made of. CSV, Markdown, DOCX and the HTML export all print these rows.
 */
import type { ElementStatus } from '../analysis/types.js';
import type { BillReport, ReportElement } from './model.js';

export interface ConcordanceRow {
  file: string;
  jurisdiction: string;
  instrument: string;
  instrumentName: string;
  article: string;
  elementId: string;
  elementTitle: string;
  /** Provision labels, in document order, without repeats. */
  provisions: string[];
  /** Ids of those provisions (for in-page links), parallel to `provisions`. */
  provisionIds: string[];
  /** The status for this instrument (an instrument may accept what another does not). */
  status: ElementStatus;
  /** The element's overall status across the checked instruments. */
  overall: ElementStatus;
  reason: string;
  /** The treaty quotation for this article was checked against an authentic text. */
  verified: boolean;
  url: string;
}

export interface ConcordanceGroup {
  instrument: string;
  instrumentName: string;
  rows: ConcordanceRow[];
}

/** "20(1)(a)" → ["20", "1", "a"]: numbers compare as numbers, letters as text. */
function articleKey(article: string): (number | string)[] {
  return (article.match(/\d+|[a-z]+/gi) ?? []).map((part) => (/^\d+$/.test(part) ? Number(part) : part.toLowerCase()));
}

export function compareArticles(a: string, b: string): number {
  const x = articleKey(a);
  const y = articleKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** Why this status, for this instrument: the finding's reason, said plainly when this instrument accepts it. */
function rowReason(element: ReportElement, status: ElementStatus): string {
  // OPSC accepts possession "for the above purposes": met for OPSC, partial elsewhere, same words.
  if (status === 'met' && element.status !== 'met' && element.weakenings.length > 0) return `Accepted by this instrument. ${element.reason}`;
  return element.reason;
}

export function concordanceGroups(report: BillReport): ConcordanceGroup[] {
  const jurisdiction = report.jurisdiction ?? '';
  return report.instruments.map((instrument) => {
    const rows: ConcordanceRow[] = [];
    report.elements.forEach((element) => {
      const status = element.perInstrument[instrument.id];
      if (status === undefined) return;
      const articles = [...new Set(element.citations.filter((c) => c.instrument === instrument.id).map((c) => c.article))];
      const labels: string[] = [];
      const ids: string[] = [];
      for (const provision of element.provisions) {
        if (labels.includes(provision.label)) continue;
        labels.push(provision.label);
        ids.push(provision.id);
      }
      for (const article of articles) {
        const citation = element.citations.find((c) => c.instrument === instrument.id && c.article === article)!;
        rows.push({
          file: report.file,
          jurisdiction,
          instrument: instrument.id,
          instrumentName: instrument.shortName,
          article,
          elementId: element.id,
          elementTitle: element.title,
          provisions: labels,
          provisionIds: ids,
          status,
          overall: element.status,
          reason: rowReason(element, status),
          verified: citation.verified,
          url: citation.url,
        });
      }
    });
    // Stable sort: by article, then the catalogue order the rows were pushed in.
    rows.sort((a, b) => compareArticles(a.article, b.article));
    return { instrument: instrument.id, instrumentName: instrument.shortName, rows };
  });
}

export function concordanceRows(report: BillReport): ConcordanceRow[] {
  return concordanceGroups(report).flatMap((group) => group.rows);
}
