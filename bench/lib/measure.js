// Shared helpers for the bench: timing, medians, bare remark-parse.
import { unified } from 'unified';
import remarkParse from 'remark-parse';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function time(fn) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function timeAsync(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** The reference every ratio is measured against: a bare remark-parse parse of the same text. */
export function bareParse(text) {
  return unified().use(remarkParse).parse(text);
}

export function round(n, digits = 0) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
