// Diagnostics through a real LSP client over stdio: pushed (no pull capability) and pulled (LSP
// 3.17), on-type debouncing, and never a result for a stale version.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, fileUri, LspClient, ROOT, sleep, statusOf } from './lspClient.js';

const SAMPLE = `${ROOT}examples/bills/sample.bill.md`;
const DEFICIENT = `${ROOT}test/fixtures/bills/westminster-deficient.bill.md`;
const ELEMENT_ID = /^(definition|offence|general|online)\/[a-z0-9-]+$/;

describe('push diagnostics (client without pull support)', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ pull: false });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('advertises no pull provider and names itself', () => {
    expect(client.initializeResult.capabilities.diagnosticProvider).toBeUndefined();
    expect(client.initializeResult.serverInfo?.name).toBe('concordance-language-server');
  });

  it('publishes findings with code = element id and a citation link, at the opened version', async () => {
    const uri = fileUri(DEFICIENT);
    await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
    const found = findings(diagnostics);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.code).toMatch(ELEMENT_ID);
      expect(d.source).toBe('concordance');
      expect(d.codeDescription?.href).toMatch(/^https?:\/\//);
      expect(d.range.start.line).toBeGreaterThanOrEqual(0);
      expect(d.range.start.line).toBeLessThan(client.document(uri).lineCount);
      expect(['missing', 'partial', 'conflict']).toContain(statusOf(d));
    }
  });

  it('sends the met/partial/missing counts for the status bar', async () => {
    const uri = fileUri(DEFICIENT);
    const deadline = Date.now() + 5000;
    while (!client.statuses.some((s) => s.uri === uri && s.bill) && Date.now() < deadline) await sleep(20);
    const status = client.statuses.filter((s) => s.uri === uri && s.bill).at(-1)!;
    expect(status.counts!.total).toBeGreaterThan(0);
    expect(status.counts!.met + status.counts!.partial + status.counts!.missing).toBeLessThanOrEqual(status.counts!.total);
    expect(status.summary).toMatch(/^\d+ of \d+ elements met · \d+ partial · \d+ missing/);
  });

  it('debounces typing and never publishes a stale version', async () => {
    const uri = fileUri(SAMPLE);
    const text = readFileSync(SAMPLE, 'utf8');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, { version: 1 });
    const before = client.published.length;
    const v2 = await client.change(uri, `${text}\nSome words.\n`);
    const v3 = await client.change(uri, `${text}\nSome more words.\n`);
    await client.waitForDiagnostics(uri, { version: v3, after: before });
    await sleep(700);
    const after = client.published.slice(before).filter((p) => p.uri === uri);
    expect(after.map((p) => p.version)).not.toContain(v2);
    expect(after.at(-1)!.version).toBe(v3);
    expect(after.length).toBe(1);
  });

  it('does not treat ordinary Markdown as a bill', async () => {
    const readme = fileUri(`${ROOT}test/artifacts/lsp/README.md`);
    const notes = fileUri(`${ROOT}test/artifacts/lsp/notes.md`);
    const bill = readFileSync(SAMPLE, 'utf8');
    await client.open(readme, bill); // front matter says bill, but README-style files never are
    await client.open(notes, '# Notes\n\nA person who possesses an image commits an offence.\n');
    await sleep(800);
    expect(client.publishedFor(readme).flatMap((p) => p.diagnostics)).toEqual([]);
    expect(client.publishedFor(notes).flatMap((p) => p.diagnostics)).toEqual([]);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: notes }, position: { line: 2, character: 20 } });
    expect(hover).toBeNull();
  });

  it('clears diagnostics when a bill is closed', async () => {
    const uri = fileUri(DEFICIENT);
    const before = client.published.length;
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, { after: before });
    expect(cleared).toEqual([]);
  });
});

describe('pull diagnostics (LSP 3.17 client)', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ pull: true });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('advertises a pull provider and answers textDocument/diagnostic', async () => {
    expect(client.initializeResult.capabilities.diagnosticProvider).toBeDefined();
    const uri = fileUri(DEFICIENT);
    await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
    const report = await client.pull(uri);
    expect(report.kind).toBe('full');
    const items = report.kind === 'full' ? report.items : [];
    expect(findings(items).length).toBeGreaterThan(0);
    expect(findings(items).every((d) => ELEMENT_ID.test(String(d.code)) && d.codeDescription?.href)).toBe(true);
    // Pull clients get no pushed diagnostics for open documents.
    expect(client.publishedFor(uri)).toEqual([]);

    // Unchanged document and settings: the same result id comes back as "unchanged".
    const again = await client.pull(uri, report.resultId);
    expect(again.kind).toBe('unchanged');
  });

  it('re-checks the new version after a change (after the debounce)', async () => {
    const uri = fileUri(DEFICIENT);
    const text = client.text(uri);
    const first = await client.pull(uri);
    const started = Date.now();
    await client.change(uri, `${text}\n`);
    const second = await client.pull(uri, first.resultId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(second.kind).toBe('full');
    expect(second.resultId).not.toBe(first.resultId);
  });
});
