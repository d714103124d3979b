/**
 * The concordance table as a Word document (the form ministries exchange transposition tables in),
 * built with the `docx` package: a heading per bill and per instrument, then a table of article →
 * element → provision(s) → status → reason. Returns the bytes; the CLI writes them.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { countsText } from './html/parts.js';
import type { BillReport } from './model.js';
import { concordanceGroups, type ConcordanceRow } from './table.js';

const HEADER = ['Article', 'Element', 'Provision(s)', 'Status', 'Reason'];
/** Column widths in percent of the table: the reason needs the room. */
const WIDTHS = [10, 20, 18, 10, 42];
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
    children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })],
  });
}

function rowCells(row: ConcordanceRow): string[] {
  return [
    `${row.article}${row.verified ? '' : ' *'}`,
    `${row.elementTitle} (${row.elementId})`,
    row.provisions.length ? row.provisions.join(', ') : 'Not found',
    row.status,
    row.reason,
  ];
}

function table(rows: readonly ConcordanceRow[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: HEADER.map((h, i) => cell(h, WIDTHS[i]!, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: rowCells(row).map((text, i) => cell(text, WIDTHS[i]!)) })),
    ],
  });
}

export function concordanceDocument(reports: readonly BillReport[]): Document {
  const children: (Paragraph | Table)[] = [];
  for (const report of reports) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`Concordance table — ${report.title ?? report.file}`)] }));
    children.push(
      new Paragraph({
        children: [new TextRun({ text: `${report.file}${report.jurisdiction ? ` · ${report.jurisdiction}` : ''} · ${countsText(report.counts, report.elements.length)}`, italics: true })],
      }),
    );
    for (const group of concordanceGroups(report)) {
      const instrument = report.instruments.find((i) => i.id === group.instrument)!;
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(group.instrumentName)] }));
      children.push(new Paragraph({ children: [new TextRun(countsText(instrument.counts, instrument.total))] }));
      children.push(table(group.rows));
    }
    children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: '* the treaty quotation for this article is not yet verified against an authentic text.', size: 16 })] }));
  }
  return new Document({
    creator: 'Concordance',
    title: 'Concordance table',
    description: 'Bill provisions against OPSC, Budapest, Lanzarote, Directive 2011/93/EU and ICMEC criteria',
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
}

export async function concordanceDocx(reports: readonly BillReport[]): Promise<Uint8Array> {
  return Packer.toBuffer(concordanceDocument(reports));
}
