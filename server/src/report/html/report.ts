/**
 * The compliance report as HTML: every element a row, grouped by instrument (an element appears
 * under each instrument that asks for it, with that instrument's status), with the implementing
 * provisions as links, the reason, the key figures, the treaty text and the peers on expand.
 * "Not found" is said, never left blank. Pure: the VS Code webview and the CLI export both call it.
 */
import type { BillReport, PeersByElement, ReportElement, ReportProvision } from '../model.js';
import { concordanceGroups } from '../table.js';
import { page } from './page.js';
import {
  countsText,
  coverageBar,
  figuresCell,
  peersDetails,
  provisionAnchor,
  provisionLink,
  statusBadge,
  treatyDetails,
  type LinkOptions,
  type LinkStyle,
} from './parts.js';
import { html, slug, type SafeHtml } from './safe.js';
import { WEBVIEW_SCRIPT } from './script.js';

export interface ReportHtmlOptions {
  links: LinkStyle;
  /** Peers per element id ("how others drafted it"); per bill when several bills share a page. */
  peers?: PeersByElement | ((report: BillReport) => PeersByElement);
  /** Add the concordance table (article → provision → status → reason) per instrument. */
  concordanceTable?: boolean;
  /** Add the "Provisions cited" appendix (the targets of anchor links); default: links === 'anchor'. */
  provisionsAppendix?: boolean;
  revealCommand?: string;
}

export interface ReportPageOptions extends ReportHtmlOptions {
  nonce: string;
  cspSource?: string;
  title?: string;
}

function uniqueProvisions(provisions: readonly ReportProvision[]): ReportProvision[] {
  const out: ReportProvision[] = [];
  for (const provision of provisions) if (!out.some((p) => p.id === provision.id)) out.push(provision);
  return out;
}

function provisionsCell(element: ReportElement, links: LinkOptions): SafeHtml {
  if (element.provisions.length === 0) {
    return element.annotation?.kind === 'ignore'
      ? html`<span class="muted">Ignored by annotation</span>`
      : html`<span class="notfound">Not found in the bill</span>`;
  }
  return html`<ul class="plain">${uniqueProvisions(element.provisions).map(
    (p) => html`<li>${provisionLink(p, links)}${p.text.trim() ? html` <span class="muted">“${p.text.trim()}”</span>` : ''}</li>`,
  )}</ul>`;
}

function reasonCell(element: ReportElement): SafeHtml {
  const weakenings = element.weakenings.filter((w) => w.text || w.provisionLabel);
  return html`${element.reason}${
    weakenings.length
      ? html`<ul class="plain muted">${weakenings.map((w) => html`<li>${w.provisionLabel ? `${w.provisionLabel}: ` : ''}${w.text ? `“${w.text}”` : ''}</li>`)}</ul>`
      : ''
  }`;
}

function elementRow(report: BillReport, element: ReportElement, instrument: string | undefined, links: LinkOptions, peers: PeersByElement): SafeHtml {
  const status = instrument ? (element.perInstrument[instrument] ?? element.status) : element.status;
  const group = instrument ?? 'other';
  const key = `${group}/${element.id}`;
  // The instrument's own quotations first; articles of instruments not checked here (CRC Art 1,
  // relied on by OPSC) go with every group, since they explain the obligation.
  const checked = new Set(report.instruments.map((i) => i.id));
  const citations = element.citations.filter((c) => c.instrument === instrument || (!checked.has(c.instrument) && instrument !== undefined));
  const advisory = instrument !== undefined && element.advisoryInstruments.includes(instrument);
  return html`<tr id="${links.prefix}${slug(group)}--${slug(element.id)}" data-element="${element.id}">
<td>${statusBadge(status)}${advisory ? html`<div class="muted">advisory</div>` : ''}</td>
<td><strong>${element.title}</strong><div class="mono muted">${element.id}</div>${treatyDetails(instrument ? citations : element.citations, `${key}/treaty`)}${peersDetails(peers[element.id], `${key}/peers`)}</td>
<td>${provisionsCell(element, links)}</td>
<td>${reasonCell(element)}</td>
<td class="figures">${figuresCell(element.figures)}</td>
</tr>`;
}

const ELEMENT_HEAD = html`<thead><tr><th>Status</th><th>Element</th><th>Implementing provision(s)</th><th>Reason</th><th>Key figures</th></tr></thead>`;

function instrumentSection(report: BillReport, index: number, links: LinkOptions, peers: PeersByElement): SafeHtml {
  const instrument = report.instruments[index]!;
  const rows = report.elements.filter((e) => e.perInstrument[instrument.id] !== undefined);
  return html`<section id="${links.prefix}inst-${slug(instrument.id)}" class="instrument">
<h2>${instrument.shortName}${instrument.force === 'advisory' ? html` <span class="muted">(advisory)</span>` : ''}</h2>
<p class="muted">${instrument.name}</p>
${coverageBar(instrument.counts, instrument.total, instrument.shortName)}
<p>${countsText(instrument.counts, instrument.total)}</p>
<table class="elements">${ELEMENT_HEAD}<tbody>${rows.map((e) => elementRow(report, e, instrument.id, links, peers))}</tbody></table>
</section>`;
}

