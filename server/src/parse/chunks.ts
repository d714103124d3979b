/**
 * Incremental reading: the text is cut at division boundaries (ATX heading lines that CommonMark is
 * certain to read as the start of a new top-level block), each piece is parsed and read on its own
 * (its plain text, plain.ts, and its block events, blocks.ts), and a piece whose text has not
 * changed is not parsed or read again: its events are moved to where it now starts. Joined, the
 * pieces' trees are the tree a whole-text parse gives (test/parse/incremental.test.ts checks that
 * over real bills and random edits, and that a check through the cache equals one from scratch).
 *
 * Why a heading line is a safe cut: an unindented ATX heading closes any open paragraph, list item,
 * block quote or table (it is never a lazy continuation line), so nothing before it can reach past
 * it. What can: an open fenced code block, a multi-line HTML block, and link reference definitions
 * (document-wide). The scanner below tracks the first two line by line; a text with any link
 * reference definition is parsed whole. The scan is hand-written because no library exposes
 * micromark's block boundaries without a full parse, which is the cost being avoided.
 */
import type { Root, RootContent } from 'mdast';
import { linesNeedSanitizing, sanitizeForMarkdown, shiftPositions, type SanitizeResult } from './markdown.js';
import { PieceScans } from './scans.js';
import { readBlocks, relocateBlocks, type Block } from './blocks.js';
import { buildPlain } from './plain.js';
import type { ResolvedReferences } from './references.js';
import type { TreeChange } from './reuse.js';
import type { Provision } from './types.js';

export interface Chunk {
  start: number;
  end: number;
  /** 1-based line of `start`, as micromark counts lines (\n, \r\n and a lone \r each end one). */
  line: number;
  /** Set by DocumentCache.read: the same id as long as the piece's text is the same (scans.ts keys by it). */
  id?: number;
}

const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LINK_DEFINITION = /^[ \t]*(?:>[ \t]*)*\[(?:[^\]\\\r\n]|\\.)+\]:/m;
const HTML_CLOSED_BY = [
  { open: /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, close: /<\/(?:script|pre|style|textarea)>/i },
  { open: /^ {0,3}<!--/, close: /-->/ },
  { open: /^ {0,3}<\?/, close: /\?>/ },
  { open: /^ {0,3}<![A-Za-z]/, close: />/ },
  { open: /^ {0,3}<!\[CDATA\[/, close: /\]\]>/ },
];
/** HTML blocks of kinds 6 and 7: they run to the next blank line. */
const HTML_TO_BLANK = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;
const LINE_BREAK = /\r\n?|\n/g;
/** Most characters parsed at once when neighbouring pieces are parsed together (see parseMissing). */
const BATCH_SIZE = 16_384;
/** Characters compared at once when finding where two versions of a text differ. */
const COMPARE_BLOCK = 1024;

/** Where the text may be cut: pieces starting at line starts that begin a new division. The first starts at 0. */
export function divisionChunks(text: string): Chunk[] {
  // Every link reference definition contains "]:"; the native search spares the regexp almost always.
  if (text.includes(']:') && LINK_DEFINITION.test(text)) return [{ start: 0, end: text.length, line: 1 }];
  const cuts: Array<{ start: number; line: number }> = [{ start: 0, line: 1 }];
  const onlyLf = !text.includes('\r');
  let fence: { char: string; length: number } | undefined;
  let htmlClose: RegExp | undefined;
  let htmlToBlank = false;
  let lineStart = 0;
  let line = 1;
  while (lineStart < text.length) {
    // Native searches for the line end: this runs on every keystroke over the whole text.
    let lineEnd: number;
    let next: number;
    if (onlyLf) {
      lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      next = lineEnd + 1;
    } else {
      LINE_BREAK.lastIndex = lineStart;
      const m = LINE_BREAK.exec(text);
      lineEnd = m ? m.index : text.length;
      next = m ? m.index + m[0].length : text.length;
    }
    const first = text.charCodeAt(lineStart);
    // Only lines starting with "#", a space, "`", "~" or "<" can matter, or any line inside a fence or HTML block.
    if (fence || htmlClose || htmlToBlank || first === 35 || first === 32 || first === 96 || first === 126 || first === 60) {
      scan(text.slice(lineStart, lineEnd));
    }
    lineStart = next;
    line += 1;
  }
  function scan(lineText: string): void {
    if (fence) {
      const close = FENCE.exec(lineText);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && /^[ \t]*$/.test(lineText.slice(close[0].length))) fence = undefined;
    } else if (htmlClose) {
      if (htmlClose.test(lineText)) htmlClose = undefined;
    } else if (htmlToBlank) {
      if (/^[ \t]*$/.test(lineText)) htmlToBlank = false;
    } else if (ATX.test(lineText)) {
      if (lineStart > 0) cuts.push({ start: lineStart, line });
    } else {
      const open = FENCE.exec(lineText);
      if (open && !(open[1]![0] === '`' && lineText.slice(open[0].length).includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length };
      } else {
        const html = HTML_CLOSED_BY.find((h) => h.open.test(lineText));
        if (html) {
          if (!html.close.test(lineText.slice(lineText.indexOf('<') + 2))) htmlClose = html.close;
        } else if (HTML_TO_BLANK.test(lineText)) {
          htmlToBlank = true;
        }
      }
    }
  }
  // Built with every field, `id` included, so that all pieces share one object shape (V8 hidden class).
  return cuts.map((cut, i) => ({ start: cut.start, end: cuts[i + 1]?.start ?? text.length, line: cut.line, id: undefined }));
}

