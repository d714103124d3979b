// Quick-fixes and "Fix all treaty gaps" through a real LSP client: the returned WorkspaceEdit is
// applied to the client's copy of the text, sent back as didChange, and the finding it fixes is gone.
import { readFileSync } from 'node:fs';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, fileUri, LspClient, ROOT, statusOf } from './lspClient.js';

const DEFICIENT = `${ROOT}test/fixtures/bills/westminster-deficient.bill.md`;
const US_DEFICIENT = `${ROOT}test/fixtures/bills/us-style-deficient.bill.md`;

async function codeActions(client: LspClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

describe('code actions', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ pull: false });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('offers a preferred quick-fix for a missing element; applying it removes the finding', async () => {
    const uri = fileUri(DEFICIENT);
    await client.open(uri, readFileSync(DEFICIENT, 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
    const missing = findings(diagnostics).filter((d) => statusOf(d) === 'missing');
    expect(missing.length).toBeGreaterThan(0);

    // The first missing element that has a quick-fix (not every finding has one).
    let target: Diagnostic | undefined;
    let action: CodeAction | undefined;
    for (const d of missing) {
      const actions = await codeActions(client, uri, [d], ['quickfix']);
      action = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
      if (action) {
        target = d;
        break;
      }
    }
    expect(action, 'a quick-fix for some missing element').toBeDefined();
    expect(action!.diagnostics).toEqual([target]);
    const change = action!.edit!.documentChanges![0]!;
    expect('textDocument' in change && change.textDocument.version).toBe(1);

    const before = client.published.length;
    const version = await client.applyWorkspaceEdit(action!.edit!);
    expect(client.text(uri)).toContain(`concordance: implements ${String(target!.code)}`);
    const after = await client.waitForDiagnostics(uri, { version, after: before });
    expect(findings(after).map((d) => d.code)).not.toContain(target!.code);
  });

  it('offers "Fix all treaty gaps" as source.fixAll.concordance; it fixes the elements it names', async () => {
    const uri = fileUri(US_DEFICIENT);
    await client.open(uri, readFileSync(US_DEFICIENT, 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri, { version: 1 });
    const actions = await codeActions(client, uri, [], ['source.fixAll']);
    expect(actions).toHaveLength(1);
    const fixAll = actions[0]!;
    expect(fixAll.kind).toBe('source.fixAll.concordance');
    expect(fixAll.title).toMatch(/^Fix all treaty gaps/);
    const fixed = new Set(fixAll.diagnostics!.map((d) => String(d.code)));
    expect(fixed.size).toBeGreaterThan(0);
    const wasMissing = findings(diagnostics).filter((d) => statusOf(d) === 'missing' && fixed.has(String(d.code)));

    const before = client.published.length;
    const version = await client.applyWorkspaceEdit(fixAll.edit!);
    const after = await client.waitForDiagnostics(uri, { version, after: before });
    const stillMissing = findings(after).filter((d) => statusOf(d) === 'missing').map((d) => String(d.code));
    for (const d of wasMissing) expect(stillMissing).not.toContain(String(d.code));
    expect(after.filter((d) => d.severity === 1).length).toBeLessThan(diagnostics.filter((d) => d.severity === 1).length);
  });

  it('returns no quick-fixes when only source actions are asked for, and vice versa', async () => {
    const uri = fileUri(DEFICIENT);
    const diagnostics = findings(client.publishedFor(uri).at(-1)!.diagnostics);
    const sourceOnly = await codeActions(client, uri, diagnostics, ['source']);
    expect(sourceOnly.every((a) => a.kind?.startsWith('source'))).toBe(true);
    const quickOnly = await codeActions(client, uri, diagnostics, ['quickfix']);
    expect(quickOnly.every((a) => a.kind === 'quickfix')).toBe(true);
  });
});
