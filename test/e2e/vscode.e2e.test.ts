/**
 * The extension in a real VS Code: code-server (VS Code's workbench served to a browser, with the
 * real extension host) runs the packaged client/concordance-0.1.0.vsix, and Debian's Chromium,
 * driven by playwright-core, uses it as a person would — Quick Open, the Problems panel, Ctrl+. and
 * the hover — on a temporary workspace holding a copy of examples/bills/sample.bill.md. Last, the
 * language server process is killed (as a crash would end it): the client starts it again and the
 * findings come back.
 *
 * What is expected comes from the CLI (`concordance check --format json`) on the same file, so the
 * test checks that the editor shows what the CLI reports, whatever the detectors find.
 *
 * Needs `bash scripts/e2e-setup.sh` (chromium, Node 24 + code-server in test/e2e/.tools) and
 * `npm run package`; `npm run test:e2e` does the packaging. Screenshots go to test/artifacts/;
 * with CONCORDANCE_UPDATE_SCREENSHOT=1 the Problems screenshot is also copied to docs/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  CHROMIUM,
  CODE_SERVER,
  NODE24_DIR,
  ROOT,
  VSIX,
  cliCheck,
  freePort,
  poll,
  quotationSnippet,
  requireTool,
  squash,
  treatyText,
  type CliDiagnostic,
  type CliFile,
} from './helpers.js';

const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  // Quieter, steadier screenshots: no secondary side bar, tips, recommendations or update checks.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  // Sticky headers would stand for rows scrolled out of view (and cover the first lines).
  'workbench.tree.enableStickyScroll': false,
  'editor.stickyScroll.enabled': false,
};

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];

let tmp: string;
let bill: string;
let extensions: string;
let server: ChildProcess | undefined;
let serverLog = '';
let context: BrowserContext | undefined;
let page: Page;
let expected: CliFile;

const codesOf = (diagnostics: readonly CliDiagnostic[]): string[] => diagnostics.map((d) => d.code).sort();

async function shot(name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Two animation frames: what the workbench renders after an input has been painted. */
async function painted(): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

interface MarkerRow {
  index: string;
  source: string;
  code: string;
}

/**
 * Every marker row of the Problems panel. The list is virtual (only the rows in view exist in the
 * DOM), so it is scrolled from top to bottom with the mouse wheel and the rows are collected by index.
 */
async function problemsRows(): Promise<{ codes: string[]; badge: number | undefined }> {
  const list = page.locator('.markers-panel .monaco-list').first();
  const box = await list.boundingBox();
  if (!box) throw new Error('the Problems panel is not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await scrollToTop(box.height);
  const rows = new Map<string, MarkerRow>();
  for (let i = 0; i < 100; i++) {
    const visible: MarkerRow[] = await page.$$eval('.markers-panel .monaco-list-rows > .monaco-list-row', (elements) =>
      elements.map((row) => ({
        index: row.getAttribute('data-index') ?? '',
        source: row.querySelector('.marker-source')?.textContent ?? '',
        code: row.querySelector('.marker-code')?.textContent ?? '',
      })),
    );
    const before = rows.size;
    for (const row of visible) rows.set(row.index, row);
    if (i > 0 && rows.size === before) break;
    await page.mouse.wheel(0, Math.max(100, box.height - 40));
    await painted();
  }
  await scrollToTop(box.height);
  await page.mouse.move(0, 0); // no row highlighted under the pointer in the screenshots
  const badgeText = await page.locator('.markers-panel .monaco-list-rows > .monaco-list-row .monaco-count-badge').first().textContent({ timeout: 1000 }).catch(() => null);
  const codes = [...rows.values()].filter((r) => r.source === 'concordance' && r.code).map((r) => r.code).sort();
  return { codes, badge: badgeText ? Number(badgeText) : undefined };
}

/** Scrolls the Problems list (under the pointer) until its first row is in view at the top. */
async function scrollToTop(step: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const atTop = await page.$eval('.markers-panel .monaco-list', (list) => {
      const first = list.querySelector('.monaco-list-rows > .monaco-list-row[data-index="0"]');
      return !!first && first.getBoundingClientRect().top >= list.getBoundingClientRect().top - 1;
    });
    if (atTop) return;
    await page.mouse.wheel(0, -step);
    await painted();
  }
  throw new Error('could not scroll the Problems panel to the top');
}

/** Waits until the Problems panel lists exactly `want` (element ids); on a timeout, shows the difference. */
async function expectProblems(want: string[], timeout = 90_000): Promise<void> {
  let seen: { codes: string[]; badge: number | undefined } = { codes: [], badge: undefined };
  try {
    await poll(
      `the Problems panel to list ${want.length} findings`,
      async () => {
        seen = await problemsRows();
        return JSON.stringify(seen.codes) === JSON.stringify(want) && seen.badge === want.length ? true : undefined;
      },
      timeout,
      500,
    );
  } catch {
    // Fall through to the assertions, which print what the panel showed against what was expected.
  }
  expect(seen.codes).toEqual(want);
  expect(seen.badge).toBe(want.length);
}