/** What one piece reads as: its plain text and its block events (blocks.ts). */
interface PieceRead {
  id: number;
  plain: string;
  /** Offsets relative to `base`; the piece started at `start` when it was read. */
  blocks: Block[];
  base: number;
  start: number;
}

/** A run of neighbouring pieces parsed together (see parseRuns). */
interface Run {
  from: number;
  to: number;
  start: number;
  end: number;
}

/**
 * What one document's last check leaves for its next: every piece's plain text and block events,
 * and the per-piece results of whole-text scans (`scans`). Only the last text's pieces are kept, and
 * no Markdown tree outlives the check that parsed it, so memory stays flat over edits. A check
 * without a cache uses a fresh one: one code path.
 */
/** Two successive texts of a document and the lengths of their common prefix and suffix. */
export interface TextEdit {
  before: string;
  after: string;
  prefix: number;
  suffix: number;
}

export class DocumentCache {
  private last: { text: string; source: string; pieces: Chunk[]; reads: PieceRead[]; plain: string } | undefined;
  private lastDiff: { text: string; against: string; prefix: number; suffix: number } | undefined;
  private nextId = 0;
  hits = 0;
  misses = 0;
  /** The pieces of the text last read, and that text (the sanitized source: same offsets as the bill). */
  pieces: Chunk[] = [];
  source = '';
  /** Searches of the bill's plain text, piece by piece. */
  readonly scans = new PieceScans();
  /** Searches of the bill's text itself (kept apart: a PieceScans keeps the results of one text). */
  readonly textScans = new PieceScans();
  /** The last check's text and provision tree, and that tree against the one before it (reuse.ts). */
  lastTree: { text: string; provisions: readonly Provision[] } | undefined;
  treeChange: TreeChange | undefined;
  /** The last check's cross-references and its text (references.ts moves them after a keystroke). */
  lastReferences: { text: string; resolved: ResolvedReferences } | undefined;

  /**
   * sanitizeForMarkdown(text, blankUntil), where the last text needed nothing: then only the lines
   * an edit touched are tested (two searches of the whole text per keystroke otherwise).
   */
  sanitize(text: string, blankUntil: number): SanitizeResult {
    const last = this.last;
    if (last && last.text === last.source && blankUntil === 0 && text.charCodeAt(0) !== 0xfeff) {
      const { prefix, suffix } = this.diff(text);
      const from = Math.max(text.lastIndexOf('\n', prefix - 1), text.lastIndexOf('\r', prefix - 1)) + 1;
      const end = text.length - suffix;
      const to = nextLineEnd(text, end);
      if (!linesNeedSanitizing(text.slice(from, to))) return { source: text, cappedLines: 0, firstCappedOffset: -1 };
    }
    return sanitizeForMarkdown(text, blankUntil);
  }

