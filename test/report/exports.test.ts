// The exports of `concordance report`: CSV (RFC 4180, parsed back with csv-parse), DOCX (unzipped
// with JSZip, the table rows read from word/document.xml), Markdown, JSON and the HTML page.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { concordanceCsv, csvField, toCsv } from '../../server/src/report/csv.js';
import { concordanceDocx } from '../../server/src/report/docx.js';
import { renderReportHtml } from '../../server/src/report/html/report.js';
import { concordanceMarkdown } from '../../server/src/report/markdown.js';
import { concordanceGroups, concordanceRows, compareArticles } from '../../server/src/report/table.js';
import { cli, expectedConcordanceKeys, reportFor, SAMPLE, WORKSPACE } from './helpers.js';

const NONCE = 'dGVzdC1ub25jZS0xMjM0';

/** The Content-Security-Policy of a page, as the browser reads the attribute (entities decoded). */
function csp(page: string): string {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? '';
  return content.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('concordance table', () => {
  const report = reportFor(SAMPLE);

  it('has one row per element × article of each checked instrument, in article order', () => {
    const rows = concordanceRows(report);
    const keys = rows.map((r) => `${r.elementId}|${r.instrument}|${r.article}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(expectedConcordanceKeys(report));
    for (const group of concordanceGroups(report)) {
      for (let i = 1; i < group.rows.length; i++) expect(compareArticles(group.rows[i - 1]!.article, group.rows[i]!.article)).toBeLessThanOrEqual(0);
    }
  });

  it('gives each row the status of its own instrument (OPSC accepts possession for a purpose)', () => {
    const possession = concordanceRows(report).filter((r) => r.elementId === 'offence/possession');
    expect(possession.find((r) => r.instrument === 'opsc')?.status).toBe('met');
    expect(possession.find((r) => r.instrument === 'budapest')?.status).toBe('partial');
    expect(possession.find((r) => r.instrument === 'opsc')?.reason).toMatch(/^Accepted by this instrument\./);
  });

  it('orders articles numerically: 9(2) before 20(1), 2(c)(ii) before 2(c)(iii)', () => {
    expect(compareArticles('9(2)', '20(1)')).toBeLessThan(0);
    expect(compareArticles('2(c)(ii)', '2(c)(iii)')).toBeLessThan(0);
    expect(compareArticles('5(6)', '5(6)')).toBe(0);
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes only fields that need it and doubles inner quotes; lines end with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(toCsv([['a', 'b'], ['c', 'd']])).toBe('a,b\r\nc,d\r\n');
  });

  it('parses back with csv-parse into one record per element × instrument article', () => {
    const reports = [reportFor(SAMPLE), reportFor(path.join(WORKSPACE, 'bills', 'aldermere.bill.md'))];
    const records = parse(concordanceCsv(reports), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    const expected = reports.flatMap((r) => expectedConcordanceKeys(r).map((k) => `${r.file}|${k}`)).sort();
    expect(records.map((r) => `${r.file}|${r.element}|${r.instrument}|${r.article}`).sort()).toEqual(expected);
    // A reason with quotes and commas survives the round trip intact.
    const material = records.find((r) => r.element === 'definition/material' && r.instrument === 'opsc' && r.file.endsWith('sample.bill.md'))!;
    expect(material.reason).toBe(reports[0]!.elements.find((e) => e.id === 'definition/material')!.reason);
    expect(material.reason).toContain('"');
    expect(new Set(records.map((r) => r.status))).toEqual(new Set(['met', 'partial', 'missing']));
  });

  it('is what `concordance report --format csv` prints', () => {
    const { code, stdout } = cli(['report', '--format', 'csv', 'examples/bills/sample.bill.md']);
    expect(code).toBe(0);
    const records = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(expectedConcordanceKeys(reportFor(SAMPLE)).length);
    expect(stdout).toMatch(/\r\n$/);
  });
});

describe('DOCX', () => {
  it('opens as a zip whose word/document.xml holds one table row per concordance row (plus headers)', async () => {
    const report = reportFor(SAMPLE);
    const bytes = await concordanceDocx([report]);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const xml = await zip.file('word/document.xml')!.async('string');
    const groups = concordanceGroups(report);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(groups.length);
    const rows = concordanceRows(report).length;
    expect(xml.match(/<w:tr>|<w:tr /g)).toHaveLength(rows + groups.length);
    expect(xml).toContain('Simple possession (offence/possession)');
    expect(xml).toContain('Concordance table — Child Sexual Abuse Material (Offences) Bill 2025');
  });

  it('is written by `concordance report --format docx --out FILE` and refused without --out', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-docx-'));
    const out = path.join(dir, 'table.docx');
    const written = cli(['report', '--format', 'docx', '--out', out, 'examples/workspace']);
    expect(written.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const name of ['Republic of Valmora', 'Commonwealth of Aldermere', 'Federated States of Corvia']) expect(xml).toContain(name);
    const refused = cli(['report', '--format', 'docx', 'examples/workspace']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/needs --out/);
  });
});

describe('Markdown and JSON', () => {
  it('prints a GFM table per instrument with a row per concordance row', () => {
    const report = reportFor(SAMPLE);
    const md = concordanceMarkdown([report]);
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Article'));
    expect(tableRows).toHaveLength(concordanceRows(report).length);
    expect(md).toContain('## OPSC');
  });

  it('`report --format json` is the report model, version 1, with the concordance rows', () => {
    const { code, stdout } = cli(['report', '--format', 'json', 'examples/workspace']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.version).toBe(1);
    expect(json.reports).toHaveLength(3);
    for (const report of json.reports) {
      expect(report.elements).toHaveLength(25);
      expect(report.concordance.length).toBeGreaterThan(50);
    }
  });
});

describe('HTML report', () => {
  const report = reportFor(path.join(WORKSPACE, 'bills', 'aldermere.bill.md'));
  const page = renderReportHtml(report, { links: 'anchor', nonce: NONCE, concordanceTable: true });

  it('has a row for every element under every instrument that asks for it, and says "not found"', () => {
    for (const element of report.elements) {
      const expectedRows = Object.keys(element.perInstrument).length || 1;
      expect(page.match(new RegExp(`data-element="${element.id}"`, 'g'))?.length, element.id).toBe(expectedRows);
    }
    const missing = report.elements.filter((e) => e.status === 'missing').length;
    expect(missing).toBeGreaterThan(0);
    expect(page.match(/Not found in the bill/g)!.length).toBeGreaterThanOrEqual(missing);
  });

  it('shows the key figures: age threshold, maximum penalty against the Directive minimum', () => {
    expect(page).toMatch(/Age threshold: <span class="below">16<\/span>/);
    expect(page).toMatch(/Max\. penalty: <span class="ok">5 years<\/span>/);
    expect(page).toContain('Directive minimum: ≥ 1 year');
  });

  it('marks unverified treaty quotations and puts the treaty text in <details>', () => {
    expect(page).toContain('unverified quotation');
    expect(page).toMatch(/<details data-key="[^"]+\/treaty"><summary>Treaty text/);
  });

  it('links every provision to an anchor that exists, and has no script in the file export', () => {
    const ids = new Set([...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) expect(ids.has(target), target).toBe(true);
    expect(page).not.toMatch(/<script/i);
    expect(csp(page)).toBe(`default-src 'none'; style-src 'nonce-${NONCE}'; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(page).toMatch(/@media print/);
  });

  it('keeps ids unique and links resolvable when several bills share one page (a folder export)', () => {
    const reports = ['aldermere', 'corvia', 'valmora'].map((name) => reportFor(path.join(WORKSPACE, 'bills', `${name}.bill.md`)));
    const many = renderReportHtml(reports, { links: 'anchor', nonce: NONCE, concordanceTable: true });
    const ids = [...many.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const target of [...many.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!)) expect(ids, target).toContain(target);
    expect(many.match(/<article class="bill"/g)).toHaveLength(3);
  });

  it('uses postMessage links (data-reveal) and one nonce-bound script in the webview style', () => {
    const webview = renderReportHtml(report, { links: 'message', nonce: NONCE, cspSource: 'vscode-webview://abc' });
    expect(webview.match(/<script/g)).toHaveLength(1);
    expect(webview).toContain(`<script nonce="${NONCE}">`);
    expect(csp(webview)).toContain(`script-src 'nonce-${NONCE}'`);
    expect(csp(webview)).toContain(`style-src 'nonce-${NONCE}' vscode-webview://abc`);
    expect(csp(webview)).toMatch(/^default-src 'none';/);
    expect(webview).toMatch(/data-reveal="\d+:\d+:\d+:\d+"/);
    expect(webview).not.toMatch(/ style="/);
  });
});
