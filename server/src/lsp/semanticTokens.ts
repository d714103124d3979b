/**
 * Semantic tokens for bills: defined terms and cross-references, in standard token types so that
 * every theme colours them.
 *
 * Legend (documented in the README):
 * - `variable` + `declaration`, `definition` — a defined term where it is defined (“child” means …);
 * - `variable` — a use of a defined term that its definition governs (hygiene/sites.ts);
 * - `macro` — a cross-reference to a provision ("section 3", "paragraph (b)", "section 12 of the
 *   Criminal Code"); "this Act"/"this section" are not tokens.
 *
 * Tokens never overlap, come in document order, use UTF-16 columns, and a token that runs over a
 * line break ("child sexual abuse⏎material") is split into one token per line.
 */
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { termSites } from '../hygiene/sites.js';
import type { Checked } from './checked.js';

export const TOKEN_TYPES = ['variable', 'macro'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'definition'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const TERM = TOKEN_TYPES.indexOf('variable');
const REFERENCE = TOKEN_TYPES.indexOf('macro');
const DEFINED = (1 << TOKEN_MODIFIERS.indexOf('declaration')) | (1 << TOKEN_MODIFIERS.indexOf('definition'));

interface Token {
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

const cache = new WeakMap<Checked, Token[]>();

/** Terms and references of the bill, in document order, overlaps dropped (the earlier, then the shorter, wins). */
export function billTokens(checked: Checked): Token[] {
  const bill = checked.result?.bill;
  if (!bill) return [];
  const cached = cache.get(checked);
  if (cached) return cached;
  const all: Token[] = termSites(bill).map((s) => ({ start: s.start, end: s.end, type: TERM, modifiers: s.declaration ? DEFINED : 0 }));
  // A range ("sections 1 to 3") gives a reference per member; the members' own numbers win over the whole.
  for (const r of bill.references) if (!r.self && r.span.end > r.span.start) all.push({ start: r.span.start, end: r.span.end, type: REFERENCE, modifiers: 0 });
  all.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Token[] = [];
  for (const token of all) if (out.length === 0 || token.start >= out[out.length - 1]!.end) out.push(token);
  cache.set(checked, out);
  return out;
}

/** textDocument/semanticTokens/full (all of the bill) and /range (the tokens that touch `range`). */
export function semanticTokens(checked: Checked, range?: Range): SemanticTokens {
  const text = checked.snapshot.getText();
  const from = range ? checked.offsetAt(range.start) : 0;
  const to = range ? checked.offsetAt(range.end) : text.length;
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of billTokens(checked)) {
    if (token.end <= from || token.start >= to) continue;
    for (const piece of linePieces(text, token.start, token.end)) {
      if (piece.end <= from || piece.start >= to) continue;
      const at = checked.rangeOf(piece).start;
      data.push(at.line - line, at.line === line ? at.character - character : at.character, piece.end - piece.start, token.type, token.modifiers);
      line = at.line;
      character = at.character;
    }
  }
  return { data };
}

/** The span cut at line breaks, each piece without the blanks around it. */
function linePieces(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const pieces: Array<{ start: number; end: number }> = [];
  let s = start;
  while (s < end) {
    let e = s;
    while (e < end && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text.charAt(a))) a++;
    while (b > a && /\s/.test(text.charAt(b - 1))) b--;
    if (b > a) pieces.push({ start: a, end: b });
    s = e;
    while (s < end && (text.charCodeAt(s) === 10 || text.charCodeAt(s) === 13)) s++;
  }
  return pieces;
}
