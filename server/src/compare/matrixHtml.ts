/**
 * The matrix as an HTML page (VS Code webview or the CLI's self-contained file): elements × columns
 * with status and key figure per cell and the common minimum standard last, then, per element, what
 * each jurisdiction wrote ("how others drafted it"), reached by in-page links from the row heading.
 */
import { page } from '../report/html/page.js';
import { statusBadge, yearsText, type LinkStyle } from '../report/html/parts.js';
import { html, slug, type SafeHtml } from '../report/html/safe.js';
import { WEBVIEW_SCRIPT } from '../report/html/script.js';
import type { Matrix, MatrixCell, MatrixColumn, MatrixRow } from './matrix.js';
import { cellFigure } from './matrixFormat.js';

export interface MatrixHtmlOptions {
  /** message: provisions reveal in the editor (webview); anchor: in-page links only (file). */
  links: Exclude<LinkStyle, 'command'>;
  nonce: string;
  cspSource?: string;
  /** Show only this element (the "how others drafted it" view of one element). */
  element?: string;
}

function figureClass(cell: MatrixCell): string {
  if (cell.age !== undefined) return cell.age >= 18 ? 'ok' : 'below';
  if (cell.maxYears !== undefined && cell.minimumMaximum !== undefined) {
    return cell.maxYears === 'life' || (cell.maxYears !== null && cell.maxYears >= cell.minimumMaximum) ? 'ok' : 'below';
  }
  return 'muted';
}

function cellHtml(cell: MatrixCell): SafeHtml {
  const figure = cellFigure(cell);
  return html`<td class="cell">${statusBadge(cell.status)}${cell.verified ? '' : html`<span class="unverified" title="not verified against the statute's text">*</span>`}${
    figure ? html`<div class="${figureClass(cell)}">${figure}</div>` : ''
  }${cell.provisions.length ? html`<div class="muted">${cell.provisions.slice(0, 3).map((p) => p.label).join(', ')}${cell.provisions.length > 3 ? ', …' : ''}</div>` : ''}</td>`;
}

function provisionItem(column: MatrixColumn, p: MatrixCell['provisions'][number], links: MatrixHtmlOptions['links']): SafeHtml {
  const label =
    links === 'message' && p.range && column.uri
      ? html`<a href="#" class="reveal" data-uri="${column.uri}" data-reveal="${`${p.range.start.line}:${p.range.start.character}:${p.range.end.line}:${p.range.end.character}`}">${p.label}</a>`
      : html`<span class="mono">${p.label}</span>`;
  return html`<li>${label}${p.range ? html` <span class="muted">(line ${p.range.start.line + 1})</span>` : ''}${p.excerpt ? html`<blockquote>${p.excerpt}</blockquote>` : ''}</li>`;
}

function elementSection(matrix: Matrix, row: MatrixRow, links: MatrixHtmlOptions['links']): SafeHtml {
  return html`<section id="el-${slug(row.id)}" class="element">
<h3>${row.title} <span class="mono muted">${row.id}</span></h3>
<p><strong>Common minimum:</strong> ${row.minimum.summary}. ${row.minimum.requirement}</p>
<table><thead><tr><th>Jurisdiction</th><th>Status</th><th>Provision(s)</th><th>Note</th></tr></thead><tbody>${matrix.columns.map((column, i) => {
    const cell = row.cells[i]!;
    return html`<tr><td><strong>${column.name}</strong><div class="muted">${column.kind === 'bill' ? column.file : `reference profile — ${column.act}`}</div></td>
<td>${statusBadge(cell.status)}${cell.verified ? '' : html`<div class="unverified">not verified against the statute</div>`}${
      cell.age !== undefined ? html`<div>Age: ${cell.age}</div>` : ''
    }${cell.maxYears !== undefined ? html`<div>Max.: ${yearsText(cell.maxYears)}</div>` : ''}</td>
<td>${cell.provisions.length ? html`<ul class="plain">${cell.provisions.map((p) => provisionItem(column, p, links))}</ul>` : html`<span class="notfound">None</span>`}</td>
<td>${cell.note ?? ''}${cell.source ? html`<div class="muted">Source: ${cell.source}</div>` : ''}</td></tr>`;
  })}</tbody></table>
<p class="no-print"><a href="#matrix">Back to the matrix</a></p>
</section>`;
}

export function matrixBody(matrix: Matrix, options: Pick<MatrixHtmlOptions, 'links' | 'element'>): SafeHtml {
  const rows = options.element ? matrix.rows.filter((r) => r.id === options.element) : matrix.rows;
  const bills = matrix.columns.filter((c) => c.kind === 'bill').length;
  return html`<header>
<h1>${options.element && rows[0] ? `How others drafted it — ${rows[0].title}` : 'Harmonisation matrix'}</h1>
<p class="meta">${bills} bill(s) and ${matrix.columns.length - bills} reference profile(s) · common minimum over ${matrix.instruments.join(', ') || 'all instruments'}</p>
<p class="legend muted"><span>* not verified against the statute's text</span><span>figures: age threshold, or maximum penalty in years (&lt; n: below the Directive's minimum maximum)</span></p>
</header>
<table id="matrix" class="matrix"><thead><tr><th class="element">Element</th>${matrix.columns.map(
    (c) => html`<th title="${c.kind === 'bill' ? c.file : c.act}">${c.name}<div class="muted">${c.kind === 'profile' ? 'reference profile' : (c.file?.split('/').pop() ?? '')}</div></th>`,
  )}<th class="minimum">Common minimum standard</th></tr></thead><tbody>${rows.map(
    (row) => html`<tr id="row-${slug(row.id)}"><th class="element"><a href="#el-${slug(row.id)}">${row.title}</a><div class="mono muted">${row.id}</div></th>${row.cells.map((c) => cellHtml(c))}<td class="minimum">${row.minimum.summary}</td></tr>`,
  )}</tbody></table>
<h2>How others drafted it</h2>
${rows.map((row) => elementSection(matrix, row, options.links))}`;
}

export function renderMatrixHtml(matrix: Matrix, options: MatrixHtmlOptions): string {
  return page(
    { title: 'Harmonisation matrix', nonce: options.nonce, ...(options.cspSource ? { cspSource: options.cspSource } : {}), ...(options.links === 'message' ? { script: WEBVIEW_SCRIPT } : {}) },
    html`<main id="content">${matrixBody(matrix, options)}</main>`,
  );
}
