/**
 * Reading one division piece's Markdown blocks into the events the structure is assembled from
 * (structure.ts): headings with their classification, numbered and unnumbered units, HTML blocks and
 * the starts of blocks. What is read here depends only on the piece itself, so a piece's blocks are
 * kept with its text (chunks.ts DocumentCache) and only the piece a keystroke touched is read again;
 * everything that depends on what came before (nesting, ids, numbering sequences) is in structure.ts.
 * Only block nodes are visited; inline content is read from `plain` by offsets.
 */
import type { Heading, List, Nodes, Paragraph, RootContent, Table } from 'mdast';
import type { Span } from './types.js';
import { BOLD_SECTION, classifyHeading, divisionInfo, type DivisionInfo } from './divisions.js';
import { listMarkerToken, matchNumberToken, type NumberToken } from './numbering.js';
import { CLOSING_START, newUnit, type Unit } from './subdivisions.js';
import { shiftPositions } from './markdown.js';

export type Block =
  /** A block (other than HTML) starts here: HTML blocks before it end their annotation scope here. */
  | { type: 'start'; at: number }
  | { type: 'html'; span: Span }
  /** A unit for the open division; `heading` when written as a heading ("###### (b) Penalties."). */
  | { type: 'unit'; unit: Unit; heading?: true }
  | { type: 'heading'; span: Span; depth: number; raw: string; key: string; info: DivisionInfo }
  /** "**3.** Possession …": a section opened by a bold number at the start of a paragraph. */
  | { type: 'division'; info: DivisionInfo; headSpan: Span; key: string };

const MAX_BLOCK_DEPTH = 64;
/** Previous line ends with a word that makes a following "(1)" a cross-reference, not a new paragraph. */
const REFERENCE_TAIL = /(?:\b(?:sections?|subsections?|paragraphs?|subparagraphs?|sub-paragraphs?|articles?|arts?\.|clauses?|items?|points?|of|under|in|see|and\/or)|§|ss?\.)\s*$/i;

