/**
 * Subdivision numbers: recognising "(1)", "(a)", "(iv)", "(A)", "(aa)", "1.", "a)", "1)" tokens and
 * listing every numbering scheme a token could belong to ("(i)" is roman 1 or letter 9).
 */
import type { NumberingScheme, NumberStyle } from './types.js';

export interface Candidate {
  scheme: NumberingScheme;
  /** Position in the sequence (1-based); inserted numbers such as "2A" or "4.1" are fractional. */
  ordinal: number;
}

export interface NumberToken {
  /** Offsets of the token as written, e.g. "(1)". */
  start: number;
  end: number;
  /** Without punctuation: "1", "b", "iv", "2A". */
  number: string;
  style: NumberStyle;
  candidates: Candidate[];
}

const ROMAN = /^(?=[mdclxvi])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

export function romanValue(s: string): number | undefined {
  const lower = s.toLowerCase();
  if (!ROMAN.test(lower)) return undefined;
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const v = ROMAN_VALUES[lower[i] as string] as number;
    const next = i + 1 < lower.length ? (ROMAN_VALUES[lower[i + 1] as string] as number) : 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function toRoman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  let rest = Math.max(1, Math.floor(n));
  for (const [v, s] of table) while (rest >= v) { out += s; rest -= v; }
  return out;
}

/** Every scheme the number could belong to, most likely first. */
export function candidatesFor(num: string): Candidate[] {
  const out: Candidate[] = [];
  let m = /^(\d{1,4})(?:([A-Z]{1,2})|\.(\d{1,3}))?$/.exec(num);
  if (m) {
    const base = Number(m[1]);
    const frac = m[2] ? 0.1 * Math.min(9, (m[2].charCodeAt(0) - 64)) / 10 + 0.05 : m[3] ? Math.min(0.9, Number(m[3]) / 100) + 0.001 : 0;
    out.push({ scheme: 'arabic', ordinal: base + frac });
    return out;
  }
  if (/^[a-z]+$/.test(num)) {
    if (num.length === 1) out.push({ scheme: 'lower-alpha', ordinal: num.charCodeAt(0) - 96 });
    const r = romanValue(num);
    if (r !== undefined) out.push({ scheme: 'lower-roman', ordinal: r });
    if (num.length === 2 && num[0] === num[1]) out.push({ scheme: 'double-lower-alpha', ordinal: num.charCodeAt(0) - 96 });
    if (num.length >= 2 && /^[a-z][a-z]$/.test(num) && out.length === 0) out.push({ scheme: 'lower-alpha', ordinal: (num.charCodeAt(0) - 96) * 26 + (num.charCodeAt(1) - 96) + 0.5 });
    return out;
  }
  if (/^[A-Z]+$/.test(num)) {
    if (num.length === 1) out.push({ scheme: 'upper-alpha', ordinal: num.charCodeAt(0) - 64 });
    const r = romanValue(num);
    if (r !== undefined) out.push({ scheme: 'upper-roman', ordinal: r });
    if (num.length === 2 && num[0] === num[1] && out.length === 0) out.push({ scheme: 'upper-alpha', ordinal: 26 + num.charCodeAt(0) - 64 });
    return out;
  }
  if ((m = /^([a-z])(\d{1,2})$/.exec(num))) {
    out.push({ scheme: 'lower-alpha', ordinal: (m[1] as string).charCodeAt(0) - 96 + 0.05 });
  }
  return out;
}

// Sticky token regexes, tried at the start of a line (after blanks) in `plain`.
const PAREN = /[ \t]*\(([0-9]{1,4}(?:[A-Z]{1,2}|\.[0-9]{1,3})?|[a-z]{1,4}|[A-Z]{1,4}|[a-z][0-9]{1,2})\)(?=[\s(—–]|$)/y;
const DOT = /[ \t]*([0-9]{1,3}|[a-z]|[A-Z])\.(?=\s|$)/y;
const CLOSE = /[ \t]*([0-9]{1,3}|[a-z]{1,4})\)(?=\s|$)/y;

/** A subdivision number token at `pos` (leading blanks skipped), or undefined. */
export function matchNumberToken(plain: string, pos: number, end: number): NumberToken | undefined {
  for (const [re, style] of [[PAREN, 'paren'], [DOT, 'dot'], [CLOSE, 'close-paren']] as const) {
    re.lastIndex = pos;
    const m = re.exec(plain);
    if (!m || re.lastIndex > end) continue;
    const number = m[1] as string;
    // "A." or "I." at the start of a sentence is too often a word or initial: accept single letters only.
    const candidates = candidatesFor(number);
    if (candidates.length === 0) continue;
    const tokenEnd = re.lastIndex;
    const tokenStart = tokenEnd - number.length - (style === 'paren' ? 2 : 1);
    return { start: tokenStart, end: tokenEnd, number, style, candidates };
  }
  return undefined;
}

/** "1" for a Markdown ordered-list marker "1." / "1)". */
export function listMarkerToken(text: string, itemStart: number, limit: number): NumberToken | undefined {
  const re = /[ \t]*(\d{1,9})[.)]/y;
  re.lastIndex = itemStart;
  const m = re.exec(text);
  if (!m || re.lastIndex > limit) return undefined;
  const number = String(Number(m[1]));
  return { start: re.lastIndex - (m[1] as string).length - 1, end: re.lastIndex, number, style: 'list', candidates: [{ scheme: 'arabic', ordinal: Number(number) }] };
}

/** True when `ordinal` may directly follow `last` in one sequence (2 after 1, 2A after 2, 3 after 2A). */
export function follows(last: number, ordinal: number): boolean {
  return ordinal > last && ordinal <= Math.floor(last) + 1 + 0.0001 && ordinal >= Math.floor(last) + (Number.isInteger(ordinal) ? 1 : 0);
}

export function isFirst(c: Candidate): boolean {
  return c.ordinal === 1;
}