function concordanceSection(report: BillReport, links: LinkOptions): SafeHtml {
  const groups = concordanceGroups(report);
  return html`<section id="${links.prefix}concordance"><h2>Concordance table</h2>${groups.map(
    (group) => html`<h3>${group.instrumentName}</h3><table class="concordance"><thead><tr><th>Article</th><th>Element</th><th>Provision(s)</th><th>Status</th><th>Reason</th></tr></thead><tbody>${group.rows.map(
      (row) => html`<tr><td>${row.article}${row.verified ? '' : html` <span class="unverified" title="unverified quotation">*</span>`}</td><td>${row.elementTitle}</td><td>${
        row.provisions.length
          ? row.provisionIds.map((id, i) => {
              const provision = report.elements.find((e) => e.id === row.elementId)?.provisions.find((p) => p.id === id);
              return html`${i > 0 ? ', ' : ''}${provision ? provisionLink(provision, links) : row.provisions[i]}`;
            })
          : html`<span class="notfound">Not found</span>`
      }</td><td>${statusBadge(row.status)}</td><td>${row.reason}</td></tr>`,
    )}</tbody></table>`,
  )}<p class="muted"><span class="unverified">*</span> the treaty quotation for this article is not yet verified against an authentic text.</p></section>`;
}

function provisionsAppendix(report: BillReport, links: LinkOptions): SafeHtml {
  const all = uniqueProvisions(report.elements.flatMap((e) => e.provisions)).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return html`<section id="${links.prefix}provisions"><h2>Provisions cited</h2>${
    all.length
      ? html`<dl>${all.map(
          (p) => html`<dt id="${provisionAnchor(links.prefix, p.id)}"><strong>${p.label}</strong>${p.heading ? ` — ${p.heading}` : ''} <span class="muted">(line ${p.range.start.line + 1})</span></dt><dd><blockquote>${p.excerpt}</blockquote></dd>`,
        )}</dl>`
      : html`<p class="notfound">The bill implements none of the elements.</p>`
  }</section>`;
}

/** The body of one bill's report (what the webview swaps in when the bill changes). */
export function reportBody(report: BillReport, options: ReportHtmlOptions, prefix = ''): SafeHtml {
  const links: LinkOptions = { style: options.links, prefix, uri: report.uri, ...(options.revealCommand ? { revealCommand: options.revealCommand } : {}) };
  const peers = typeof options.peers === 'function' ? options.peers(report) : (options.peers ?? {});
  const appendix = options.provisionsAppendix ?? options.links === 'anchor';
  const others = report.elements.filter((e) => Object.keys(e.perInstrument).length === 0);
  const total = report.elements.length;
  const checked = report.instruments.map((i) => i.shortName).join(', ');
  return html`<article class="bill" id="${prefix}bill">
<header>
<h1>Compliance report — ${report.title ?? report.file}</h1>
<p class="meta">${report.file}${report.jurisdiction ? ` · ${report.jurisdiction}` : ''} · checked against ${checked || 'no instrument'}</p>
<p><strong>${countsText(report.counts, total)}</strong></p>
<div class="summary-grid">${report.instruments.map(
    (i) => html`<a href="#${prefix}inst-${slug(i.id)}">${i.shortName}</a>${coverageBar(i.counts, i.total, i.shortName)}<span>${countsText(i.counts, i.total)}</span>`,
  )}</div>
${report.problems.length ? html`<ul class="problems">${report.problems.map((p) => html`<li>Line ${p.line}: ${p.message}</li>`)}</ul>` : ''}
<nav class="toc">${report.instruments.map((i) => html`<a href="#${prefix}inst-${slug(i.id)}">${i.shortName}</a>`)}${
    options.concordanceTable ? html`<a href="#${prefix}concordance">Concordance table</a>` : ''
  }${appendix ? html`<a href="#${prefix}provisions">Provisions cited</a>` : ''}</nav>
</header>
${report.instruments.map((_, index) => instrumentSection(report, index, links, peers))}
${
  others.length
    ? html`<section id="${prefix}inst-other"><h2>Elements no checked instrument asks for</h2><table class="elements">${ELEMENT_HEAD}<tbody>${others.map((e) =>
        elementRow(report, e, undefined, links, peers),
      )}</tbody></table></section>`
    : ''
}
${options.concordanceTable ? concordanceSection(report, links) : ''}
${appendix ? provisionsAppendix(report, links) : ''}
</article>`;
}

/** A whole page: one bill (the webview) or several (a CLI export of a folder). */
export function renderReportHtml(reports: BillReport | readonly BillReport[], options: ReportPageOptions): string {
  const list = Array.isArray(reports) ? (reports as readonly BillReport[]) : [reports as BillReport];
  const many = list.length > 1;
  const title = options.title ?? (list.length === 1 ? `Compliance report — ${list[0]!.title ?? list[0]!.file}` : 'Compliance reports');
  const bodies = list.map((report, index) => reportBody(report, options, many ? `b${index + 1}-` : ''));
  const index = many ? html`<nav class="toc">${list.map((r, i) => html`<a href="#b${i + 1}-bill">${r.jurisdiction ?? r.file}</a>`)}</nav>` : '';
  return page(
    { title, nonce: options.nonce, ...(options.cspSource ? { cspSource: options.cspSource } : {}), ...(options.links === 'message' ? { script: WEBVIEW_SCRIPT } : {}) },
    html`${index}<main id="content">${bodies}</main>`,
  );
}
