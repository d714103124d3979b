// Semantic tokens through a real LSP client over stdio: a bill in, its exact tokens out (defined
// terms where defined and where used, cross-references), decoded from the relative encoding.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, LspClient, ROOT } from './lspClient.js';

const BILL = [
  '---', // 0
  'concordance:',
  '  instruments: [budapest]',
  '---',
  '',
  '# Tokens Bill', // 5
  '',
  '## 1. Interpretation',
  '',
  'In this Act—',
  '', // 10
  '“child” means a person under 18;',
  '',
  '“child sexual abuse material” means an image of a child;',
  '',
  '“image” includes a film.', // 15
  '',
  '## 2. Offence',
  '',
  '(1) A person who possesses child sexual abuse',
  'material commits an offence (see section 1 and sections 1 to 2).', // 20
  '',
  '(2) 😀 Images of a child are an image; see section 12 of the Criminal Code and this Act.',
  '',
  '> A “child” in quoted text is not a use.',
  '',
].join('\n');

const DEFINED = ['declaration', 'definition'];

/** [line, character, text, type, modifiers]: the term split over lines 19-20 is two tokens; the
 * emoji before "Images" counts two UTF-16 units; "this Act" and the quoted "child" are no tokens. */
const EXPECTED: Array<[number, number, string, string, string[]]> = [
  [11, 1, 'child', 'variable', DEFINED],
  [13, 1, 'child sexual abuse material', 'variable', DEFINED],
  [13, 39, 'image', 'variable', []],
  [13, 50, 'child', 'variable', []],
  [15, 1, 'image', 'variable', DEFINED],
  [19, 27, 'child sexual abuse', 'variable', []],
  [20, 0, 'material', 'variable', []],
  [20, 33, 'section 1', 'macro', []],
  [20, 56, '1', 'macro', []],
  [20, 61, '2', 'macro', []],
  [22, 7, 'Images', 'variable', []],
  [22, 19, 'child', 'variable', []],
  [22, 32, 'image', 'variable', []],
  [22, 43, 'section 12', 'macro', []],
];

interface Decoded {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

function decode(tokens: SemanticTokens, legend: SemanticTokensLegend): Decoded[] {
  const out: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dLine, dChar, length, type, bits] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
    line += dLine;
    character = dLine === 0 ? character + dChar : dChar;
    out.push({ line, character, length, type: legend.tokenTypes[type]!, modifiers: legend.tokenModifiers.filter((_, bit) => (bits >> bit) & 1) });
  }
  return out;
}

function asRows(decoded: Decoded[], text: string): Array<[number, number, string, string, string[]]> {
  const lines = text.split('\n');
  return decoded.map((t) => [t.line, t.character, lines[t.line]!.slice(t.character, t.character + t.length), t.type, t.modifiers]);
}

describe('semantic tokens', () => {
  let client: LspClient;
  let legend: SemanticTokensLegend;
  const uri = fileUri(`${ROOT}test/artifacts/lsp/tokens.bill.md`);

  beforeAll(async () => {
    client = await LspClient.start({ pull: true });
    legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    await client.open(uri, BILL);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('advertises a legend of standard token types, full and range', () => {
    expect(legend).toEqual({ tokenTypes: ['variable', 'macro'], tokenModifiers: ['declaration', 'definition'] });
    const provider = client.initializeResult.capabilities.semanticTokensProvider as { full?: unknown; range?: unknown };
    expect(provider.full).toBe(true);
    expect(provider.range).toBe(true);
  });

  it('colours defined terms where defined and used, and cross-references, in document order without overlaps', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const decoded = decode(tokens, legend);
    expect(asRows(decoded, BILL)).toEqual(EXPECTED);
    for (const [i, t] of decoded.entries()) {
      const next = decoded[i + 1];
      if (next) expect(next.line > t.line || (next.line === t.line && next.character >= t.character + t.length)).toBe(true);
    }
  });

  it('gives the tokens of a range (those that touch it)', async () => {
    const range = { start: { line: 13, character: 45 }, end: { line: 20, character: 5 } };
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range });
    expect(asRows(decode(tokens, legend), BILL)).toEqual(EXPECTED.filter(([line, character]) => (line === 13 && character >= 45) || (line > 13 && line < 20) || (line === 20 && character < 5)));
  });

  it('follows edits: a new use is coloured at the new version', async () => {
    const scratch = fileUri(`${ROOT}test/artifacts/lsp/tokens-edit.bill.md`);
    await client.open(scratch, BILL);
    await client.change(scratch, BILL.replace('(2) 😀 Images', '(2) An image or 😀 Images'));
    const rows = asRows(decode(await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: scratch } }), legend), client.text(scratch));
    expect(rows.filter(([line]) => line === 22).map(([, character, text]) => [character, text])).toEqual([
      [7, 'image'],
      [19, 'Images'],
      [31, 'child'],
      [44, 'image'],
      [55, 'section 12'],
    ]);
    await client.close(scratch);
  });

  it('gives no tokens for Markdown that is not a bill', async () => {
    const notes = fileUri(`${ROOT}test/artifacts/lsp/notes.md`);
    await client.open(notes, BILL.replace(/^---[\s\S]*?---\n/, ''));
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: notes } });
    expect(tokens.data).toEqual([]);
    await client.close(notes);
  });
});
