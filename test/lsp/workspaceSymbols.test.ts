// Workspace symbols through a real LSP client over stdio: a workspace of bills on disk (and one
// open with unsaved changes) in, the exact matching symbols out.
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient } from './lspClient.js';

const ALPHA = [
  '# Alpha Bill',
  '',
  '## Part 1 — Preliminary',
  '',
  '### 1. Interpretation',
  '',
  'In this Act, “image” means a picture.',
  '',
  '### 2. Possession of indecent images',
  '',
  'A person who possesses an image commits an offence.',
  '',
].join('\n');

const BETA = ['---', 'concordance: {}', '---', '', '# Beta Bill', '', '## 1. Production offence', '', 'A person who produces an image commits an offence.', ''].join('\n');
const BETA_EDITED = BETA.replace('## 1. Production offence', '## 1. Possession offence\n\nIn this section, “child” means a person under 18.');

const FILES: Record<string, string> = {
  'bills/alpha.md': ALPHA,
  'beta.bill.md': BETA,
  // Not bills: ordinary Markdown, and a file outside the include globs without front matter.
  'README.md': '# Readme\n\n## 1. Possession of things\n',
  'notes/plain.md': '## 1. Possession notes\n',
};

type Row = [name: string, kind: number, file: string, line: number, container: string | undefined];

describe('workspace symbols', () => {
  let client: LspClient;
  let root: string;
  const rows = (symbols: SymbolInformation[]): Row[] =>
    symbols.map((s) => [s.name, s.kind, path.relative(root, new URL(s.location.uri).pathname), s.location.range.start.line, s.containerName]);
  const query = async (q: string): Promise<Row[]> => rows(await client.request<SymbolInformation[]>('workspace/symbol', { query: q }));

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'concordance-symbols-'));
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    client = await LspClient.start({ pull: true, workspaceFolders: [root] });
    await client.open(fileUri(path.join(root, 'beta.bill.md')), BETA_EDITED);
  });
  afterAll(async () => {
    await client?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('advertises workspace symbols', () => {
    expect(client.initializeResult.capabilities.workspaceSymbolProvider).toBe(true);
  });

  it('lists the Parts, sections and defined terms of every bill: open ones at their current text', async () => {
    expect(await query('')).toEqual([
      // The open bill first (its unsaved text, not the file's), then the bills on disk.
      ['Section 1 — Possession offence', 5, 'beta.bill.md', 6, 'Beta Bill'],
      ['child', 20, 'beta.bill.md', 8, 'Beta Bill'],
      ['Part 1 — Preliminary', 3, 'bills/alpha.md', 2, 'Alpha Bill'],
      ['Section 1 — Interpretation', 5, 'bills/alpha.md', 4, 'Alpha Bill'],
      ['image', 20, 'bills/alpha.md', 6, 'Alpha Bill'],
      ['Section 2 — Possession of indecent images', 5, 'bills/alpha.md', 8, 'Alpha Bill'],
    ]);
  });

  it('filters case-insensitively by substring (prefixes first) or by letters in order', async () => {
    expect((await query('POSSESSION')).map((r) => r[0])).toEqual(['Section 1 — Possession offence', 'Section 2 — Possession of indecent images']);
    expect((await query('image')).map((r) => r[0])).toEqual(['image', 'Section 2 — Possession of indecent images']);
    expect((await query('intrp')).map((r) => r[0])).toEqual(['Section 1 — Interpretation']);
    expect(await query('nothing like this')).toEqual([]);
  });

  it('reads a bill on disk again when it changes', async () => {
    const file = path.join(root, 'bills/alpha.md');
    writeFileSync(file, ALPHA.replace('Possession of indecent images', 'Making indecent images'));
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect((await query('indecent')).map((r) => r[0])).toEqual(['Section 2 — Making indecent images']);
  });
});
