/**
 * Defined terms in use: every whole-word occurrence of a defined term within its scope, which
 * definition governs an offset, and the edits of a rename. Works on Bill.plain (Markdown syntax
 * blanked, same offsets as the text), so "**child**" and "child" are the same use.
 */
import type { Bill, Definition, Span } from '../parse/types.js';

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const WORD = '[\\p{L}\\p{N}_]';

function termPattern(term: string): RegExp | undefined {
  const words = term
    .replace(/^[\s"“”'‘’«»*_]+|[\s"“”'‘’«»*_]+$/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return undefined;
  return new RegExp(`(?<!${WORD})${words.join('\\s+')}(?!${WORD})`, 'giu');
}

function within(span: Span, outer: Span): boolean {
  return span.start >= outer.start && span.end <= outer.end;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function size(span: Span): number {
  return span.end - span.start;
}

/** The part of the bill a definition governs. */
export function scopeOf(bill: Bill, definition: Definition): Span {
  if (definition.scope.kind === 'provision') {
    const provision = bill.byId.get(definition.scope.provisionId);
    if (provision) return provision.span;
  }
  return { start: bill.frontMatterSpan?.end ?? 0, end: bill.text.length };
}

/** Narrower definitions of the same term inside this one's scope ("In this Part, child means …"). */
function shadowsOf(bill: Bill, definition: Definition, scope: Span): Span[] {
  return bill.definitions
    .filter((d) => d !== definition && d.normalizedTerm === definition.normalizedTerm)
    .map((d) => scopeOf(bill, d))
    .filter((s) => within(s, scope) && !(s.start === scope.start && s.end === scope.end));
}

/** The term's own words inside its termSpan (without quotes or emphasis, should the span include them). */
function definitionSite(bill: Bill, definition: Definition, pattern: RegExp | undefined): Span {
  const span = definition.termSpan;
  if (!pattern) return span;
  const inner = new RegExp(pattern.source, 'iu').exec(bill.plain.slice(span.start, span.end));
  return inner ? { start: span.start + inner.index, end: span.start + inner.index + inner[0].length } : span;
}

export interface TermUse {
  definition: Definition;
  span: Span;
  /** True for the term where it is defined. */
  isDefinition: boolean;
}

const cache = new WeakMap<Bill, Map<string, TermUse[]>>();

/** Every whole-word occurrence of the definition's term that it governs, in document order. */
export function usesOf(bill: Bill, definition: Definition): TermUse[] {
  let perBill = cache.get(bill);
  if (!perBill) {
    perBill = new Map();
    cache.set(bill, perBill);
  }
  const cached = perBill.get(definition.id);
  if (cached) return cached;

  const scope = scopeOf(bill, definition);
  const shadows = shadowsOf(bill, definition, scope);
  const pattern = termPattern(definition.term);
  const uses: TermUse[] = [{ definition, span: definitionSite(bill, definition, pattern), isDefinition: true }];
  if (pattern) {
    const region = bill.plain.slice(scope.start, scope.end);
    for (const match of region.matchAll(pattern)) {
      const span = { start: scope.start + match.index, end: scope.start + match.index + match[0].length };
      if (overlaps(span, definition.termSpan)) continue;
      if (shadows.some((s) => within(span, s))) continue;
      uses.push({ definition, span, isDefinition: false });
    }
  }
  uses.sort((a, b) => a.span.start - b.span.start);
  perBill.set(definition.id, uses);
  return uses;
}

/** The use of `definition` at `offset`, found by looking only around the offset (cheap on big bills). */
function useAt(bill: Bill, definition: Definition, offset: number): TermUse | undefined {
  const pattern = termPattern(definition.term);
  const site = definitionSite(bill, definition, pattern);
  if (offset >= site.start && offset <= site.end) return { definition, span: site, isDefinition: true };
  const scope = scopeOf(bill, definition);
  if (!pattern || offset < scope.start || offset > scope.end) return undefined;
  const reach = definition.term.length * 2 + 20;
  const from = Math.max(scope.start, offset - reach);
  const window = bill.plain.slice(from, Math.min(scope.end, offset + reach));
  for (const match of window.matchAll(pattern)) {
    const span = { start: from + match.index, end: from + match.index + match[0].length };
    if (offset < span.start || offset > span.end) continue;
    // The window may cut a word: check the boundaries against the whole text.
    if (WORD_CHAR.test(bill.plain.charAt(span.start - 1)) || WORD_CHAR.test(bill.plain.charAt(span.end))) continue;
    if (overlaps(span, definition.termSpan)) continue;
    if (shadowsOf(bill, definition, scope).some((s) => within(span, s))) continue;
    return { definition, span, isDefinition: false };
  }
  return undefined;
}

/** The word (letters/digits) around `offset`, lower-cased. */
function wordAt(text: string, offset: number): string | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD_CHAR.test(text.charAt(start - 1))) start--;
  while (end < text.length && WORD_CHAR.test(text.charAt(end))) end++;
  return end > start ? text.slice(start, end).toLowerCase() : undefined;
}

/**
 * The defined term at `offset` (on its definition or on a use), preferring the longest term
 * ("child sexual abuse material" over "child") and the narrowest scope.
 */
export function termAt(bill: Bill, offset: number): TermUse | undefined {
  const word = wordAt(bill.plain, offset);
  if (!word) return undefined;
  let best: TermUse | undefined;
  for (const definition of bill.definitions) {
    const words = `${definition.normalizedTerm} ${definition.term.toLowerCase()}`.split(/[^\p{L}\p{N}_]+/u);
    if (!words.includes(word)) continue;
    const use = useAt(bill, definition, offset);
    if (!use) continue;
    const better =
      !best ||
      size(use.span) > size(best.span) ||
      (size(use.span) === size(best.span) && size(scopeOf(bill, definition)) < size(scopeOf(bill, best.definition)));
    if (better) best = use;
  }
  return best;
}

/** The replacement for one occurrence: verbatim for an exact match, the occurrence's case pattern for a case variant. */
export function renamedText(occurrence: string, term: string, newName: string): string {
  if (occurrence === term) return newName;
  if (occurrence.toLowerCase() !== term.toLowerCase()) return newName;
  const letters = occurrence.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return newName.toUpperCase();
  const first = occurrence.charAt(0);
  if (first !== first.toLowerCase() && term.charAt(0) === term.charAt(0).toLowerCase()) return newName.charAt(0).toUpperCase() + newName.slice(1);
  if (first === first.toLowerCase() && term.charAt(0) !== term.charAt(0).toLowerCase()) return newName.charAt(0).toLowerCase() + newName.slice(1);
  return newName;
}

export interface RenameEdit {
  span: Span;
  newText: string;
}

/** Edits that rename a defined term everywhere it governs, the definition included. */
export function renameEdits(bill: Bill, definition: Definition, newName: string): RenameEdit[] {
  const uses = usesOf(bill, definition);
  const site = uses.find((use) => use.isDefinition)?.span ?? definition.termSpan;
  const term = bill.text.slice(site.start, site.end);
  return uses.map((use) => {
    const occurrence = bill.text.slice(use.span.start, use.span.end);
    return { span: use.span, newText: renamedText(occurrence, term, newName) };
  });
}
