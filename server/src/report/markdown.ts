/**
 * The concordance table as Markdown (GFM tables), per bill and per instrument, for pasting into an
 * explanatory memorandum. Cell text is escaped so a `|` or a tag in a provision cannot break the
 * table or become markup when the Markdown is rendered.
 */
import type { BillReport } from './model.js';
import { countsText } from './html/parts.js';
import { concordanceGroups } from './table.js';

/** Pipes split cells; HTML would render; newlines would end the row. */
export function mdCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

export function concordanceMarkdown(reports: readonly BillReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    out.push(`# Concordance table — ${mdCell(report.title ?? report.file)}`, '');
    out.push(`${mdCell(report.file)}${report.jurisdiction ? ` · ${mdCell(report.jurisdiction)}` : ''} · ${countsText(report.counts, report.elements.length)}`, '');
    for (const group of concordanceGroups(report)) {
      const instrument = report.instruments.find((i) => i.id === group.instrument)!;
      out.push(`## ${mdCell(group.instrumentName)}`, '', `${countsText(instrument.counts, instrument.total)}`, '');
      out.push('| Article | Element | Provision(s) | Status | Reason |', '|---|---|---|---|---|');
      for (const row of group.rows) {
        const article = `${mdCell(row.article)}${row.verified ? '' : '\\*'}`;
        const provisions = row.provisions.length ? row.provisions.join(', ') : '*not found*';
        out.push(`| ${article} | ${mdCell(row.elementTitle)} (\`${row.elementId}\`) | ${row.provisions.length ? mdCell(provisions) : provisions} | ${row.status} | ${mdCell(row.reason)} |`);
      }
      out.push('');
    }
    out.push('\\* the treaty quotation for this article is not yet verified against an authentic text.', '');
  }
  return out.join('\n');
}
