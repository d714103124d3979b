/**
 * The matrix as text (terminal), Markdown, CSV and JSON, and the one-element view
 * ("how others drafted it": `concordance matrix --element offence/possession`).
 */
import { toCsv } from '../report/csv.js';
import { mdCell } from '../report/markdown.js';
import { yearsText } from '../report/html/parts.js';
import type { Matrix, MatrixCell, MatrixColumn, MatrixRow } from './matrix.js';

/** "18", "10y", "1y < 2": the figure that matters for the row, short enough for a cell. */
export function cellFigure(cell: MatrixCell): string {
  if (cell.age !== undefined) return `${cell.age}`;
  if (cell.maxYears !== undefined && cell.maxYears !== null) {
    const years = cell.maxYears === 'life' ? 'life' : `${cell.maxYears}y`;
    const below = cell.minimumMaximum !== undefined && cell.maxYears !== 'life' && cell.maxYears < cell.minimumMaximum;
    return below ? `${years} < ${cell.minimumMaximum}` : years;
  }
  return '';
}

/** Status, figure, and "*" for a profile entry not verified against the statute's text. */
export function cellText(cell: MatrixCell): string {
  return [cell.status + (cell.verified ? '' : '*'), cellFigure(cell)].filter(Boolean).join(' ');
}

function columnLegend(column: MatrixColumn): string {
  return column.kind === 'bill' ? `${column.name} — ${column.file}` : `${column.name} — reference profile: ${column.act}`;
}

export function matrixText(matrix: Matrix): string {
  const out: string[] = [];
  const bills = matrix.columns.filter((c) => c.kind === 'bill').length;
  out.push(`Harmonisation matrix — ${bills} bill(s), ${matrix.columns.length - bills} reference profile(s); minimum over ${matrix.instruments.join(', ') || 'all instruments'}`);
  matrix.columns.forEach((column, i) => out.push(`  [${i + 1}] ${columnLegend(column)}`));
  out.push('  [M] common minimum standard (what every applicable instrument requires)', '');
  const width = Math.max(14, ...matrix.rows.flatMap((r) => r.cells.map((c) => cellText(c).length + 2)));
  const idWidth = Math.max(...matrix.rows.map((r) => r.id.length)) + 2;
  out.push(['element'.padEnd(idWidth), ...matrix.columns.map((_, i) => `[${i + 1}]`.padEnd(width)), '[M]'].join(''));
  for (const row of matrix.rows) {
    out.push([row.id.padEnd(idWidth), ...row.cells.map((c) => cellText(c).padEnd(width)), row.minimum.summary].join('').trimEnd());
  }
  out.push('', '* profile entry not verified against the statute\'s text (see definitions/profiles/).');
  return `${out.join('\n')}\n`;
}

export function matrixMarkdown(matrix: Matrix): string {
  const out: string[] = ['# Harmonisation matrix', ''];
  out.push(`| Element | ${matrix.columns.map((c) => mdCell(c.kind === 'profile' ? `${c.name} (reference)` : c.name)).join(' | ')} | Common minimum |`);
  out.push(`|---|${matrix.columns.map(() => '---|').join('')}---|`);
  for (const row of matrix.rows) {
    out.push(`| ${mdCell(row.title)} (\`${row.id}\`) | ${row.cells.map((c) => mdCell(cellText(c))).join(' | ')} | ${mdCell(row.minimum.summary)} |`);
  }
  out.push('', '\\* profile entry not verified against the statute\'s text.', '');
  matrix.columns.forEach((c) => out.push(`- **${mdCell(c.name)}**: ${mdCell(c.kind === 'bill' ? c.file ?? '' : `reference profile — ${c.act ?? ''}`)}`));
  return `${out.join('\n')}\n`;
}

