// Malformed input and workspace-wide checks through a real LSP client: broken front matter and
// binary junk give located diagnostics (or none) and the server stays up; "Check Workspace" walks
// the folder and publishes diagnostics for bills that are not open; the npm bin speaks LSP too.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, fileUri, LspClient, ROOT, sleep } from './lspClient.js';

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
