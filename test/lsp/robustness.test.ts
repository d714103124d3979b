// Malformed input and workspace-wide checks through a real LSP client: broken front matter and
// binary junk give located diagnostics (or none) and the server stays up; a bill over
// concordance.maxFileSizeMB is reported as too large; a cancelled request answers RequestCancelled
// and the server keeps serving; "Check Workspace" walks the folder and publishes diagnostics for
// bills that are not open; the npm bin speaks LSP too.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CancellationTokenSource, DocumentDiagnosticRequest, HoverRequest, LSPErrorCodes, type DocumentDiagnosticReport, type DocumentSymbol, type Hover } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, fileUri, LspClient, ROOT, sleep } from './lspClient.js';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue } from '../helpers/catalogue.js';

const SAMPLE = `${ROOT}examples/bills/sample.bill.md`;

describe('malformed bills', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ pull: false });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('locates a front-matter YAML error and keeps serving', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/broken-front-matter.bill.md`);
    const text = ['---', 'concordance:', '  instruments: [opsc, budapest', '  jurisdiction: "unterminated', '---', '', '# A Bill', '', '## 1. Offence', '', 'A person who possesses child sexual abuse material commits an offence.', ''].join('\n');
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
    const lines = text.split('\n').length;
    for (const d of diagnostics) {
      expect(d.range.start.line).toBeGreaterThanOrEqual(0);
      expect(d.range.end.line).toBeLessThan(lines);
    }
    // Something points into the front matter (lines 0-4), and it is not an internal error.
    expect(diagnostics.some((d) => d.range.start.line <= 4 && d.code !== 'internal/error')).toBe(true);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(Array.isArray(symbols)).toBe(true);
  });

  it('locates an invalid front-matter value on its key\'s line, and still checks the bill', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/bad-values.bill.md`);
    const body = readFileSync(SAMPLE, 'utf8').replace(/^---[\s\S]*?---\n/, '');
    const text = `---\nconcordance:\n  instruments: [opsc, nonsense]\n  reservations: nope\n---\n${body}`;
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
    const lines = text.split('\n');
    const at = (d: (typeof diagnostics)[number]): string => lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character);
    const settings = diagnostics.filter((d) => d.code === 'frontmatter/invalid-setting');
    expect(settings.map((d) => [d.range.start.line, d.range.end.line, at(d)])).toEqual([
      [2, 2, 'nonsense'],
      [3, 3, 'nope'],
    ]);
    expect(settings[0]!.message).toMatch(/Invalid value for "concordance\.instruments": expected one of opsc, budapest/);
    expect(settings[1]!.message).toMatch(/Invalid value for "concordance\.reservations"/);
    // The valid instrument is kept: the bill is checked against OPSC alone.
    expect(findings(diagnostics).length).toBeGreaterThan(0);
    expect(findings(diagnostics).every((d) => /OPSC/.test(d.message) && !/Budapest/.test(d.message))).toBe(true);
  });

  it('survives binary junk and keeps checking other bills', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/junk.bill.md`);
    let junk = '';
    let seed = 42;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(seed % 0xd7ff);
    }
    junk = `\u0000\uFFFD---\n${junk}\n# \u0000\n(1)(((\n“”“ means\n`;
    await client.open(uri, junk);
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1, timeout: 30_000 });
    for (const d of diagnostics) expect(d.range.start.line).toBeGreaterThanOrEqual(0);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    expect(hover === null || typeof hover === 'object').toBe(true);
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics: [] } });
    await client.request('textDocument/documentLink', { textDocument: { uri } });
    await client.request('textDocument/codeLens', { textDocument: { uri } });

    const sample = fileUri(`${ROOT}test/artifacts/lsp/after-junk.bill.md`);
    await client.open(sample, readFileSync(SAMPLE, 'utf8'));
    expect(findings(await client.waitForDiagnostics(sample, { version: 1 })).length).toBeGreaterThanOrEqual(0);
    expect(client.exited).toBeUndefined();
  });

  it('answers requests for documents it has never seen', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/never-opened.bill.md`);
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.request('textDocument/codeLens', { textDocument: { uri } })).toEqual([]);
  });
});

describe('"Check Workspace" with a whole code beside ordinary bills', () => {
  it('checks a bill too large for the capped index workers in a worker of its own', async () => {
    const dir = path.join(tmpdir(), `concordance-code-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'bills'), { recursive: true });
    const sample = readFileSync(SAMPLE, 'utf8');
    // Over 512 KB (workspaceIndex.ts SMALL_BILL_BYTES): the sample's sections many times over.
    const code = sample + sample.slice(sample.indexOf('\n## ')).repeat(Math.ceil(600_000 / sample.length));
    expect(code.length).toBeGreaterThan(512 * 1024);
    writeFileSync(path.join(dir, 'bills', 'code.md'), code);
    writeFileSync(path.join(dir, 'bills', 'small.md'), sample);
    const client = await LspClient.start({ pull: false, workspaceFolders: [dir] });
    try {
      const result = await client.request<{ bills: number; checked: number }>('workspace/executeCommand', { command: 'concordance.server.checkWorkspace', arguments: [] });
      expect(result).toMatchObject({ bills: 2, checked: 2 });
      const small = (await client.waitForDiagnostics(fileUri(path.join(dir, 'bills', 'small.md')))).filter((d) => !String(d.code).startsWith('drafting/'));
      const large = (await client.waitForDiagnostics(fileUri(path.join(dir, 'bills', 'code.md')))).filter((d) => !String(d.code).startsWith('drafting/'));
      // The same treaty findings: the large bill repeats the small one's provisions.
      expect(large.map((d) => d.code).sort()).toEqual(small.map((d) => d.code).sort());
      expect(client.messages.map((m) => m.message).join('\n')).not.toMatch(/could not finish/);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('size limit in "Check Workspace"', () => {
  it('reports a bill on disk over the limit as too large (it is not read), and checks the others', async () => {
    const dir = path.join(tmpdir(), `concordance-size-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'bills'), { recursive: true });
    writeFileSync(path.join(dir, 'bills', 'large.md'), readFileSync(SAMPLE, 'utf8'));
    writeFileSync(path.join(dir, 'bills', 'small.md'), '# A Bill\n\n## 1. Offence\n\nA person who possesses child sexual abuse material commits an offence.\n');
    const client = await LspClient.start({ pull: false, settings: { maxFileSizeMB: 0.001 }, workspaceFolders: [dir] });
    try {
      const result = await client.request<{ bills: number; checked: number; errors: number }>('workspace/executeCommand', { command: 'concordance.server.checkWorkspace', arguments: [] });
      expect(result).toMatchObject({ bills: 2, checked: 2 });
      const large = await client.waitForDiagnostics(fileUri(path.join(dir, 'bills', 'large.md')));
      expect(large.map((d) => d.code)).toEqual(['file/too-large']);
      expect(large[0]!.message).toMatch(/over the limit of 1 KB/);
      const small = await client.waitForDiagnostics(fileUri(path.join(dir, 'bills', 'small.md')));
      expect(small.some((d) => d.code === 'offence/possession')).toBe(false);
      expect(small.some((d) => d.code === 'definition/child-under-18')).toBe(true);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('size limit', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ pull: false, settings: { maxFileSizeMB: 0.001 } });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('reports a bill over concordance.maxFileSizeMB as too large, with one diagnostic at the start', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/too-large.bill.md`);
    await client.open(uri, readFileSync(SAMPLE, 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'file/too-large', severity: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    expect(diagnostics[0]!.message).toMatch(/too large to check: [\d.]+ KB \(\d+ bytes\), over the limit of 1 KB\..*"concordance\.maxFileSizeMB"/);
    // Outline, hover and code lenses answer (empty) rather than parse it.
    expect(await client.request('textDocument/documentSymbol', { textDocument: { uri } })).toEqual([]);
  });

  it('an invalid limit is reported and the default (20 MB) applies; the bill is checked again', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/too-large.bill.md`);
    const before = client.published.length;
    const messages = client.messages.length;
    await client.changeSettings({ maxFileSizeMB: -5 });
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1, after: before });
    expect(findings(diagnostics).length).toBeGreaterThan(0);
    expect(diagnostics.some((d) => d.code === 'file/too-large')).toBe(false);
    expect(client.messages.slice(messages).map((m) => m.message).join('\n')).toMatch(/Setting "concordance\.maxFileSizeMB" is invalid \(maxFileSizeMB must be greater than 0\); using the default/);
  });
});

describe('cancellation', () => {
  let client: LspClient;
  const uri = fileUri(`${ROOT}test/artifacts/lsp/cancel.bill.md`);
  // A long bill (the sample forty times over) so that a check takes a while.
  const long = Array.from({ length: 40 }, () => readFileSync(SAMPLE, 'utf8').replace(/^---[\s\S]*?---\n/, '')).join('\n');
  beforeAll(async () => {
    client = await LspClient.start({ pull: true });
    await client.open(uri, long);
  });
  afterAll(async () => {
    await client?.stop();
  });

  const cancelled = async (promise: Promise<unknown>): Promise<number | undefined> => {
    try {
      await promise;
      return undefined;
    } catch (error) {
      return (error as { code?: number }).code;
    }
  };

  it('a pull-diagnostics request cancelled while the bill is checked answers RequestCancelled; the next pull gets the result', async () => {
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
    await sleep(30); // the server is checking the bill
    source.cancel();
    expect(await cancelled(request)).toBe(LSPErrorCodes.RequestCancelled);
    const report = (await client.pull(uri)) as DocumentDiagnosticReport & { items?: unknown[] };
    expect(report.kind).toBe('full');
    expect(report.items!.length).toBeGreaterThan(0);
    expect(client.exited).toBeUndefined();
  });

  it('a hover cancelled while it waits for the typing to settle answers RequestCancelled, and the server keeps serving', async () => {
    const position = { line: 2, character: 3 };
    await client.change(uri, `${long}\nMore text.\n`); // a keystroke: requests wait for a 300 ms pause
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }, source.token);
    await sleep(30);
    source.cancel();
    expect(await cancelled(request)).toBe(LSPErrorCodes.RequestCancelled);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    expect(hover === null || typeof hover === 'object').toBe(true);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.length).toBeGreaterThan(0);
  });
});

describe('Check Workspace', () => {
  let dir: string;
  let client: LspClient;
  beforeAll(async () => {
    dir = path.join(tmpdir(), `concordance-ws-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'bills'), { recursive: true });
    mkdirSync(path.join(dir, 'docs'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules', 'x', 'bills'), { recursive: true });
    cpSync(`${ROOT}test/fixtures/bills/westminster-deficient.bill.md`, path.join(dir, 'bills', 'deficient.md'));
    cpSync(SAMPLE, path.join(dir, 'docs', 'open.bill.md'));
    writeFileSync(path.join(dir, 'docs', 'README.md'), readFileSync(SAMPLE, 'utf8'));
    writeFileSync(path.join(dir, 'docs', 'notes.md'), '# Notes\n');
    cpSync(SAMPLE, path.join(dir, 'node_modules', 'x', 'bills', 'vendored.md'));
    client = await LspClient.start({ pull: true, workspaceFolders: [dir] });
  });
  afterAll(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks every bill on disk and publishes diagnostics for those not open', async () => {
    const open = fileUri(path.join(dir, 'docs', 'open.bill.md'));
    await client.open(open, readFileSync(path.join(dir, 'docs', 'open.bill.md'), 'utf8'));
    const result = await client.request<{ bills: number; checked: number; errors: number }>('workspace/executeCommand', { command: 'concordance.server.checkWorkspace', arguments: [] });
    expect(result.bills).toBe(2);
    expect(result.checked).toBe(1);
    const closed = fileUri(path.join(dir, 'bills', 'deficient.md'));
    const diagnostics = await client.waitForDiagnostics(closed);
    expect(findings(diagnostics).length).toBeGreaterThan(0);
    // The worker checks with the copy of the server's catalogue it is handed: the same findings as a
    // check with the catalogue loaded here.
    const direct = checkText(readFileSync(path.join(dir, 'bills', 'deficient.md'), 'utf8'), closed, builtinCatalogue()).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.range, d.message])).toEqual(direct.map((d) => [d.code, d.range, d.message]));
    expect(result.errors).toBe(diagnostics.filter((d) => d.severity === 1).length);
    await sleep(100);
    const published = new Set(client.published.map((p) => p.uri));
    expect(published.has(open)).toBe(false); // open bills are pulled, not pushed
    expect([...published].some((u) => /README|notes|vendored/.test(u))).toBe(false);
  });

  it('returns the text report of an open bill', async () => {
    const open = fileUri(path.join(dir, 'docs', 'open.bill.md'));
    const report = await client.request<string>('workspace/executeCommand', { command: 'concordance.server.report', arguments: [open] });
    expect(report).toMatch(/^docs\/open\.bill\.md/);
    expect(report).toMatch(/\d+ of \d+ elements met/);
  });
});

describe('concordance-language-server bin', () => {
  it('runs the server from out/ over stdio', async () => {
    const client = await LspClient.start({ command: [`${ROOT}bin/concordance-language-server.js`, '--stdio'] });
    try {
      expect(client.initializeResult.serverInfo?.name).toBe('concordance-language-server');
      const uri = fileUri(`${ROOT}test/artifacts/lsp/bin.bill.md`);
      await client.open(uri, readFileSync(SAMPLE, 'utf8'));
      await client.waitForDiagnostics(uri, { version: 1 });
    } finally {
      await client.stop();
    }
    expect(client.exited).toBe(0);
  });
});
