/**
 * What the hygiene checks need to know about the text around a match, computed once per bill in
 * linear passes: where the quoted treaty text is (block quotes), what is inside quotation marks,
 * which spans are headings, and which words the drafter has marked as ordinary words
 * (`<!-- concordance: ordinary services -->`). The parse layer does not record these because the
 * treaty analysis never needed them.
 */
import type { Bill, Span } from '../parse/types.js';
import { relocateFound, type Found, type PieceScans } from '../parse/scans.js';
import { isSpaceCode, lastNonSpace } from '../parse/search.js';

/** Sorted, non-overlapping spans with O(log n) membership. */
export class SpanSet {
  private readonly starts: number[];
  private readonly ends: number[];

  constructor(spans: readonly Span[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = [];
    this.ends = [];
    for (const s of sorted) {
      const last = this.ends.length - 1;
      if (last >= 0 && s.start <= (this.ends[last] as number)) {
        if (s.end > (this.ends[last] as number)) this.ends[last] = s.end;
        continue;
      }
      this.starts.push(s.start);
      this.ends.push(s.end);
    }
  }

  /** The span containing `offset` (start <= offset < end), if any. */
  at(offset: number): Span | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0) return undefined;
    const end = this.ends[hi] as number;
    return offset < end ? { start: this.starts[hi] as number, end } : undefined;
  }

  has(offset: number): boolean {
    return this.at(offset) !== undefined;
  }

  get size(): number {
    return this.starts.length;
  }

  /** The spans, merged where they touched or overlapped, in order. */
  *[Symbol.iterator](): Generator<Span> {
    for (let i = 0; i < this.starts.length; i++) yield { start: this.starts[i]!, end: this.ends[i]! };
  }
}

export interface OrdinaryMarks {
  /** Forms, exactly as written in the annotations, that are ordinary words and not the defined term. */
  forms: Set<string>;
  /** The annotation comments (the parser reports them as unrecognised; check.ts drops those reports). */
  spans: Span[];
}

export interface TextContext {
  bill: Bill;
  blockquotes: SpanSet;
  /** Quotation-mark pairs, the marks included. */
  quotations: SpanSet;
  headings: SpanSet;
  ordinary: OrdinaryMarks;
  /** The editor's per-document cache of piece-by-piece searches, if any (parse/scans.ts). */
  scans: PieceScans | undefined;
}

/** A run-in heading converted from a code: "(4) Executive director ." (a space before the full stop). */
const RUN_IN = /^[^.;:\n]{1,100}\s\.$/;

/** Whether `span`, trimmed, ends as RUN_IN does (" ."): spares a copy and a search per subdivision. */
function endsInSpacedStop(plain: string, span: Span): boolean {
  const k = lastNonSpace(plain, span.start, span.end);
  return k > span.start && plain.charCodeAt(k) === 46 && isSpaceCode(plain.charCodeAt(k - 1));
}

/** `scans`: the editor's per-document cache of piece-by-piece searches (parse/scans.ts), if any. */
export function buildContext(bill: Bill, scans?: PieceScans): TextContext {
  const lines = scanLines(bill.text, bill.plain);
  const headings = lines.headings;
  for (const p of bill.provisions) {
    // ATX headings come from the line scan; bold-number sections ("**3.** Possession") from here.
    if (p.kind !== 'subdivision' && p.headSpan.end > p.headSpan.start && bill.text.charCodeAt(p.headSpan.start) !== 35) headings.push(p.headSpan);
    const first = p.kind === 'subdivision' ? p.ownSpans[0] : undefined;
    if (first && first.end - first.start <= 102 && endsInSpacedStop(bill.plain, first) && RUN_IN.test(bill.plain.slice(first.start, first.end).trim())) headings.push(first);
  }
  const openers = scans && bill.pieces ? scans.findAll('quote openers', bill.plain, bill.pieces, findOpeners, relocateFound) : findOpeners(bill.plain, { start: 0, end: bill.plain.length });
  return {
    bill,
    blockquotes: new SpanSet(lines.blockquotes),
    quotations: new SpanSet(quotationPairs(bill.plain, lines.breaks, openers)),
    headings: new SpanSet(headings),
    ordinary: ordinaryMarks(bill.text, bill.plain),
    scans,
  };
}