/** Wide CSV: one row per element; per column its status, figure and provisions. */
export function matrixCsv(matrix: Matrix): string {
  const header = ['element', 'title', 'minimum_standard'];
  for (const c of matrix.columns) header.push(`${c.name} status`, `${c.name} figure`, `${c.name} provisions`, `${c.name} verified`);
  const rows: (string | boolean)[][] = [header];
  for (const row of matrix.rows) {
    const line: (string | boolean)[] = [row.id, row.title, row.minimum.summary];
    for (const cell of row.cells) line.push(cell.status, cellFigure(cell), cell.provisions.map((p) => p.label).join('; '), cell.verified);
    rows.push(line);
  }
  return toCsv(rows);
}

export function matrixJson(matrix: Matrix): string {
  return `${JSON.stringify(matrix, null, 2)}\n`;
}

export function findRow(matrix: Matrix, elementId: string): MatrixRow | undefined {
  return matrix.rows.find((r) => r.id === elementId);
}

function cellLines(cell: MatrixCell): string[] {
  const lines: string[] = [];
  for (const p of cell.provisions) {
    const where = p.range ? ` (line ${p.range.start.line + 1})` : '';
    lines.push(`    ${p.label}${where}${p.excerpt ? `: “${p.excerpt}”` : ''}`);
  }
  if (cell.provisions.length === 0) lines.push('    (no provision)');
  if (cell.age !== undefined) lines.push(`    age threshold: ${cell.age}`);
  if (cell.maxYears !== undefined) lines.push(`    maximum penalty: ${yearsText(cell.maxYears)}${cell.minimumMaximum !== undefined ? ` (Directive minimum ≥ ${cell.minimumMaximum})` : ''}`);
  if (cell.note) lines.push(`    ${cell.note}`);
  if (cell.source) lines.push(`    source: ${cell.source}${cell.verified ? '' : ' (not verified against the statute)'}`);
  return lines;
}

/** `--element ID`, text: the common minimum, then each jurisdiction's provisions for the element. */
export function elementText(matrix: Matrix, row: MatrixRow): string {
  const out = [`${row.id} — ${row.title}`, `Common minimum: ${row.minimum.summary}`, `  ${row.minimum.requirement}`, ''];
  matrix.columns.forEach((column, i) => {
    const cell = row.cells[i]!;
    out.push(`${column.name}${column.kind === 'profile' ? ' (reference profile)' : ` (${column.file})`}: ${cell.status}${cell.verified ? '' : ' — unverified'}`);
    out.push(...cellLines(cell), '');
  });
  return `${out.join('\n')}`;
}

export function elementMarkdown(matrix: Matrix, row: MatrixRow): string {
  const out = [`# ${mdCell(row.title)} (\`${row.id}\`)`, '', `**Common minimum:** ${mdCell(row.minimum.summary)}. ${mdCell(row.minimum.requirement)}`, ''];
  out.push('| Jurisdiction | Status | Provision(s) | Note |', '|---|---|---|---|');
  matrix.columns.forEach((column, i) => {
    const cell = row.cells[i]!;
    const provisions = cell.provisions.map((p) => `${p.label}${p.excerpt ? `: “${p.excerpt}”` : ''}`).join('; ');
    out.push(`| ${mdCell(column.name)}${column.kind === 'profile' ? ' (reference)' : ''} | ${mdCell(cellText(cell))} | ${mdCell(provisions || '—')} | ${mdCell(cell.note ?? '')} |`);
  });
  return `${out.join('\n')}\n`;
}

export function elementCsv(matrix: Matrix, row: MatrixRow): string {
  const rows: (string | boolean)[][] = [['jurisdiction', 'kind', 'status', 'figure', 'provisions', 'note', 'verified']];
  matrix.columns.forEach((column, i) => {
    const cell = row.cells[i]!;
    rows.push([column.name, column.kind, cell.status, cellFigure(cell), cell.provisions.map((p) => p.label).join('; '), cell.note ?? '', cell.verified]);
  });
  return toCsv(rows);
}