  /**
   * What the last edit changed: the text read last (`after`), the one read before it (`before`) and
   * the lengths of their common prefix and suffix: what the parser needs to move what the last check
   * found (parse/reuse.ts, `treeChange`). Undefined until a second text is read.
   */
  lastEdit(): TextEdit | undefined {
    const d = this.lastDiff;
    return d && this.last && d.text === this.last.text ? { before: d.against, after: d.text, prefix: d.prefix, suffix: d.suffix } : undefined;
  }

  /** Where `text` differs from the last text read: the lengths of their common prefix and suffix (memoised per text). */
  private diff(text: string): { prefix: number; suffix: number } {
    const last = this.last!;
    if (this.lastDiff?.text === text && this.lastDiff.against === last.text) return this.lastDiff;
    const prefix = commonPrefix(last.text, text);
    const suffix = commonSuffix(last.text, text, Math.min(last.text.length, text.length) - prefix);
    this.lastDiff = { text, against: last.text, prefix, suffix };
    return this.lastDiff;
  }

  /**
   * The plain text (plain.ts) and block events (blocks.ts) of `text`, whose Markdown-safe form is
   * `source` (same length; markdown.ts sanitizeForMarkdown). Pieces whose text is unchanged are
   * reused (their blocks moved to where the piece now starts); the others are parsed and read.
   */
  read(text: string, source: string, parse: (markdown: string) => Root): { plain: string; blocks: Block[] } {
    const pieces = divisionChunks(source);
    const reads = this.reuse(text, source, pieces);
    for (const read of reads) if (read) this.hits += 1;
    for (const run of parseRuns(pieces, reads)) this.readRun(text, source, pieces, reads, run, parse);
    let count = 0;
    for (const read of reads) count += read!.blocks.length;
    const blocks = new Array<Block>(count);
    let at = 0;
    for (let i = 0; i < reads.length; i++) {
      const read = reads[i]!;
      pieces[i]!.id = read.id;
      for (const b of relocateBlocks(read.blocks, read.base + pieces[i]!.start - read.start)) blocks[at++] = b;
    }
    const plain = this.plainOf(pieces, reads as PieceRead[]);
    this.last = { text, source, pieces, reads: reads as PieceRead[], plain };
    this.pieces = pieces;
    this.source = source;
    return { plain, blocks };
  }

  /**
   * The pieces' plain texts joined. The leading and trailing pieces the last text shares are taken
   * from its plain text in two slices, and only the pieces between are joined: joining a long bill's
   * thousand pieces on every keystroke was itself measurable.
   */
  private plainOf(pieces: readonly Chunk[], reads: readonly PieceRead[]): string {
    const last = this.last;
    const n = reads.length;
    const m = last?.reads.length ?? 0;
    let p = 0;
    while (p < n && p < m && reads[p] === last!.reads[p]) p += 1;
    let s = 0;
    while (s < n - p && s < m - p && reads[n - 1 - s] === last!.reads[m - 1 - s]) s += 1;
    const middle: string[] = [];
    for (let i = p; i < n - s; i++) middle.push(reads[i]!.plain);
    const head = p > 0 ? last!.plain.slice(0, pieces[p - 1]!.end) : '';
    const tail = s > 0 ? last!.plain.slice(last!.pieces[m - s]!.start) : '';
    return head + middle.join('') + tail;
  }

