// Bill text is untrusted: a provision, a title or a jurisdiction holding <script> or an <img onerror>
// must come out of every HTML view as text. Assertions are on the generated strings: no raw tag from
// the bill survives, and the escaped form is there (so the text was shown, not dropped).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffReports } from '../../server/src/compare/diff.js';
import { renderDiffHtml } from '../../server/src/compare/diffFormat.js';
import { buildMatrix, peersFromMatrix } from '../../server/src/compare/matrix.js';
import { matrixMarkdown } from '../../server/src/compare/matrixFormat.js';
import { renderMatrixHtml } from '../../server/src/compare/matrixHtml.js';
import { renderReportHtml, reportBody } from '../../server/src/report/html/report.js';
import { escapeHtml, html, safeUrl } from '../../server/src/report/html/safe.js';
import { concordanceMarkdown } from '../../server/src/report/markdown.js';
import { builtinCatalogue } from '../helpers/catalogue.js';
import { FIXTURES, reportFor, SAMPLE } from './helpers.js';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const HOSTILE = /<script>alert|<script>window|<img src=x|<b onmouseover|onerror=alert\(1\)>|onerror="window/i;

/** Tags in the page that did not come from the renderer itself. */
function foreignTags(page: string): string[] {
  const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'article', 'header', 'h1', 'h2', 'h3', 'p', 'div', 'span', 'strong', 'a', 'nav', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'details', 'summary', 'blockquote', 'svg', 'rect', 'dl', 'dt', 'dd', 'script']);
  return [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()).filter((tag) => !allowed.has(tag));
}

describe('escaping', () => {
  const xss = reportFor(path.join(FIXTURES, 'xss.bill.md'));
  const catalogue = builtinCatalogue();

  it('the fixture really carries the hostile text into the report model', () => {
    const texts = xss.elements.flatMap((e) => e.provisions.map((p) => p.excerpt)).join('\n');
    expect(texts).toContain('<script>alert(1)</script>');
    expect(texts).toContain('<img src=x onerror="window.__xss=1;alert(1)">');
    expect(xss.jurisdiction).toContain('<img src=x onerror=alert(1)>');
  });

  it('report page (file export and webview) shows the tags as text', () => {
    for (const links of ['anchor', 'message'] as const) {
      const page = renderReportHtml(xss, { links, nonce: NONCE, concordanceTable: true, provisionsAppendix: true });
      expect(page).not.toMatch(HOSTILE);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).toContain('&lt;img src=x onerror=&quot;window.__xss=1;alert(1)&quot;&gt;');
      expect(page).toContain('Republic of &lt;img src=x onerror=alert(1)&gt; Scriptland');
      expect(foreignTags(page)).toEqual([]);
      // The only script is the renderer's own, under the nonce (webview), or none at all (file).
      expect(page.match(/<script/g)?.length ?? 0).toBe(links === 'message' ? 1 : 0);
    }
    expect(reportBody(xss, { links: 'message' }).value).not.toMatch(HOSTILE);
  });

  it('matrix, peers and diff pages show the tags as text', () => {
    const sample = reportFor(SAMPLE);
    const matrix = buildMatrix([xss, sample], [], catalogue);
    const matrixPage = renderMatrixHtml(matrix, { links: 'message', nonce: NONCE });
    expect(matrixPage).not.toMatch(HOSTILE);
    expect(matrixPage).toContain('&lt;script&gt;');
    expect(foreignTags(matrixPage)).toEqual([]);
    const withPeers = renderReportHtml(sample, { links: 'anchor', nonce: NONCE, peers: peersFromMatrix(matrix, sample.file) });
    expect(withPeers).toContain('How others drafted it');
    expect(withPeers).not.toMatch(HOSTILE);
    const diffPage = renderDiffHtml(diffReports(sample, xss), { nonce: NONCE });
    expect(diffPage).not.toMatch(HOSTILE);
    expect(foreignTags(diffPage)).toEqual([]);
  });

  it('Markdown exports escape tags and pipes so they render as text', () => {
    const md = concordanceMarkdown([xss]) + matrixMarkdown(buildMatrix([xss], [], catalogue));
    expect(md).not.toMatch(/<img|<script/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('the html tag escapes interpolations, and only http(s) URLs become links', () => {
    expect(html`<p>${'<b>"x" & \'y\'</b>'}</p>`.value).toBe('<p>&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</p>');
    expect(escapeHtml('`')).toBe('&#96;');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://example.org/a"onmouseover=x')).toBeUndefined();
    expect(safeUrl('https://treaties.un.org/')).toBe('https://treaties.un.org/');
  });
});
