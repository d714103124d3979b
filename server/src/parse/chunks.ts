/**
 * Incremental Markdown: the text is cut at division boundaries (ATX heading lines that CommonMark is
 * certain to read as the start of a new top-level block), each piece is parsed on its own, and the
 * pieces' trees are joined. A piece whose text has not changed is not parsed again: its tree is
 * taken from a `MarkdownCache` and only its positions are shifted. The joined tree is the tree a
 * whole-text parse gives (test/parse/chunks.test.ts checks that over real bills and random edits).
 *
 * Why a heading line is a safe cut: an unindented ATX heading closes any open paragraph, list item,
 * block quote or table (it is never a lazy continuation line), so nothing before it can reach past
 * it. What can: an open fenced code block, a multi-line HTML block, and link reference definitions
 * (document-wide). The scanner below tracks the first two line by line; a text with any link
 * reference definition is parsed whole. The scan is hand-written because no library exposes
 * micromark's block boundaries without a full parse, which is the cost being avoided.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { PieceScans } from './scans.js';

export interface Chunk {
  start: number;
  end: number;
  /** 1-based line of `start`, as micromark counts lines (\n, \r\n and a lone \r each end one). */
  line: number;
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

/** Where the text may be cut: pieces starting at line starts that begin a new division. The first starts at 0. */
export function divisionChunks(text: string): Chunk[] {
  if (LINK_DEFINITION.test(text)) return [{ start: 0, end: text.length, line: 1 }];
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
  return cuts.map((cut, i) => ({ ...cut, end: cuts[i + 1]?.start ?? text.length }));
}

interface CachedChunk {
  /** Top-level nodes with positions as last placed. */
  nodes: RootContent[];
  offset: number;
  line: number;
}

/**
 * What one document's last check leaves for its next: the parsed pieces, keyed by their text, and
 * the per-piece results of whole-text scans (`scans`). After each parse only the pieces in use are
 * kept, so the cache holds at most one tree's worth of nodes (memory stays flat over edits).
 */
export class DocumentCache {
  private chunks = new Map<string, CachedChunk[]>();
  hits = 0;
  misses = 0;
  /** The pieces of the text last parsed, and that text (the sanitized source: same offsets as the bill). */
  pieces: Chunk[] = [];
  source = '';
  readonly scans = new PieceScans();

  parse(source: string, parseWhole: (text: string) => Root): Root {
    const pieces = divisionChunks(source);
    const texts = pieces.map((piece) => source.slice(piece.start, piece.end));
    const entries: Array<CachedChunk | undefined> = pieces.map((piece, i) => {
      const entry = this.chunks.get(texts[i]!)?.pop();
      if (!entry) return undefined;
      this.hits += 1;
      shift(entry.nodes, piece.start - entry.offset, piece.line - entry.line);
      entry.offset = piece.start;
      entry.line = piece.line;
      return entry;
    });
    this.parseMissing(source, pieces, entries, parseWhole);
    const kept = new Map<string, CachedChunk[]>();
    const children: RootContent[] = [];
    for (const [i, entry] of entries.entries()) {
      const text = texts[i]!;
      const list = kept.get(text);
      if (list) list.push(entry!);
      else kept.set(text, [entry!]);
      for (const node of entry!.nodes) children.push(node);
    }
    this.chunks = kept;
    this.pieces = pieces;
    this.source = source;
    const last = pieces[pieces.length - 1]!;
    return rootOver(source, children, last.line + countLines(source, last.start, source.length));
  }

  /**
   * Parses the pieces not reused, runs of neighbours together up to BATCH_SIZE characters, and hands
   * each piece its own top-level nodes (none crosses a cut). Batches because micromark is
   * super-linear in the size of what it parses at once (US Code Title 49 parses ~25% faster in 16 KB
   * batches than whole) while one parse per small piece costs more in set-up than it saves.
   */
  private parseMissing(source: string, pieces: Chunk[], entries: Array<CachedChunk | undefined>, parseWhole: (text: string) => Root): void {
    let i = 0;
    while (i < pieces.length) {
      if (entries[i]) {
        i += 1;
        continue;
      }
      let j = i + 1;
      while (j < pieces.length && !entries[j] && pieces[j]!.end - pieces[i]!.start <= BATCH_SIZE) j += 1;
      const first = pieces[i]!;
      const nodes = parseWhole(source.slice(first.start, pieces[j - 1]!.end)).children;
      shift(nodes, first.start, first.line - 1);
      for (let k = i; k < j; k++) entries[k] = { nodes: [], offset: pieces[k]!.start, line: pieces[k]!.line };
      let k = i;
      for (const node of nodes) {
        const start = node.position?.start.offset ?? 0;
        while (k + 1 < j && start >= pieces[k + 1]!.start) k += 1;
        entries[k]!.nodes.push(node);
      }
      this.misses += j - i;
      i = j;
    }
  }
}

/** Parse in pieces without keeping them (the same tree as a whole parse; see the module comment). */
export function parseInChunks(source: string, parseWhole: (text: string) => Root): Root {
  return new DocumentCache().parse(source, parseWhole);
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

function shift(nodes: readonly Nodes[], offset: number, lines: number): void {
  if (offset === 0 && lines === 0) return;
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const p = node.position;
    if (p) {
      if (p.start.offset !== undefined) p.start.offset += offset;
      if (p.end.offset !== undefined) p.end.offset += offset;
      p.start.line += lines;
      p.end.line += lines;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}
