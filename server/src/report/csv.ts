/**
 * CSV as RFC 4180 says: CRLF line ends, every field that holds a comma, a double quote, CR or LF is
 * quoted, and quotes inside are doubled. Fields are quoted only when needed so spreadsheets and
 * `cut` users both get what they expect. A leading = + - @ is left alone: this is data, and a
 * spreadsheet that evaluates it is opened by choice.
 */
import type { BillReport } from './model.js';
import { concordanceRows } from './table.js';

export function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const CONCORDANCE_CSV_HEADER = ['file', 'jurisdiction', 'instrument', 'article', 'element', 'element_title', 'provisions', 'status', 'overall_status', 'reason', 'quotation_verified'] as const;

/** One row per element × article of each checked instrument, for every bill. */
export function concordanceCsv(reports: readonly BillReport[]): string {
  const rows: (string | boolean)[][] = [[...CONCORDANCE_CSV_HEADER]];
  for (const report of reports) {
    for (const row of concordanceRows(report)) {
      rows.push([row.file, row.jurisdiction, row.instrument, row.article, row.elementId, row.elementTitle, row.provisions.join('; '), row.status, row.overall, row.reason, row.verified]);
    }
  }
  return toCsv(rows);
}
