// The HTML report and matrix in a real browser (Debian Chromium driven by playwright-core), served
// from 127.0.0.1: in-page links resolve, hostile bill text runs nothing, the strict CSP blocks none
// of the page's own styles, nothing is fetched from anywhere, the print stylesheet applies, and the
// webview script posts "reveal" messages and swaps in an updated body keeping open <details>.
// Screenshots go to test/artifacts/ and are copied to docs/report.png and docs/matrix.png.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml, reportBody } from '../../server/src/report/html/report.js';
import { buildReport } from '../../server/src/report/model.js';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue } from '../helpers/catalogue.js';
import { ARTIFACTS, CHROMIUM, requireTool, ROOT } from './helpers.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const BIN = path.join(ROOT, 'bin', 'concordance.js');
const XSS = path.join(ROOT, 'test', 'report', 'fixtures', 'xss.bill.md');
const ALDERMERE = path.join(ROOT, 'examples', 'workspace', 'bills', 'aldermere.bill.md');

let dir: string;
let server: Server;
let base: string;
let browser: Browser;

function cli(args: string[]): void {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`concordance ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
}

/** A page plus everything it did that a safe page must not: dialogs, errors, CSP reports, outside requests. */
async function open(name: string, width = 1280): Promise<{ page: Page; dialogs: string[]; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${base}/${name}`, { waitUntil: 'load' });
  return { page, dialogs, errors, requests };
}

/** Every in-page link (href="#id") whose target id is missing. */
async function brokenAnchors(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('a[href^="#"]'))
      .map((a) => decodeURIComponent((a.getAttribute('href') ?? '').slice(1)))
      .filter((id) => id !== '' && !document.getElementById(id)),
  );
}

beforeAll(async () => {
  requireTool(CHROMIUM, 'Chromium');
  dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-report-e2e-'));
  cli(['report', '--out', path.join(dir, 'report.html'), ALDERMERE]);
  cli(['report', '--out', path.join(dir, 'xss.html'), XSS]);
  cli(['matrix', '--format', 'html', '--out', path.join(dir, 'matrix.html'), 'examples/workspace']);
  // The webview flavour (message links + the nonce'd script), rendered by the same pure function.
  const catalogue = builtinCatalogue();
  const report = buildReport('examples/workspace/bills/aldermere.bill.md', checkText(readFileSync(ALDERMERE, 'utf8'), 'file:///aldermere.bill.md', catalogue), catalogue);
  writeFileSync(path.join(dir, 'webview.html'), renderReportHtml(report, { links: 'message', nonce: 'ZTJlLXdlYnZpZXctbm9uY2U=' }));
  writeFileSync(path.join(dir, 'update.json'), JSON.stringify({ type: 'update', body: reportBody({ ...report, jurisdiction: 'Updated Jurisdiction' }, { links: 'message' }).value }));

  server = createServer((request, response) => {
    const name = path.basename(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    try {
      const body = readFileSync(path.join(dir, name));
      response.writeHead(200, { 'content-type': name.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('HTML report in Chromium', () => {
  it('renders, every in-page link resolves, and nothing but the page is requested', async () => {
    const { page, dialogs, errors, requests } = await open('report.html');
    expect(await page.title()).toBe('Compliance report — Indecent Images of Children Bill 2026');
    const anchors = await page.locator('a[href^="#"]').count();
    expect(anchors).toBeGreaterThan(50);
    expect(await brokenAnchors(page)).toEqual([]);
    // Follow a provision link: the appendix entry becomes the target.
    const link = page.locator('table.elements a[href^="#prov-"]').first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    expect(new URL(page.url()).hash).toBe(href);
    await expect.poll(() => page.locator(`${href.replace(/([()])/g, '\\$1')}`).isVisible()).toBe(true);
    // The treaty text opens on expand, with its "unverified quotation" mark where due.
    const details = page.locator('details[data-key$="/treaty"]').first();
    await details.locator('summary').click();
    expect(await details.locator('blockquote').first().isVisible()).toBe(true);
    expect(await page.locator('.status.partial').count()).toBeGreaterThan(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]); // a CSP violation would be reported here
    expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png') });
    copyFileSync(path.join(ARTIFACTS, 'report.png'), path.join(ROOT, 'docs', 'report.png'));
    await page.close();
  });

  it('prints without the navigation', async () => {
    const { page } = await open('report.html');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').first().isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.close();
  });

  it('shows <script> and <img onerror> from the bill as text and runs none of it', async () => {
    const { page, dialogs, errors } = await open('xss.html');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror="window.__xss=1;alert(1)">');
    expect(await brokenAnchors(page)).toEqual([]);
    await page.close();
  });
});

describe('harmonisation matrix in Chromium', () => {
  it('renders every element × jurisdiction with working row links', async () => {
    const { page, dialogs, errors } = await open('matrix.html', 1600);
    expect(await page.locator('#matrix tbody tr').count()).toBe(25);
    expect(await page.locator('#matrix thead th').count()).toBe(1 + 6 + 1);
    expect(await brokenAnchors(page)).toEqual([]);
    await page.locator('#matrix a[href="#el-offence-possession"]').click();
    expect(await page.locator('#el-offence-possession').isVisible()).toBe(true);
    expect(await page.locator('#el-offence-possession').innerText()).toContain('Section 5(1)');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'matrix.png') });
    copyFileSync(path.join(ARTIFACTS, 'matrix.png'), path.join(ROOT, 'docs', 'matrix.png'));
    await page.close();
  });
});

describe('webview script (message links)', () => {
  it('posts a reveal message for a provision and swaps in an update keeping open <details>', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // Stands in for VS Code's webview API (injected by the browser, so the page's CSP does not apply).
    await page.addInitScript(() => {
      const w = window as unknown as { posted: unknown[]; acquireVsCodeApi: () => unknown };
      w.posted = [];
      let state: unknown;
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.posted.push(m), getState: () => state, setState: (s: unknown) => (state = s) });
    });
    await page.goto(`${base}/webview.html`);
    await page.locator('a.reveal').first().click();
    const posted = await page.evaluate(() => (window as unknown as { posted: { type: string; uri: string; range: { start: { line: number } } }[] }).posted);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'reveal', uri: 'file:///aldermere.bill.md' });
    expect(posted[0]!.range.start.line).toBeGreaterThan(0);

    const key = await page.locator('details[data-key$="/treaty"]').first().getAttribute('data-key');
    await page.locator(`details[data-key="${key}"] summary`).click();
    const update = readFileSync(path.join(dir, 'update.json'), 'utf8');
    await page.evaluate((message) => window.postMessage(JSON.parse(message), '*'), update);
    await expect.poll(() => page.locator('header .meta').first().innerText()).toContain('Updated Jurisdiction');
    expect(await page.locator(`details[data-key="${key}"]`).getAttribute('open')).not.toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
