// Drafting checks through a real LSP client and the built server bundle: the diagnostics are
// published with their codes, the renumbering quick-fix comes back as a versioned edit, and once the
// client applies it the numbering defects are gone while every reference still points where it did.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient, ROOT } from '../lsp/lspClient.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'hygiene');

describe('drafting checks in the editor', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ pull: false, settings: { severity: { 'drafting/lone-subdivision': 'off' } } });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('publishes drafting diagnostics and applies the renumbering fix with its references', async () => {
    const text = readFileSync(path.join(FIXTURES, 'numbering-gap.md'), 'utf8');
    const uri = fileUri(path.join(ROOT, 'test', 'artifacts', 'hygiene', 'numbering-gap.bill.md'));
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
    const drafting = diagnostics.filter((d) => String(d.code).startsWith('drafting/'));
    expect(drafting.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([
      ['drafting/numbering-gap', 2, 12],
      ['drafting/numbering-gap', 2, 20],
    ]);
    const sections = drafting[1]!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: sections.range, context: { diagnostics: [sections], only: ['quickfix'] } });
    expect(actions).toHaveLength(1);
    const before = client.published.length;
    const version = await client.applyWorkspaceEdit(actions[0]!.edit!);
    expect(client.text(uri)).toContain('## 3. Distribution');
    expect(client.text(uri)).toContain('(2) Sections 2 to 3 apply');
    const after = await client.waitForDiagnostics(uri, { version, after: before });
    expect(after.filter((d) => String(d.code).startsWith('drafting/')).map((d) => d.range.start.line)).toEqual([12]);
  });

  it('honours concordance.severity for drafting codes ("drafting": "off" hides them all)', async () => {
    const uri = fileUri(path.join(ROOT, 'test', 'artifacts', 'hygiene', 'broken-reference.bill.md'));
    await client.open(uri, readFileSync(path.join(FIXTURES, 'broken-reference.md'), 'utf8'));
    const first = await client.waitForDiagnostics(uri, { version: 1 });
    expect(first.filter((d) => d.code === 'drafting/broken-reference' && d.severity === 1)).toHaveLength(4);
    const before = client.published.length;
    await client.changeSettings({ severity: { drafting: 'off' } });
    const after = await client.waitForDiagnostics(uri, { after: before });
    expect(after.filter((d) => String(d.code).startsWith('drafting/'))).toEqual([]);
  });
});