async function focusEditor(): Promise<void> {
  await poll('the editor to have the keyboard focus', async () => {
    if (await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))) return true;
    await page.keyboard.press('Control+1'); // View: Focus First Editor Group
    return undefined;
  }, 15_000);
}

/** Go to Line (Ctrl+G) with 1-based line and column, then waits for the status bar to show it. */
async function goTo(line: number, column: number): Promise<void> {
  await focusEditor();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await poll(`the cursor at Ln ${line}, Col ${column}`, async () => ((await page.locator('[id="status.editor.selection"]').textContent())?.includes(`Ln ${line}, Col ${column}`) ? true : undefined), 10_000);
  await focusEditor();
}

beforeAll(async () => {
  requireTool(CODE_SERVER, 'code-server');
  requireTool(`${NODE24_DIR}/bin/node`, 'Node 24');
  requireTool(CHROMIUM, 'Chromium');
  requireTool(VSIX, 'The packaged extension');

  tmp = mkdtempSync(join(tmpdir(), 'concordance-vscode-e2e-'));
  const workspace = `${tmp}/workspace`;
  mkdirSync(`${workspace}/bills`, { recursive: true });
  bill = `${workspace}/bills/sample.bill.md`;
  copyFileSync(`${ROOT}examples/bills/sample.bill.md`, bill);
  expected = cliCheck(bill);
  expect(expected.diagnostics.length).toBeGreaterThan(0);

  extensions = `${tmp}/extensions`;
  const userData = `${tmp}/user-data`;
  mkdirSync(`${userData}/User`, { recursive: true });
  writeFileSync(`${userData}/User/settings.json`, JSON.stringify(SETTINGS, null, 2));
  // Its own config file, so that nothing is read from or written to ~/.config/code-server.
  const config = `${tmp}/code-server.yaml`;
  writeFileSync(config, 'auth: none\ncert: false\n');
  const env = { ...process.env, PATH: `${NODE24_DIR}/bin:${process.env.PATH ?? ''}` };
  const common = ['--config', config, '--extensions-dir', extensions, '--user-data-dir', userData];

  const install = spawnSync(CODE_SERVER, [...common, '--install-extension', VSIX], { env, encoding: 'utf8', timeout: 120_000 });
  expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
  expect(install.stdout).toMatch(/successfully installed/i);

  const port = await freePort();
  // Its own process group (detached), so that afterAll ends code-server and every process it started.
  server = spawn(CODE_SERVER, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  await poll('code-server to answer /healthz', async () => ((await fetch(`${base}/healthz`).catch(() => undefined))?.ok ? true : undefined), 60_000);

  context = await chromium.launchPersistentContext(`${tmp}/chromium-profile`, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });

  // Quick Open (Ctrl+P) the bill; retried until the workbench takes the keys.
  await poll('Quick Open', async () => {
    await page.keyboard.press('Control+P');
    return (await page.locator('.quick-input-widget input').isVisible()) ? true : undefined;
  }, 60_000, 1000);
  await page.keyboard.type('sample.bill.md');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.bill.md' }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'Child Sexual Abuse Material' }).first().waitFor({ timeout: 60_000 });

  // The Problems panel (Ctrl+Shift+M).
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 30_000 });
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && context) await shot(`vscode-failed-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  if (server?.pid !== undefined && server.exitCode === null) {
    const exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // Gone after SIGTERM, as it should be.
    }
  }
  if (serverLog) {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}/code-server.log`, serverLog);
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('VS Code (code-server) with the packaged extension', () => {
  it('lists in the Problems panel exactly the findings the CLI reports', async () => {
    await expectProblems(codesOf(expected.diagnostics));
    // A status bar item with the counts (the extension's own UI, fed by the server).
    const met = expected.elements.filter((e) => e.status === 'met').length;
    await page.locator('.statusbar-item', { hasText: `${met}/${expected.elements.length} met` }).first().waitFor({ timeout: 30_000 });
    // Show a stretch of the bill with findings (squiggles) and code lenses for the screenshot.
    const first = expected.diagnostics.find((d) => d.range.start.line > 20) ?? expected.diagnostics[0]!;
    await goTo(first.range.start.line + 1, first.range.start.character + 1);
    await page.keyboard.press('Escape');
    await painted();
    const path = await shot('vscode-problems');
    if (process.env.CONCORDANCE_UPDATE_SCREENSHOT === '1') copyFileSync(path, `${ROOT}docs/screenshot-problems.png`);
  });

  it('hovering a section heading shows the treaty text it implements', async () => {
    const text = readFileSync(bill, 'utf8');
    const lines = text.split(/\r?\n/);
    // An element the CLI finds met in a numbered section, and that section's heading line.
    let target: { line: number; column: number; quotation: string; article: string } | undefined;
    for (const element of expected.elements) {
      if (element.status !== 'met' || element.citations.length === 0) continue;
      const number = element.provisions.map((p) => /^Section (\d+)/.exec(p.label)?.[1]).find(Boolean);
      if (!number) continue;
      const line = lines.findIndex((l) => new RegExp(`^#{1,6}\\s+${number}\\.\\s`).test(l));
      if (line < 0) continue;
      const citation = element.citations[0]!;
      target = { line: line + 1, column: lines[line]!.indexOf(number) + 1, quotation: quotationSnippet(treatyText(citation.instrument, citation.article)), article: citation.article };
      break;
    }
    expect(target, 'the CLI reports a met element in a numbered section').toBeDefined();
    await goTo(target!.line, target!.column);
    let hover = '';
    await poll(
      'the hover to quote the treaty',
      async () => {
        const widget = page.locator('.monaco-hover:not(.hidden)').first();
        if (!(await widget.isVisible())) {
          await page.keyboard.press('Control+K'); // Ctrl+K Ctrl+I: Show or Focus Hover
          await page.keyboard.press('Control+I');
          await widget.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
        }
        hover = squash((await widget.innerText().catch(() => '')) ?? '');
        return hover.includes(target!.quotation) ? true : undefined;
      },
      60_000,
      500,
    ).catch(() => undefined);
    expect(hover).toContain(target!.quotation);
    expect(hover).toContain(target!.article);
    await shot('vscode-hover');
    await page.keyboard.press('Escape');
  });

  it('applies a quick-fix through Ctrl+. and the finding leaves the Problems panel', async () => {
    // A missing element the CLI reports with a diagnostic: its fix drafts a provision.
    const missing = expected.diagnostics.filter((d) => expected.elements.find((e) => e.id === d.code)?.status === 'missing' && d.code.startsWith('offence/'));
    const diagnostic = missing.find((d) => d.code === 'offence/import-export') ?? missing[0];
    expect(diagnostic, 'the sample bill has a missing offence').toBeDefined();
    const element = expected.elements.find((e) => e.id === diagnostic!.code)!;
    const title = `Add a provision: ${element.title.toLowerCase()}`;

    await goTo(diagnostic!.range.start.line + 1, diagnostic!.range.start.character + 1);
    const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await poll(
      `the Quick Fix menu to offer "${title}"`,
      async () => {
        if (await item.isVisible()) return true;
        await page.keyboard.press('Escape');
        await focusEditor();
        await page.keyboard.press('Control+Period');
        await item.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
        return (await item.isVisible()) ? true : undefined;
      },
      60_000,
      500,
    );
    await shot('vscode-quickfix');
    await item.click();
    await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await focusEditor();
    await page.keyboard.press('Control+S');

    const saved = await poll('the fixed bill to be saved', () => {
      const text = readFileSync(bill, 'utf8');
      return text.includes(`concordance: implements ${element.id}`) ? text : undefined;
    }, 30_000);
    expect(saved).toMatch(new RegExp(`^#{1,6} \\d+[A-Z]*\\. `, 'm'));
    const after = cliCheck(bill);
    expect(codesOf(after.diagnostics)).not.toContain(element.id);
    await expectProblems(codesOf(after.diagnostics));
    expect(after.diagnostics.length).toBeLessThan(expected.diagnostics.length);
    await shot('vscode-after-fix');
  });

  it('restarts the language server when its process dies, and the findings come back', async () => {
    // The server the extension forked: node …/extensions/concordance.concordance-<version>/out/server.js --node-ipc.
    const serverPids = (): number[] =>
      spawnSync('pgrep', ['-f', `${extensions}/[^ ]*/out/server\\.js`], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number);
    const [killed] = await poll('one language server process', () => {
      const pids = serverPids();
      return pids.length === 1 ? pids : undefined;
    }, 30_000);
    process.kill(killed!, 'SIGKILL');
    const [restarted] = await poll('the client to start a new language server', () => {
      const pids = serverPids();
      return pids.length === 1 && pids[0] !== killed ? pids : undefined;
    }, 60_000);
    expect(restarted).not.toBe(killed);

    // An edit after the restart (a line at the end, saved): the new server checks it, and the
    // Problems panel lists what the CLI reports for the saved file.
    await focusEditor();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Nothing in this Act limits any other law.');
    await page.keyboard.press('Control+S');
    await poll('the edit to be saved', () => (readFileSync(bill, 'utf8').includes('Nothing in this Act limits any other law.') ? true : undefined), 30_000);
    const now = cliCheck(bill);
    expect(now.diagnostics.length).toBeGreaterThan(0);
    await expectProblems(codesOf(now.diagnostics));
    await shot('vscode-after-restart');
    expect(serverPids()).toEqual([restarted]);
  });
});