/** The events of `nodes` (top-level blocks of one piece, offsets into `text` and `plain`), in document order. */
export function readBlocks(text: string, plain: string, nodes: readonly RootContent[]): Block[] {
  const out: Block[] = [];
  const unit = (u: Unit): void => {
    out.push({ type: 'unit', unit: u, heading: undefined });
  };
  // Only a start that can end an HTML block's scope is recorded: the piece's first (an HTML block
  // may close the piece before) and the first after each HTML block. Half the events otherwise.
  let startMatters = true;
  const blockStarts = (at: number): void => {
    if (!startMatters) return;
    startMatters = false;
    out.push({ type: 'start', at });
  };

  const heading = (node: Heading): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const raw = plain.slice(start, end).replace(/\s+/g, ' ').trim();
    // "###### (b) Penalties." — a subdivision written as a heading (US Code sources): a numbered unit.
    const token = node.depth > 1 ? matchNumberToken(plain, start + node.depth, end) : undefined;
    if (token && token.style === 'paren' && /^#{1,6}\s*$/.test(text.slice(start, token.start))) {
      let s = token.end;
      let e = end;
      while (s < e && isBlank(plain.charCodeAt(s))) s++;
      while (e > s && isBlank(plain.charCodeAt(e - 1))) e--;
      out.push({ type: 'unit', unit: newUnit({ start: s, end: e }, 0, 'text', token), heading: true });
      return;
    }
    out.push({ type: 'heading', span: { start, end }, depth: node.depth, raw, key: `${node.depth}:${raw.toLowerCase()}`, info: classifyHeading(raw) });
  };

  /** Split a paragraph into units at lines that start with a number token. */
  const paragraph = (node: Paragraph, listDepth: number, leading: NumberToken | undefined): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    let unitStart = start;
    let token = leading;
    let lineStart = start;
    let first = true;
    const emit = (uEnd: number): void => {
      let s = token ? Math.max(token.end, unitStart) : unitStart;
      let e = uEnd;
      // Trim blanks, but keep syntax that opens the text ("**child** means"): definitions read it.
      while (s < e && isBlank(plain.charCodeAt(s)) && isBlank(text.charCodeAt(s))) s++;
      while (e > s && isBlank(plain.charCodeAt(e - 1)) && isBlank(text.charCodeAt(e - 1))) e--;
      if (token || e > s) unit(newUnit({ start: s, end: e }, listDepth, 'text', token));
    };
    while (lineStart < end) {
      let lineEnd = lineStart;
      while (lineEnd < end) {
        const c = plain.charCodeAt(lineEnd);
        if (c === 10 || c === 13) break;
        lineEnd++;
      }
      if (!(first && leading)) {
        let t = matchNumberToken(plain, lineStart, lineEnd);
        if (t && !first && REFERENCE_TAIL.test(plain.slice(Math.max(unitStart, lineStart - 40), lineStart).trimEnd())) t = undefined;
        if (!t && !first && token && CLOSING_START.test(plain.slice(lineStart, Math.min(lineEnd, lineStart + 40)))) {
          // "commits an offence." on its own line after the last numbered line: closing words.
          emit(lineStart);
          token = undefined;
          unitStart = lineStart;
        }
        if (t) {
          if (!first || lineStart > unitStart) emit(t.start);
          else if (first && t.start > start && plain.slice(start, t.start).trim() !== '') emit(t.start);
          token = t;
          unitStart = t.end;
          // "(a)(1) text": a chain of tokens opens nested units at once.
          let chained = t.style === 'paren' && plain.charCodeAt(t.end) === 40 ? matchNumberToken(plain, t.end, lineEnd) : undefined;
          while (chained && chained.style === 'paren') {
            unit(newUnit({ start: token.end, end: token.end }, listDepth, 'text', token));
            token = chained;
            unitStart = chained.end;
            chained = plain.charCodeAt(chained.end) === 40 ? matchNumberToken(plain, chained.end, lineEnd) : undefined;
          }
        }
      }
      first = false;
      lineStart = lineEnd;
      if (lineStart < end && plain.charCodeAt(lineStart) === 13) lineStart++;
      if (lineStart < end && plain.charCodeAt(lineStart) === 10) lineStart++;
    }
    emit(end);
  };

  const other = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    unit(node.type === 'table' ? newUnit({ start, end }, 0, 'table', undefined, node) : newUnit({ start, end }, 0, 'other'));
  };

  const list = (node: List, listDepth: number, depth: number): void => {
    for (const item of node.children) {
      const itemStart = item.position?.start.offset ?? 0;
      const kids = item.children;
      const firstKid = kids[0];
      const firstStart = firstKid?.position?.start.offset ?? item.position?.end.offset ?? itemStart;
      const marker = node.ordered ? listMarkerToken(text, itemStart, firstStart) : undefined;
      blockStarts(itemStart);
      let k = 0;
      if (firstKid && firstKid.type === 'paragraph') {
        paragraph(firstKid, listDepth, marker);
        k = 1;
      } else if (marker) {
        unit(newUnit({ start: marker.end, end: marker.end }, listDepth, 'text', marker));
      }
      // Later blocks of the item are inside it: deeper than the item, shallower than a nested list.
      for (; k < kids.length; k++) block(kids[k] as RootContent, listDepth + 0.5, depth + 1);
    }
  };

  const block = (node: RootContent, listDepth: number, depth: number): void => {
    if (node.type === 'html') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) {
        out.push({ type: 'html', span: { start, end } });
        startMatters = true;
      }
      return;
    }
    const start = node.position?.start.offset ?? 0;
    if (node.type !== 'thematicBreak' && node.type !== 'definition') blockStarts(start);
    if (depth > MAX_BLOCK_DEPTH) {
      other(node);
      return;
    }
    switch (node.type) {
      case 'paragraph':
        paragraph(node, listDepth, undefined);
        return;
      case 'list':
        list(node, Math.floor(listDepth) + 1, depth + 1);
        return;
      case 'table':
      case 'code':
      case 'blockquote':
      case 'heading':
        other(node);
        return;
      default:
        return;
    }
  };

  /** "**3.** Possession …": a section opened by a bold number at the start of a paragraph. */
  const boldSection = (node: Paragraph): boolean => {
    const strong = node.children[0];
    if (!strong || strong.type !== 'strong') return false;
    const s = strong.position?.start.offset;
    const e = strong.position?.end.offset;
    const pStart = node.position?.start.offset;
    const pEnd = node.position?.end.offset;
    if (s === undefined || e === undefined || pStart === undefined || pEnd === undefined || s !== pStart) return false;
    const m = BOLD_SECTION.exec(plain.slice(s, e));
    if (!m) return false;
    blockStarts(pStart);
    const word = (m[1] ?? '').toLowerCase();
    const isArticle = word.startsWith('art');
    let lineEnd = e;
    while (lineEnd < pEnd && plain.charCodeAt(lineEnd) !== 10 && plain.charCodeAt(lineEnd) !== 13) lineEnd++;
    const rest = plain.slice(e, lineEnd).replace(/\s+/g, ' ').trim();
    const restIsHeading = rest.length > 0 && rest.length <= 120 && !/[.,;:—–-]$/.test(rest) && lineEnd < pEnd;
    const isHeading = restIsHeading || (rest.length > 0 && rest.length <= 120 && lineEnd >= pEnd && !/[.;:]$/.test(rest));
    const info = divisionInfo(isArticle ? 'article' : 'section', m[2] as string, isArticle ? 'Article' : word === '§' ? '§' : 'Section', isArticle ? 'art' : 's', isHeading ? rest : undefined, 3);
    const headEnd = info.heading !== undefined ? lineEnd : e;
    out.push({ type: 'division', info, headSpan: { start: s, end: headEnd }, key: `7:${plain.slice(s, e).trim().toLowerCase()}` });
    if (headEnd < pEnd) {
      // The remaining text of the paragraph is the section's own text (or its first subdivisions).
      const restNode: Paragraph = { type: 'paragraph', children: [], position: { start: { line: 0, column: 0, offset: headEnd }, end: { line: 0, column: 0, offset: pEnd } } };
      paragraph(restNode, 0, undefined);
    }
    return true;
  };

  for (const node of nodes) {
    if (node.type === 'heading') {
      blockStarts(node.position?.start.offset ?? 0);
      heading(node);
      continue;
    }
    if (node.type === 'paragraph' && boldSection(node)) continue;
    block(node, 0, 0);
  }
  return out;
}

