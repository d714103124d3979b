// The report data the VS Code views get from the language server (the bundled client/out/server.js,
// driven over stdio): an open bill's report model with its peers (the other workspace bills and the
// reference profiles), the workspace matrix, and the comparison with an older text of the bill.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillDiff } from '../../server/src/compare/diff.js';
import type { Matrix } from '../../server/src/compare/matrix.js';
import type { BillReport, PeersByElement } from '../../server/src/report/model.js';
import { fileUri, LspClient } from '../lsp/lspClient.js';
import { FIXTURES, WORKSPACE } from './helpers.js';

describe('report data over LSP', () => {
  let dir: string;
  let client: LspClient;
  const execute = <T>(command: string, args: unknown[]) => client.request<T>('workspace/executeCommand', { command, arguments: args });

  beforeAll(async () => {
    dir = path.join(tmpdir(), `concordance-report-lsp-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(WORKSPACE, 'bills'), path.join(dir, 'bills'), { recursive: true });
    client = await LspClient.start({ pull: true, workspaceFolders: [dir] });
  });
  afterAll(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the report model of an open bill, following its edits, with peers from the workspace and the profiles', async () => {
    const uri = fileUri(path.join(dir, 'bills', 'aldermere.bill.md'));
    const text = readFileSync(path.join(dir, 'bills', 'aldermere.bill.md'), 'utf8');
    await client.open(uri, text);
    const first = await execute<{ report: BillReport; peers: PeersByElement }>('concordance.server.reportData', [uri]);
    expect(first.report.file).toBe('bills/aldermere.bill.md');
    expect(first.report.elements).toHaveLength(25);
    expect(first.report.elements.find((e) => e.id === 'definition/child-under-18')).toMatchObject({ status: 'partial', figures: { age: 16 } });
    const peers = first.peers['offence/possession']!;
    expect(peers.map((p) => p.name).sort()).toEqual(['Federated States of Corvia', 'Japan', 'Malaysia', 'Republic of Valmora', 'United States (federal)']);
    expect(peers.find((p) => p.name === 'Republic of Valmora')).toMatchObject({ kind: 'bill', status: 'met' });

    await client.change(uri, text.replace('under the age of 16 years', 'under the age of 18 years'));
    const second = await execute<{ report: BillReport }>('concordance.server.reportData', [uri]);
    expect(second.report.elements.find((e) => e.id === 'definition/child-under-18')).toMatchObject({ status: 'met', figures: { age: 18 } });
  });

  it('compares the open text with an older one', async () => {
    const uri = fileUri(path.join(dir, 'bills', 'amend.bill.md'));
    await client.open(uri, readFileSync(path.join(FIXTURES, 'amend-v2.bill.md'), 'utf8'));
    const diff = await execute<BillDiff>('concordance.server.diffData', [uri, readFileSync(path.join(FIXTURES, 'amend-v1.bill.md'), 'utf8'), 'HEAD:bills/amend.bill.md']);
    expect(diff.old.file).toBe('HEAD:bills/amend.bill.md');
    expect(diff.changes.filter((c) => c.kind === 'newly-broken').map((c) => c.id)).toEqual(['offence/possession']);
    expect(diff.changes.filter((c) => c.kind === 'newly-met').map((c) => c.id).sort()).toEqual(['offence/access', 'offence/ict']);
  });

  it('builds the workspace matrix (open bills at their current text)', async () => {
    const matrix = await execute<Matrix>('concordance.server.matrixData', []);
    const names = matrix.columns.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Commonwealth of Aldermere', 'Federated States of Corvia', 'Republic of Valmora', 'United States (federal)']));
    const aldermere = names.indexOf('Commonwealth of Aldermere');
    // The edit of the first test (age 18) is what the matrix sees, not the file on disk (age 16).
    expect(matrix.rows.find((r) => r.id === 'definition/child-under-18')!.cells[aldermere]).toMatchObject({ status: 'met', age: 18 });
  });

  it('refuses a document that is not an open bill', async () => {
    await expect(execute('concordance.server.reportData', [fileUri(path.join(dir, 'nothing.md'))])).rejects.toThrow(/not an open bill/);
  });
});
