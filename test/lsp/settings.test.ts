// Settings through a real LSP client: the server asks workspace/configuration (answered here),
// re-checks open bills when they change, reports bad values without crashing or polluting the
// bill, honours run = onSave/manual, include globs, definitionsPath, and workspace trust.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, fileUri, LspClient, ROOT, sleep } from './lspClient.js';

const DEFICIENT = `${ROOT}test/fixtures/bills/westminster-deficient.bill.md`;

describe('configuration', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ pull: false, settings: {} });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('re-checks open bills when settings change (severity off hides an element)', async () => {
    const uri = fileUri(DEFICIENT);
    await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
    const first = findings(await client.waitForDiagnostics(uri, { version: 1 }));
    const hidden = String(first[0]!.code);
    const warned = first.find((d) => d.severity === 1 && String(d.code) !== hidden);
    const asked = client.configurationRequests;
    const before = client.published.length;
    await client.changeSettings({ severity: { [hidden]: 'off', ...(warned ? { [String(warned.code)]: 'warning' } : {}) } });
    const after = findings(await client.waitForDiagnostics(uri, { version: 1, after: before }));
    expect(client.configurationRequests).toBeGreaterThan(asked);
    expect(after.map((d) => String(d.code))).not.toContain(hidden);
    if (warned) expect(after.find((d) => d.code === warned.code)?.severity).toBe(2);
  });

  it('reports a bad setting with a message, falls back to its default, and keeps checking', async () => {
    const uri = fileUri(DEFICIENT);
    const before = client.published.length;
    const messages = client.messages.length;
    await client.changeSettings({ run: 'sometimes', severity: { 'offence/possession': 'loud' }, instruments: ['opsc', 'no-such-treaty'], include: 'bills' });
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1, after: before });
    expect(findings(diagnostics).length).toBeGreaterThan(0);
    const said = client.messages.slice(messages).map((m) => m.message);
    expect(said.some((m) => m.includes('concordance.run'))).toBe(true);
    expect(said.some((m) => m.includes('concordance.severity'))).toBe(true);
    expect(said.some((m) => m.includes('no-such-treaty'))).toBe(true);
    expect(said.some((m) => m.includes('concordance.include'))).toBe(true);
    // Settings problems are messages, never diagnostics in the bill.
    expect(diagnostics.some((d) => /setting|no-such-treaty/i.test(d.message))).toBe(false);
    // The valid instrument was kept: only OPSC is cited.
    expect(findings(diagnostics).every((d) => /OPSC/.test(d.message))).toBe(true);
  });

  it('with run = onSave, typing does not re-check but saving does', async () => {
    const uri = fileUri(DEFICIENT);
    const settled = client.published.length;
    await client.changeSettings({ run: 'onSave' });
    await client.waitForDiagnostics(uri, { after: settled }); // the re-check the change itself causes
    const before = client.published.length;
    const version = await client.change(uri, `${client.text(uri)}\nMore text.\n`);
    await sleep(700);
    expect(client.published.slice(before).filter((p) => p.uri === uri)).toEqual([]);
    await client.save(uri);
    await client.waitForDiagnostics(uri, { version, after: before });
  });

  it('with run = manual, only the check command checks', async () => {
    const settled = client.published.length;
    await client.changeSettings({ run: 'manual' });
    await client.waitForDiagnostics(fileUri(DEFICIENT), { after: settled });
    const uri = fileUri(`${ROOT}test/artifacts/lsp/manual.bill.md`);
    const before = client.published.length;
    await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
    await sleep(600);
    expect(client.publishedFor(uri)).toEqual([]);
    const summary = await client.request<string>('workspace/executeCommand', { command: 'concordance.server.checkDocument', arguments: [uri] });
    expect(summary).toMatch(/elements met/);
    expect(findings(await client.waitForDiagnostics(uri, { version: 1, after: before })).length).toBeGreaterThan(0);
    await client.changeSettings({});
  });

  it('honours concordance.include for files without front matter', async () => {
    await client.changeSettings({ include: ['**/drafts/*.md'] });
    const text = readFileSync(DEFICIENT, 'utf8').replace(/^---[\s\S]*?---\n/, '');
    const inDrafts = fileUri(`${ROOT}test/artifacts/lsp/drafts/a.md`);
    const elsewhere = fileUri(`${ROOT}test/artifacts/lsp/other/a.bill.md`);
    await client.open(inDrafts, text);
    await client.open(elsewhere, text);
    expect(findings(await client.waitForDiagnostics(inDrafts, { version: 1 })).length).toBeGreaterThan(0);
    await sleep(500);
    expect(client.publishedFor(elsewhere).flatMap((p) => p.diagnostics)).toEqual([]);
    await client.changeSettings({});
  });
});

