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

export interface Chunk {
  start: number;
  end: number;
}

const ATX = /^#{1,6}(?:[ \t]|\r?$)/;
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

/** Where the text may be cut: offsets of line starts that begin a new division. Always starts with 0. */
export function divisionChunks(text: string): Chunk[] {
  if (LINK_DEFINITION.test(text)) return [{ start: 0, end: text.length }];
  const cuts: number[] = [0];
  let fence: { char: string; length: number } | undefined;
  let htmlClose: RegExp | undefined;
  let htmlToBlank = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd += 1;
    const line = text.slice(lineStart, lineEnd);
    let next = lineEnd;
    if (text.charCodeAt(next) === 13) next += 1;
    if (text.charCodeAt(next) === 10) next += 1;
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && /^[ \t]*$/.test(line.slice(close[0].length))) fence = undefined;
    } else if (htmlClose) {
      if (htmlClose.test(line)) htmlClose = undefined;
    } else if (htmlToBlank) {
      if (/^[ \t]*$/.test(line)) htmlToBlank = false;
    } else if (ATX.test(line)) {
      if (lineStart > 0) cuts.push(lineStart);
    } else {
      const open = FENCE.exec(line);
      if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length };
      } else {
        const html = HTML_CLOSED_BY.find((h) => h.open.test(line));
        if (html) {
          if (!html.close.test(line.slice(line.indexOf('<') + 2))) htmlClose = html.close;
        } else if (HTML_TO_BLANK.test(line)) {
          htmlToBlank = true;
        }
      }
    }
    lineStart = next;
  }
  return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? text.length }));
}

interface CachedChunk {
  /** Top-level nodes with positions as last placed. */
  nodes: RootContent[];
  offset: number;
  line: number;
}

/**
 * Parsed pieces of one document, keyed by their text. After each parse only the pieces in use are
 * kept, so the cache holds at most one tree's worth of nodes (memory stays flat over edits).
 */
export class MarkdownCache {
  private chunks = new Map<string, CachedChunk[]>();
  hits = 0;
  misses = 0;

  parse(source: string, parseWhole: (text: string) => Root): Root {
    const pieces = divisionChunks(source);
    const kept = new Map<string, CachedChunk[]>();
    const children: RootContent[] = [];
    let line = 1;
    let scanned = 0;
    for (const piece of pieces) {
      line += countLines(source, scanned, piece.start);
      scanned = piece.start;
      const text = source.slice(piece.start, piece.end);
      const reusable = this.chunks.get(text);
      let entry = reusable?.pop();
      if (entry) {
        this.hits += 1;
        shift(entry.nodes, piece.start - entry.offset, line - entry.line);
        entry.offset = piece.start;
        entry.line = line;
      } else {
        this.misses += 1;
        const nodes = parseWhole(text).children;
        shift(nodes, piece.start, line - 1);
        entry = { nodes, offset: piece.start, line };
      }
      const list = kept.get(text);
      if (list) list.push(entry);
      else kept.set(text, [entry]);
      children.push(...entry.nodes);
    }
    this.chunks = kept;
    return rootOver(source, children);
  }
}

/** Parse in pieces without keeping them (the same tree as a whole parse; see the module comment). */
export function parseInChunks(source: string, parseWhole: (text: string) => Root): Root {
  return new MarkdownCache().parse(source, parseWhole);
}

function rootOver(source: string, children: RootContent[]): Root {
  const lines = countLines(source, 0, source.length) + 1;
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
