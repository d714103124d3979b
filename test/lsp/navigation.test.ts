// Hover, symbols, folding, links, code lenses, definition/references/rename of defined terms —
// through a real LSP client over stdio, on the example bill.
import { readdirSync, readFileSync } from 'node:fs';
import type { CodeLens, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient, ROOT } from './lspClient.js';

const SAMPLE = `${ROOT}examples/bills/sample.bill.md`;
const uri = fileUri(SAMPLE);

/** Verbatim treaty quotations in the catalogue (first line of each), and which are unverified. */
function catalogueQuotes(): { first: string; verified: boolean }[] {
  const out: { first: string; verified: boolean }[] = [];
  for (const name of readdirSync(`${ROOT}definitions/instruments`)) {
    const doc = parse(readFileSync(`${ROOT}definitions/instruments/${name}`, 'utf8')) as { articles: { text: string; verified: boolean }[] };
    for (const article of doc.articles) out.push({ first: article.text.trim().split('\n')[0]!.trim(), verified: article.verified });
  }
  return out;
}

function positionOf(text: string, needle: string, from = 0): { line: number; character: number } {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

describe('navigation and hover', () => {
  let client: LspClient;
  let text: string;
  beforeAll(async () => {
    client = await LspClient.start({ pull: true });
    text = readFileSync(SAMPLE, 'utf8');
    await client.open(uri, text);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('gives a hierarchical outline of Parts, sections and definitions', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const all = flatten(symbols);
    expect(all.some((s) => /^Part 1/.test(s.name) && (s.children ?? []).length > 0)).toBe(true);
    expect(all.some((s) => /Interpretation/.test(s.name))).toBe(true);
    const definition = all.find((s) => s.name === 'child sexual abuse material' || s.name === 'image');
    expect(definition?.kind).toBe(20); // SymbolKind.Key
    for (const s of all) expect(contains(s.range, s.selectionRange)).toBe(true);
    for (const s of all) for (const c of s.children ?? []) expect(contains(s.range, c.range)).toBe(true);
  });

  it('folds divisions', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const part2 = positionOf(text, '# Part 2').line;
    expect(ranges.some((r) => r.startLine === part2 && r.endLine > part2)).toBe(true);
  });

  it('hovers a section heading with the elements it implements and the treaty text, quoted and linked', async () => {
    const quotes = catalogueQuotes();
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '## 4. Production') });
    const value = (hover.contents as { value: string }).value;
    expect(value).toMatch(/implements/);
    expect(value).toMatch(/`offence\/production`/);
    expect(value).toMatch(/\]\(https?:\/\/[^)]+\)/);
    const quoted = quotes.filter((q) => value.includes(`> ${q.first}`));
    expect(quoted.length).toBeGreaterThan(0);
    if (quoted.some((q) => !q.verified)) expect(value).toContain('(unverified quotation)');
  });

  it('hovers a defined term with its definition and where it is', async () => {
    const use = positionOf(text, 'child sexual abuse material', text.indexOf('## 4.'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: use.line, character: use.character + 3 } });
    const value = (hover.contents as { value: string }).value;
    expect(value).toMatch(/“child sexual abuse material”\*\* — defined in/);
    expect(value).toMatch(/line \d+/);
  });

  it('goes to the definition of a term and finds its references', async () => {
    const use = positionOf(text, 'image', text.indexOf('## 3.'));
    const [definition] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: use });
    expect(definition!.range.start.line).toBe(positionOf(text, '“image” means').line);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: use, context: { includeDeclaration: true } });
    expect(references.length).toBeGreaterThan(2);
    expect(references.some((r) => r.range.start.line === definition!.range.start.line)).toBe(true);
  });

  it('links resolved cross-references to their target', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    expect(links.length).toBeGreaterThan(0);
    const lines = text.split('\n');
    for (const link of links) {
      const m = /#L(\d+),(\d+)$/.exec(link.target!);
      expect(m, link.target).not.toBeNull();
      expect(link.target!.startsWith(uri)).toBe(true);
      // The target is a provision's heading or number.
      const line = lines[Number(m![1]) - 1]!;
      expect(line).toMatch(/^(#|\(|\d|[a-z]\))/);
    }
    const toSection3 = links.find((l) => text.split('\n')[l.range.start.line]!.includes('given by section 3'));
    expect(toSection3).toBeDefined();
    expect(Number(/#L(\d+)/.exec(toSection3!.target!)![1]) - 1).toBe(positionOf(text, '## 3.').line);
  });

  it('puts code lenses on the title (counts) and on sections (what they implement)', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const title = lenses.find((l) => l.command?.command === 'concordance.showReport');
    expect(title?.command?.title).toMatch(/^\d+ of \d+ elements met · \d+ partial · \d+ missing/);
    expect(title?.range.start.line).toBe(positionOf(text, '# Child Sexual Abuse Material (Offences) Bill').line);
    expect(lenses.some((l) => /^Implements (OPSC|Budapest|Lanzarote|Directive|ICMEC)/.test(l.command?.title ?? ''))).toBe(true);
  });

  it('renames a defined term everywhere in the bill, keeping the case of capitalised uses', async () => {
    const scratch = fileUri(`${ROOT}test/artifacts/lsp/rename.bill.md`);
    await client.open(scratch, text);
    const at = positionOf(text, 'image', text.indexOf('## 3.'));
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: scratch }, position: at });
    expect(prepared.placeholder).toBe('image');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: scratch }, position: at, newName: 'picture' });
    const edits = (edit.documentChanges![0] as { edits: TextEdit[] }).edits;
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: scratch }, position: at, context: { includeDeclaration: true } });
    expect(edits.length).toBe(references.length);
    await client.applyWorkspaceEdit(edit);
    const renamed = client.text(scratch);
    const body = (s: string): string => s.slice(s.indexOf('\n---', 3));
    expect(body(renamed)).not.toMatch(/(?<![\p{L}\p{N}_])image(?![\p{L}\p{N}_])/iu);
    expect(renamed).toContain('“picture” means');
    // Other words are untouched: "images" is not the term.
    expect((renamed.match(/images/g) ?? []).length).toBe((text.match(/images/g) ?? []).length);
    expect(renamed.length - text.length).toBe(edits.length * ('picture'.length - 'image'.length));
  });

  it('refuses to rename what is not a defined term', async () => {
    const at = positionOf(text, 'BE IT ENACTED');
    const prepared = await client.request<unknown>('textDocument/prepareRename', { textDocument: { uri }, position: at });
    expect(prepared).toBeNull();
    await expect(client.request('textDocument/rename', { textDocument: { uri }, position: at, newName: 'x' })).rejects.toThrow(/defined term/);
  });
});