  /**
   * The last text's reads of the pieces an edit left alone: those wholly before the first changed
   * character or wholly after the last, with the same bounds as before (so the same text). Found by
   * position rather than by hashing every piece's text, which a keystroke in a long bill cannot afford.
   * The plain text is read from `text` and the tree from `source`: both must be unchanged.
   */
  private reuse(text: string, source: string, pieces: readonly Chunk[]): Array<PieceRead | undefined> {
    const reads = new Array<PieceRead | undefined>(pieces.length).fill(undefined);
    const last = this.last;
    if (!last) return reads;
    const sameSource = text === source && last.text === last.source;
    const diff = this.diff(text);
    const prefix = Math.min(diff.prefix, sameSource ? Infinity : commonPrefix(last.source, source));
    const limit = Math.min(last.text.length, text.length) - prefix;
    const suffix = Math.min(diff.suffix, limit, sameSource ? Infinity : commonSuffix(last.source, source, limit));
    const delta = text.length - last.text.length;
    // Both lists of pieces are in text order: the last text's piece that started where a piece now
    // started is found by walking the two together (a map of a thousand pieces per keystroke cost more).
    let k = 0;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const inPrefix = piece.end <= prefix;
      if (!inPrefix && piece.start < text.length - suffix) continue;
      const was = inPrefix ? piece.start : piece.start - delta;
      while (k < last.pieces.length && last.pieces[k]!.start < was) k += 1;
      if (k < last.pieces.length && last.pieces[k]!.start === was && last.pieces[k]!.end === (inPrefix ? piece.end : piece.end - delta)) reads[i] = last.reads[k];
    }
    return reads;
  }

  private readRun(text: string, source: string, pieces: Chunk[], reads: Array<PieceRead | undefined>, run: Run, parse: (markdown: string) => Root): void {
    const runText = text.slice(run.start, run.end);
    const nodes = parse(source.slice(run.start, run.end)).children;
    const plain = buildPlain(runText, { type: 'root', children: nodes });
    // Each piece's own top-level nodes (none crosses a cut); offsets are relative to the run.
    let k = run.from;
    let own: RootContent[] = [];
    const finish = (): void => {
      const piece = pieces[k]!;
      reads[k] = { id: (this.nextId += 1), plain: plain.slice(piece.start - run.start, piece.end - run.start), blocks: readBlocks(runText, plain, own), base: run.start, start: piece.start };
      this.misses += 1;
      own = [];
    };
    for (const node of nodes) {
      const start = run.start + (node.position?.start.offset ?? 0);
      while (k + 1 < run.to && start >= pieces[k + 1]!.start) {
        finish();
        k += 1;
      }
      own.push(node);
    }
    for (; k < run.to; k++) finish();
  }
}

/**
 * The runs of pieces not reused, neighbours together up to BATCH_SIZE characters. Batches because
 * micromark is super-linear in the size of what it parses at once (US Code Title 49 parses ~25%
 * faster in 16 KB batches than whole) while one parse per small piece costs more in set-up than it saves.
 */
function parseRuns(pieces: readonly Chunk[], reads: ReadonlyArray<PieceRead | undefined>): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < pieces.length) {
    if (reads[i]) {
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < pieces.length && !reads[j] && pieces[j]!.end - pieces[i]!.start <= BATCH_SIZE) j += 1;
    runs.push({ from: i, to: j, start: pieces[i]!.start, end: pieces[j - 1]!.end });
    i = j;
  }
  return runs;
}

/** The end of the line `at` is on (before its line break), or the text's end. */
function nextLineEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Length of the longest common prefix of `a` and `b` (compared a block at a time, natively, then by character). */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + COMPARE_BLOCK <= n && a.slice(i, i + COMPARE_BLOCK) === b.slice(i, i + COMPARE_BLOCK)) i += COMPARE_BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  return i;
}

/** Length of the longest common suffix of `a` and `b`, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i + COMPARE_BLOCK <= limit && a.slice(a.length - i - COMPARE_BLOCK, a.length - i) === b.slice(b.length - i - COMPARE_BLOCK, b.length - i)) i += COMPARE_BLOCK;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i += 1;
  return i;
}

/** The whole-text tree, parsed piece by piece in runs (tests hold it equal to one parse of the whole text). */
export function parseInChunks(source: string, parse: (markdown: string) => Root): Root {
  const pieces = divisionChunks(source);
  const children: RootContent[] = [];
  for (const run of parseRuns(pieces, [])) {
    const nodes = parse(source.slice(run.start, run.end)).children;
    shiftPositions(nodes, run.start, pieces[run.from]!.line - 1);
    for (const node of nodes) children.push(node);
  }
  const last = pieces[pieces.length - 1]!;
  return rootOver(source, children, last.line + countLines(source, last.start, source.length));
}

function rootOver(source: string, children: RootContent[], lines: number): Root {
  const lastLineStart = Math.max(source.lastIndexOf('\n'), source.lastIndexOf('\r')) + 1;
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: lines, column: source.length - lastLineStart + 1, offset: source.length } },
  };
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n += 1;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n += 1;
  }
  return n;
}
