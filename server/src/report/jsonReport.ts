/**
 * `concordance report --format json`: the report model itself (version 1), every bill, plus its
 * concordance rows. Distinct from `check --format json` (diagnostic-oriented): this is what the
 * HTML, CSV and DOCX are made from, for tools that want to make their own.
 */
import type { BillReport } from './model.js';
import { concordanceRows } from './table.js';

export function reportJson(reports: readonly BillReport[]): string {
  return `${JSON.stringify({ version: 1, reports: reports.map((report) => ({ ...report, concordance: concordanceRows(report) })) }, null, 2)}\n`;
}
