/**
 * Compiling catalogue patterns and finding them inside spans of the bill's `plain` text.
 *
 * Hand-rolled on purpose: the catalogue's lexicons are already regular expressions (data a
 * legal editor can read and extend), so a matcher library would add nothing; what matters here is
 * that a search inside a span never scans past it (a global RegExp would run to the end of a
 * 5 MB text on every miss), so spans are sliced first.
 */
import type { Span } from '../parse/types.js';

export interface Match {
  span: Span;
  text: string;
}

const cache = new Map<string, RegExp>();

/** One case-insensitive RegExp matching any of the patterns as whole words. */
export function compile(patterns: readonly string[]): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  const key = patterns.join('\u0000');
  let re = cache.get(key);
  if (!re) {
    const body = patterns.map((p) => `(?:${p})`).join('|');
    // Word boundaries that understand letters beyond ASCII (\b does not in JS).
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
    cache.set(key, re);
  }
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
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ span: { start: span.start + m.index, end: span.start + m.index + m[0].length }, text: m[0] });
  }
  return out;
}

export function findFirst(re: RegExp | undefined, text: string, span: Span): Match | undefined {
  if (!re || span.end <= span.start) return undefined;
  const slice = text.slice(span.start, span.end);
  re.lastIndex = 0;
  const m = re.exec(slice);
  if (!m) return undefined;
  return { span: { start: span.start + m.index, end: span.start + m.index + m[0].length }, text: m[0] };
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
