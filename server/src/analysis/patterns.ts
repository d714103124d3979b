/**
 * Compiling catalogue patterns and finding them inside spans of the bill's `plain` text.
 *
 * Hand-rolled on purpose: the catalogue's lexicons are already regular expressions (data a
 * legal editor can read and extend), so a matcher library would add nothing; what matters here is
 * that a search inside a span never scans past it (a global RegExp would run to the end of a
 * 5 MB text on every miss), so spans are sliced first.
 */
import type { Span } from '../parse/types.js';
import { nextMatchNotAfter } from '../parse/search.js';

export interface Match {
  span: Span;
  text: string;
}

const cache = new Map<string, RegExp>();
const MAX_COMPILED = 1000;
/** By the array itself: the catalogue's lexicon lists are compiled again and again, and joining a long one is not free. */
const byList = new WeakMap<readonly string[], RegExp>();

/** One case-insensitive RegExp matching any of the patterns as whole words. */
export function compile(patterns: readonly string[]): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  const known = byList.get(patterns);
  if (known) return known;
  const key = patterns.join('\u0000');
  let re = cache.get(key);
  if (!re) {
    const body = patterns.map((p) => `(?:${p})`).join('|');
    // Word boundaries that understand letters beyond ASCII (\b does not in JS).
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
    // Bills' own terms make new keys (each spelling typed while a term is written): bounded.
    if (cache.size >= MAX_COMPILED) cache.clear();
    cache.set(key, re);
  }
  byList.set(patterns, re);
  return re;
}

/** Escapes a literal term (a bill's own defined term) for use as a pattern, tolerating spacing. */
export function literalPattern(term: string): string {
  return term
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}

export function findAll(re: RegExp | undefined, text: string, span: Span): Match[] {
  if (!re || span.end <= span.start) return [];
  const slice = text.slice(span.start, span.end);
  const out: Match[] = [];
  for (let m = scan(re, slice, 0); m; m = scan(re, slice, m.index + Math.max(1, m[0].length))) {
    out.push({ span: { start: span.start + m.index, end: span.start + m.index + m[0].length }, text: m[0] });
  }
  return out;
}

export function findFirst(re: RegExp | undefined, text: string, span: Span): Match | undefined {
  if (!re || span.end <= span.start) return undefined;
  const m = scan(re, text.slice(span.start, span.end), 0);
  if (!m) return undefined;
  return { span: { start: span.start + m.index, end: span.start + m.index + m[0].length }, text: m[0] };
}

const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const scanners = new WeakMap<RegExp, RegExp>();

/**
 * The next non-empty match of `re` in `text` from `from`. A pattern compiled above opens with a
 * lookbehind (a word must not continue before it); it is searched without it and the condition is
 * checked by hand where a match is found (parse/search.ts says why).
 */
function scan(re: RegExp, text: string, from: number): RegExpExecArray | null {
  let scanner = scanners.get(re);
  if (!scanner) {
    scanner = re.flags.includes('u') && re.flags.includes('g') && re.source.startsWith(WORD_START) ? new RegExp(re.source.slice(WORD_START.length), re.flags) : re;
    scanners.set(re, scanner);
  }
  return nextMatchNotAfter(scanner, text, from, scanner === re ? nothingBefore : wordCharBefore);
}

const nothingBefore = (): boolean => false;

function wordCharBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  const char = low >= 0xdc00 && low < 0xe000 && high >= 0xd800 && high < 0xdc00 ? text.slice(at - 2, at) : text[at - 1]!;
  return WORD_CHAR.test(char);
}

export function findInSpans(re: RegExp | undefined, text: string, spans: readonly Span[]): Match[] {
  const out: Match[] = [];
  for (const span of spans) out.push(...findAll(re, text, span));
  return out;
}

export function firstInSpans(re: RegExp | undefined, text: string, spans: readonly Span[]): Match | undefined {
  for (const span of spans) {
    const match = findFirst(re, text, span);
    if (match) return match;
  }
  return undefined;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