interface Lines {
  /** Lines of Markdown block quotes, lazy continuation lines included. */
  blockquotes: Span[];
  /**
   * Every ATX heading line, including the ones that are no provision's head (a heading repeated by a
   * chunked source, "###### (b) Penalties." read as a subdivision): headings keep their own capitals.
   */
  headings: Span[];
  /** Offsets of blank lines (paragraph breaks), ascending. */
  breaks: number[];
}

/**
 * One pass over the lines. A ">" or "#" counts only where the Markdown parse blanked it in `plain`
 * (so not inside a code block).
 */
function scanLines(text: string, plain: string): Lines {
  const out: Lines = { blockquotes: [], headings: [], breaks: [] };
  let inQuote = false;
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    let k = lineStart;
    while (k < lineEnd && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    const c = text.charCodeAt(k);
    const blankLine = k >= lineEnd || c === 13;
    if (blankLine) out.breaks.push(lineStart);
    if (c === 62 && plain.charCodeAt(k) === 32) inQuote = true;
    else if (blankLine) inQuote = false;
    if (inQuote) out.blockquotes.push({ start: lineStart, end: lineEnd });
    if (c === 35 && k - lineStart <= 3 && plain.charCodeAt(k) === 32) {
      let h = k;
      while (h < lineEnd && text.charCodeAt(h) === 35) h++;
      const after = text.charCodeAt(h);
      if (h - k <= 6 && (after === 32 || after === 9)) out.headings.push({ start: lineStart, end: lineEnd });
    }
    if (lineEnd >= n) break;
    lineStart = lineEnd + 1;
  }
  return out;
}