describe('definitionsPath and workspace trust', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(tmpdir(), `concordance-lsp-${process.pid}`);
    mkdirSync(path.join(dir, 'defs'), { recursive: true });
    writeFileSync(path.join(dir, 'defs', 'broken.yaml'), 'id: [unclosed\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const trusted of [true, false]) {
    it(`${trusted ? 'reports a broken user definitions file' : 'ignores definitionsPath in an untrusted workspace'}`, async () => {
      const client = await LspClient.start({ pull: false, workspaceFolders: [dir], settings: { definitionsPath: 'defs' }, initializationOptions: { workspaceTrusted: trusted } });
      try {
        const uri = fileUri(path.join(dir, 'x.bill.md'));
        await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
        const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
        expect(findings(diagnostics).length).toBeGreaterThan(0);
        const said = client.messages.map((m) => m.message).join('\n');
        if (trusted) {
          expect(said).toMatch(/broken\.yaml:\d+:\d+/);
          expect(said).not.toMatch(/untrusted/);
        } else {
          expect(said).toMatch(/ignored in an untrusted workspace/);
          expect(said).not.toMatch(/broken\.yaml/);
        }
        // Granting trust re-checks with the user definitions.
        if (!trusted) {
          const before = client.published.length;
          await client.connection.sendNotification('concordance/trust', { trusted: true });
          await client.waitForDiagnostics(uri, { version: 1, after: before });
          expect(client.messages.map((m) => m.message).join('\n')).toMatch(/broken\.yaml/);
        }
      } finally {
        await client.stop();
      }
    });
  }

  it('reports a definitions file that breaks the schema (file, line, path) and keeps the built-in catalogue', async () => {
    mkdirSync(path.join(dir, 'schema-defs'), { recursive: true });
    writeFileSync(path.join(dir, 'schema-defs', 'extra.yaml'), 'id: extra\nname: Extra\nshortName: X\ncitation: c\nurl: not-a-url\nforce: binding\narticles: []\n');
    const client = await LspClient.start({ pull: false, workspaceFolders: [dir], settings: { definitionsPath: 'schema-defs', instruments: ['opsc', 'extra'] } });
    try {
      const uri = fileUri(path.join(dir, 'y.bill.md'));
      await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
      const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
      expect(findings(diagnostics).length).toBeGreaterThan(0);
      const said = client.messages.map((m) => m.message).join('\n');
      expect(said).toMatch(/extra\.yaml:5:\d+ at url: .*\(the rest of the catalogue still works\)/);
      expect(said).toMatch(/extra\.yaml(:\d+:\d+)? at articles: /);
      // The rejected instrument is named, not silently used; the built-in one still is.
      expect(said).toMatch(/unknown instrument\(s\) "extra"/);
      expect(findings(diagnostics).every((d) => /OPSC/.test(d.message))).toBe(true);
      expect(diagnostics.some((d) => /extra\.yaml|definitions/.test(d.message))).toBe(false);
    } finally {
      await client.stop();
    }
  });

  it('works without workspace/configuration, from didChangeConfiguration settings', async () => {
    const client = await LspClient.start({ pull: false, configuration: false });
    try {
      const uri = fileUri(DEFICIENT);
      await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
      const first = findings(await client.waitForDiagnostics(uri, { version: 1 }));
      const hidden = String(first[0]!.code);
      const before = client.published.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { concordance: { severity: { [hidden]: 'off' } } } });
      const after = findings(await client.waitForDiagnostics(uri, { version: 1, after: before }));
      expect(after.map((d) => String(d.code))).not.toContain(hidden);
      expect(client.configurationRequests).toBe(0);
    } finally {
      await client.stop();
    }
  });
});
