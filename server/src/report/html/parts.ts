/**
 * Small pieces shared by the report, matrix and diff pages: status badges, coverage bars, key
 * figures, treaty quotations, peers and provision links. All return SafeHtml built with `html`, so
 * bill text and catalogue text are escaped wherever they land.
 */
import type { ElementStatus } from '../../analysis/types.js';
import type { Peer, ReportCitation, ReportFigures, ReportProvision, StatusCounts, Years } from '../model.js';
import { STATUS_ORDER } from '../model.js';
import { html, safeUrl, slug, type SafeHtml } from './safe.js';

/**
 * How provision links behave: `message` — a data attribute the webview's script turns into a
 * postMessage (the extension reveals the range in the editor); `command` — a `command:` URI for
 * hosts that enable command links; `anchor` — an in-page link to the "Provisions cited" appendix
 * (the CLI's self-contained file).
 */
export type LinkStyle = 'message' | 'command' | 'anchor';

export interface LinkOptions {
  style: LinkStyle;
  /** Prefix that keeps ids unique when several bills share one page. */
  prefix: string;
  /** The bill's URI (message and command links name the document to reveal in). */
  uri: string;
  /** VS Code command that reveals a range (command style). */
  revealCommand?: string;
}

export function statusBadge(status: ElementStatus | 'unknown'): SafeHtml {
  return html`<span class="status ${status}">${status}</span>`;
}

export function countsText(counts: StatusCounts, total: number): string {
  const rest = STATUS_ORDER.filter((s) => s !== 'met' && counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return [`${counts.met} of ${total} met`, ...rest].join(' · ');
}

/** A stacked bar (SVG rects: widths are attributes, so no inline style is needed under the CSP). */
export function coverageBar(counts: StatusCounts, total: number, label: string): SafeHtml {
  let x = 0;
  const rects: SafeHtml[] = [];
  for (const status of STATUS_ORDER) {
    const n = counts[status];
    if (n === 0 || total === 0) continue;
    const width = (n / total) * 100;
    rects.push(html`<rect class="${status}" x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="10"><title>${n} ${status}</title></rect>`);
    x += width;
  }
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${label}: ${countsText(counts, total)}">${rects}</svg>`;
}

export function yearsText(years: Years | undefined): string {
  if (years === undefined || years === null) return 'not found';
  if (years === 'life') return 'life';
  return `${years} year${years === 1 ? '' : 's'}`;
}

function belowMinimum(years: Years | undefined, minimum: number | undefined): boolean {
  if (minimum === undefined || years === 'life') return false;
  return years === undefined || years === null || years < minimum;
}

export function figuresCell(figures: ReportFigures): SafeHtml {
  const parts: SafeHtml[] = [];
  if (figures.age !== undefined) {
    parts.push(html`<div>Age threshold: <span class="${figures.age >= 18 ? 'ok' : 'below'}">${figures.age}</span></div>`);
  }
  if (figures.otherAges?.length) parts.push(html`<div>Also used: <span class="below">${figures.otherAges.join(', ')}</span></div>`);
  if (figures.maxYears !== undefined || figures.minimumMaximum !== undefined) {
    const below = belowMinimum(figures.maxYears, figures.minimumMaximum);
    parts.push(html`<div>Max. penalty: <span class="${below ? 'below' : 'ok'}">${yearsText(figures.maxYears)}</span></div>`);
    if (figures.minimumMaximum !== undefined) parts.push(html`<div class="muted">Directive minimum: ≥ ${yearsText(figures.minimumMaximum)}</div>`);
  }
  if (figures.penalties?.length) {
    parts.push(
      html`<table class="penalties"><thead><tr><th>Offence</th><th>Max.</th><th>Dir. min.</th></tr></thead><tbody>${figures.penalties.map(
        (p) =>
          html`<tr><td>${p.title}</td><td class="${belowMinimum(p.maxYears, p.minimumMaximum) ? 'below' : 'ok'}">${yearsText(p.maxYears)}</td><td>${p.minimumMaximum !== undefined ? `≥ ${yearsText(p.minimumMaximum)}` : '—'}</td></tr>`,
      )}</tbody></table>`,
    );
  }
  return parts.length ? html`${parts}` : html`<span class="muted">—</span>`;
}

export function citationLink(citation: Pick<ReportCitation, 'instrumentName' | 'article' | 'url'>): SafeHtml {
  const label = `${citation.instrumentName} Art ${citation.article}`;
  const url = safeUrl(citation.url);
  return url ? html`<a href="${url}" rel="noreferrer noopener" target="_blank">${label}</a>` : html`${label}`;
}

/** The treaty text on expand; an unverified quotation says so next to it. */
export function treatyDetails(citations: readonly ReportCitation[], key: string): SafeHtml {
  if (citations.length === 0) return html``;
  const articles = citations.map((c) => `${c.instrumentName} ${c.article}`).join(', ');
  return html`<details data-key="${key}"><summary>Treaty text (${articles})</summary>${citations.map(
    (c) =>
      html`<div class="citation">${citationLink(c)}${c.verified ? '' : html` <span class="unverified">unverified quotation</span>`}<blockquote>${c.text}</blockquote></div>`,
  )}</details>`;
}

export function peersDetails(peers: readonly Peer[] | undefined, key: string): SafeHtml {
  if (!peers || peers.length === 0) return html``;
  return html`<details class="peers" data-key="${key}"><summary>How others drafted it (${peers.length})</summary><ul class="plain">${peers.map(
    (peer) =>
      html`<li>${statusBadge(peer.status)} <strong>${peer.name}</strong>${peer.kind === 'profile' ? html` <span class="muted">(reference profile)</span>` : ''}${
        peer.verified ? '' : html` <span class="unverified">not verified against the statute</span>`
      }${peer.provisions.length ? html`: ${peer.provisions.map((p, i) => html`${i > 0 ? '; ' : ''}<span class="mono">${p.label}</span>${p.text ? html` — “${p.text}”` : ''}`)}` : ''}${
        peer.note ? html`<div class="muted">${peer.note}</div>` : ''
      }</li>`,
  )}</ul></details>`;
}

export function provisionAnchor(prefix: string, provisionId: string): string {
  return `${prefix}prov-${slug(provisionId) || 'document'}`;
}

/** A link to a provision in the style the host wants; the label is bill text, so it is escaped. */
export function provisionLink(provision: Pick<ReportProvision, 'id' | 'label' | 'range'>, links: LinkOptions): SafeHtml {
  const line = provision.range.start.line + 1;
  const title = `${provision.label} (line ${line})`;
  if (links.style === 'anchor') return html`<a href="#${provisionAnchor(links.prefix, provision.id)}" title="${title}">${provision.label}</a>`;
  const r = provision.range;
  if (links.style === 'command' && links.revealCommand) {
    const args = encodeURIComponent(JSON.stringify([links.uri, r]));
    return html`<a href="command:${links.revealCommand}?${args}" title="${title}">${provision.label}</a>`;
  }
  const data = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
  return html`<a href="#" class="reveal" data-uri="${links.uri}" data-reveal="${data}" title="${title}">${provision.label}</a>`;
}