const CLOSER: Record<string, string> = { '“': '”', '«': '»', '„': '“”', '‘': '’', '"': '"' };
const OPENERS = /[“«„‘"]/g;

/**
 * Pairs of quotation marks within a paragraph (a quotation never runs over a blank line). Each
 * opening mark finds its closing mark with indexOf, bounded by the next blank line, found by binary
 * search in the list of blank lines: linear in the text however many marks it has.
 */
function quotationPairs(plain: string, breaks: readonly number[], openers: readonly Found[]): Span[] {
  const out: Span[] = [];
  const nextBreak = (from: number): number => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((breaks[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < breaks.length ? (breaks[lo] as number) : plain.length;
  };
  let resume = 0;
  for (const { span } of openers) {
    const open = span.start;
    if (open < resume) continue;
    const limit = Math.min(nextBreak(open), open + 2000);
    let closed = -1;
    for (const closer of CLOSER[plain[open]!] as string) {
      let at = plain.indexOf(closer, open + 1);
      // A right single quote followed by a letter is an apostrophe ("child’s"), not a closing mark.
      while (closer === '’' && at !== -1 && at < limit && /\p{L}/u.test(plain.charAt(at + 1))) at = plain.indexOf(closer, at + 1);
      if (at !== -1 && at < limit && (closed === -1 || at < closed)) closed = at;
    }
    if (closed === -1) continue;
    out.push({ start: open, end: closed + 1 });
    resume = closed + 1;
  }
  return out;
}

/** Every opening quotation mark in `text` within `span` (where a quotation may start). */
function findOpeners(text: string, span: Span): Found[] {
  const out: Found[] = [];
  OPENERS.lastIndex = span.start;
  let m: RegExpExecArray | null;
  while ((m = OPENERS.exec(text)) !== null && m.index < span.end) out.push({ span: { start: m.index, end: m.index + 1 } });
  return out;
}

const COMMENT = /<!--([\s\S]*?)-->/g;
const ORDINARY = /^\s*concordance\s*:\s*ordinary\s+([\s\S]+?)\s*$/i;

/** `<!-- concordance: ordinary services, material -->`: each listed form is the ordinary word. */
function ordinaryMarks(text: string, plain: string): OrdinaryMarks {
  const marks: OrdinaryMarks = { forms: new Set(), spans: [] };
  if (text.indexOf('<!--') === -1) return marks;
  COMMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMMENT.exec(text)) !== null) {
    // Only real HTML comments: a "<!--" in a code span stays visible in `plain`.
    if (plain.charCodeAt(m.index) !== 32) continue;
    const body = ORDINARY.exec(m[1] as string);
    if (!body) continue;
    marks.spans.push({ start: m.index, end: m.index + m[0].length });
    for (const part of (body[1] as string).split(/[,;]/)) {
      const form = part.replace(/^[\s"“”'‘’«»*_]+|[\s"“”'‘’«»*_]+$/g, '').replace(/\s+/g, ' ');
      if (form) marks.forms.add(form);
    }
  }
  return marks;
}

const WORDISH = /[\p{L}\p{N},]/u;

/** True when the text before `offset` ends a sentence or a clause opener (so a capital is expected). */
export function isSentenceStart(plain: string, offset: number): boolean {
  const k = lastNonSpace(plain, 0, offset);
  if (k < 0) return true;
  return !WORDISH.test(plain[k] as string);
}

const CONNECTORS = new Set(['of', 'the', 'and', 'on', 'for', 'in', 'to', 'de', 'la']);

const BRACKETS = new Set([40, 41, 0x201c, 0x201d, 34, 0x2018, 0x2019, 44]);
/** Capitalised only because they open a sentence: "A Child …", "Every Service …" are no names. */
const OPENERS_OF_SENTENCES = new Set(['A', 'An', 'The', 'Any', 'Each', 'Every', 'No', 'This', 'That', 'These', 'Those', 'Such', 'Where', 'If', 'In', 'For', 'Of', 'On', 'To', 'By', 'With', 'Nothing', 'All', 'Its', 'Their', 'His', 'Her', 'Our', 'When', 'While', 'Unless', 'Subject', 'Notwithstanding', 'Except']);
const isBlank = (c: number): boolean => c === 32 || c === 9;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x4ff);
const isNameChar = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 39 || c === 0x2019;

/** The word next to `offset` in `direction`, across blanks and one bracket or quotation mark. */
function neighbour(plain: string, offset: number, direction: 1 | -1): { word: string; at: number } | undefined {
  let i = direction === 1 ? offset : offset - 1;
  if (i >= 0 && i < plain.length && BRACKETS.has(plain.charCodeAt(i))) i += direction;
  const blankFrom = i;
  while (i >= 0 && i < plain.length && isBlank(plain.charCodeAt(i))) i += direction;
  if (i === blankFrom) return undefined;
  if (i >= 0 && i < plain.length && BRACKETS.has(plain.charCodeAt(i))) i += direction;
  if (i < 0 || i >= plain.length || !isLetter(plain.charCodeAt(i)) && direction === 1) return undefined;
  const edge = i;
  while (i >= 0 && i < plain.length && isNameChar(plain.charCodeAt(i))) i += direction;
  const word = direction === 1 ? plain.slice(edge, i) : plain.slice(i + 1, edge + 1);
  if (!word || !isLetter(word.charCodeAt(0))) return undefined;
  return { word, at: direction === 1 ? i : i + 1 };
}

/**
 * True when a capitalised occurrence is part of a longer proper name ("the Rights of the Child",
 * "Online Safety Commissioner", "Child Sexual Abuse Material (Offences) Act 2025"): not a use of the
 * term. A capitalised word next to it, across "of", "the", "and" … and brackets, makes it a name.
 */
export function inProperName(plain: string, span: Span): boolean {
  let at = span.end;
  for (let i = 0; i < 4; i++) {
    const next = neighbour(plain, at, 1);
    if (!next) break;
    if (/^\p{Lu}/u.test(next.word)) return true;
    if (!CONNECTORS.has(next.word)) break;
    at = next.at;
  }
  at = span.start;
  for (let i = 0; i < 4; i++) {
    const prev = neighbour(plain, at, -1);
    if (!prev) return false;
    at = prev.at;
    if (CONNECTORS.has(prev.word)) continue;
    if (!/^\p{Lu}/u.test(prev.word)) return false;
    // "Child" after a sentence-initial "A" or "The" is not a name; after "Department" it is.
    return !(isSentenceStart(plain, prev.at) && OPENERS_OF_SENTENCES.has(prev.word));
  }
  return false;
}