/** `blocks` moved by `delta` characters: copies (blocks are shared by checks, never changed), or themselves if it is 0. */
export function relocateBlocks(blocks: readonly Block[], delta: number): readonly Block[] {
  if (delta === 0) return blocks;
  const out: Block[] = new Array<Block>(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    switch (b.type) {
      case 'start':
        out[i] = { type: 'start', at: b.at + delta };
        break;
      case 'html':
        out[i] = { type: 'html', span: move(b.span, delta) };
        break;
      case 'unit':
        out[i] = { type: 'unit', unit: relocateUnit(b.unit, delta), heading: b.heading };
        break;
      case 'heading':
        out[i] = { type: 'heading', span: move(b.span, delta), depth: b.depth, raw: b.raw, key: b.key, info: b.info };
        break;
      case 'division':
        out[i] = { type: 'division', info: b.info, headSpan: move(b.headSpan, delta), key: b.key };
        break;
    }
  }
  return out;
}

function relocateUnit(u: Unit, delta: number): Unit {
  const token = u.token ? { ...u.token, start: u.token.start + delta, end: u.token.end + delta } : undefined;
  return newUnit(move(u.text, delta), u.listDepth, u.kind, token, u.table && delta !== 0 ? moveTable(u.table, delta) : u.table);
}

/** A deep copy of a table with its offsets moved (definition tables are read by offsets; lines are not used). */
function moveTable(table: Table, delta: number): Table {
  const copy = structuredClone(table);
  shiftPositions([copy], delta, 0);
  return copy;
}

function move(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
