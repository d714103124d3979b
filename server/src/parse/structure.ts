/**
 * One pass over the Markdown blocks: headings open divisions (hierarchy from heading depth and kind),
 * paragraphs / list items / tables become units that subdivisions.ts places under the open division.
 * Only block nodes are visited; inline content is read from `plain` by offsets.
 */
import type { Heading, List, Nodes, Paragraph, Root, RootContent } from 'mdast';
import type { ParseProblem, Provision, Span } from './types.js';
import { BOLD_SECTION, classifyHeading, type DivisionInfo } from './divisions.js';
import { listMarkerToken, matchNumberToken, type NumberToken } from './numbering.js';
import { CLOSING_START, placeUnits, type LevelState, type Unit } from './subdivisions.js';
import { isGroupingKind, TreeBuilder } from './tree.js';

/** A block-level HTML node, for annotations: where it is and where the next block starts. */
export interface HtmlBlock {
  span: Span;
  /** Start of the block that follows it (heading, paragraph …), if any, before the next HTML block. */
  nextBlockStart?: number;
}

export interface StructureResult {
  builder: TreeBuilder;
  units: Unit[];
  html: HtmlBlock[];
  title?: string;
  titleSpan?: Span;
}

const MAX_BLOCK_DEPTH = 64;
/** Previous line ends with a word that makes a following "(1)" a cross-reference, not a new paragraph. */
const REFERENCE_TAIL = /(?:\b(?:sections?|subsections?|paragraphs?|subparagraphs?|sub-paragraphs?|articles?|arts?\.|clauses?|items?|points?|of|under|in|see|and\/or)|§|ss?\.)\s*$/i;

export function buildStructure(text: string, plain: string, tree: Root, problems: ParseProblem[]): StructureResult {
  const builder = new TreeBuilder(text.length, problems);
  const allUnits: Unit[] = [];
  const html: HtmlBlock[] = [];
  let pendingHtml: HtmlBlock[] = [];
  let buffer: Unit[] = [];
  const stack: Provision[] = [builder.root];
  const levelStates = new Map<Provision, LevelState>();
  let title: string | undefined;
  let titleSpan: Span | undefined;
  let sawHeading = false;
  let titleKey: string | undefined;

  const container = (): Provision => stack[stack.length - 1] as Provision;
  const flush = (): void => {
    if (buffer.length > 0) {
      const c = container();
      let state = levelStates.get(c);
      if (!state) levelStates.set(c, (state = []));
      placeUnits(c, buffer, builder, plain, problems, state);
      for (const u of buffer) allUnits.push(u);
      buffer = [];
    }
  };
  const blockStarts = (start: number): void => {
    if (pendingHtml.length > 0) {
      for (const h of pendingHtml) h.nextBlockStart = start;
      pendingHtml = [];
    }
  };

  const openDivision = (info: DivisionInfo, headSpan: Span, headingDepth: number | undefined, containDepth: number, key: string): void => {
    flush();
    // Close divisions that cannot contain the new one.
    while (stack.length > 1) {
      const top = stack[stack.length - 1] as Provision;
      const m = builder.metaOf(top);
      if (m.containDepth < containDepth || (m.containDepth === containDepth && m.rank < info.rank && m.rank < 3)) break;
      stack.pop();
    }
    const parent = stack[stack.length - 1] as Provision;
    // A numbered heading repeated verbatim right after its own content (chunked sources repeat
    // "CHAPTER 1— …" and "§ 13. …" at every chunk) continues the earlier division.
    if (isGroupingKind(info.kind) || info.kind === 'section' || info.kind === 'article') {
      const last = builder.lastDivisionOf(parent);
      if (last && builder.metaOf(last).headingKey === key && builder.metaOf(last).containDepth === containDepth) {
        stack.push(last);
        return;
      }
    }
    const p = builder.addDivision(parent, info, headSpan, headingDepth, containDepth, key);
    stack.push(p);
  };

  const heading = (node: Heading): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const raw = plain.slice(start, end).replace(/\s+/g, ' ').trim();
    const key = `${node.depth}:${raw.toLowerCase()}`;
    // "###### (b) Penalties." — a subdivision written as a heading (US Code sources): a numbered unit.
    const token = node.depth > 1 ? matchNumberToken(plain, start + node.depth, end) : undefined;
    if (token && token.style === 'paren' && /^#{1,6}\s*$/.test(text.slice(start, token.start))) {
      sawHeading = true;
      let s = token.end;
      let e = end;
      while (s < e && isBlank(plain.charCodeAt(s))) s++;
      while (e > s && isBlank(plain.charCodeAt(e - 1))) e--;
      buffer.push({ text: { start: s, end: e }, listDepth: 0, kind: 'text', token });
      return;
    }
    const info = classifyHeading(raw);
    if (!sawHeading && node.depth === 1 && builder.provisions.length === 1 && (info.kind === 'heading' || info.kind === 'title')) {
      sawHeading = true;
      flush();
      title = raw;
      titleSpan = { start, end };
      titleKey = key;
      return;
    }
    sawHeading = true;
    if (key === titleKey) {
      // The document title repeated (chunked sources): back to the top level.
      flush();
      stack.length = 1;
      return;
    }
    openDivision(info, { start, end }, node.depth, node.depth, key);
  };

  /** Split a paragraph into units at lines that start with a number token. */
  const paragraph = (node: Paragraph, listDepth: number, leading: NumberToken | undefined, into: Unit[]): void => {
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
      if (token || e > s) into.push({ text: { start: s, end: e }, listDepth, kind: 'text', ...(token ? { token } : {}) });
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
            into.push({ text: { start: token.end, end: token.end }, listDepth, kind: 'text', token });
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

  const other = (node: Nodes, into: Unit[]): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    into.push({ text: { start, end }, listDepth: 0, kind: node.type === 'table' ? 'table' : 'other', ...(node.type === 'table' ? { table: node } : {}) });
  };

  const htmlNode = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const h: HtmlBlock = { span: { start, end } };
    html.push(h);
    pendingHtml.push(h);
  };

  const list = (node: List, listDepth: number, into: Unit[], depth: number): void => {
    for (const item of node.children) {
      const itemStart = item.position?.start.offset ?? 0;
      const kids = item.children;
      const firstKid = kids[0];
      const firstStart = firstKid?.position?.start.offset ?? item.position?.end.offset ?? itemStart;
      const marker = node.ordered ? listMarkerToken(text, itemStart, firstStart) : undefined;
      blockStarts(itemStart);
      let k = 0;
      if (firstKid && firstKid.type === 'paragraph') {
        paragraph(firstKid, listDepth, marker, into);
        k = 1;
      } else if (marker) {
        into.push({ text: { start: marker.end, end: marker.end }, listDepth, kind: 'text', token: marker });
      }
      // Later blocks of the item are inside it: deeper than the item, shallower than a nested list.
      for (; k < kids.length; k++) block(kids[k] as RootContent, listDepth + 0.5, into, depth + 1);
    }
  };

  const block = (node: RootContent, listDepth: number, into: Unit[], depth: number): void => {
    if (node.type === 'html') {
      htmlNode(node);
      return;
    }
    const start = node.position?.start.offset ?? 0;
    if (node.type !== 'thematicBreak' && node.type !== 'definition') blockStarts(start);
    if (depth > MAX_BLOCK_DEPTH) {
      other(node, into);
      return;
    }
    switch (node.type) {
      case 'paragraph':
        paragraph(node, listDepth, undefined, into);
        return;
      case 'list':
        list(node, Math.floor(listDepth) + 1, into, depth + 1);
        return;
      case 'table':
      case 'code':
      case 'blockquote':
      case 'heading':
        other(node, into);
        return;
      default:
        return;
    }
  };

  for (const node of tree.children) {
    if (node.type === 'heading') {
      blockStarts(node.position?.start.offset ?? 0);
      heading(node);
      continue;
    }
    if (node.type === 'paragraph' && boldSection(node)) continue;
    block(node, 0, buffer, 0);
  }
  flush();
  builder.finish();

  /** "**3.** Possession …": a section opened by a bold number at the start of a paragraph. */
  function boldSection(node: Paragraph): boolean {
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
    const info: DivisionInfo = {
      kind: isArticle ? 'article' : 'section',
      number: m[2] as string,
      word: isArticle ? 'Article' : word === '§' ? '§' : 'Section',
      idPrefix: isArticle ? 'art' : 's',
      rank: 3,
      ...(restIsHeading || (rest.length > 0 && rest.length <= 120 && lineEnd >= pEnd && !/[.;:]$/.test(rest)) ? { heading: rest } : {}),
    };
    const headEnd = info.heading !== undefined ? lineEnd : e;
    openDivision(info, { start: s, end: headEnd }, undefined, 7, `7:${plain.slice(s, e).trim().toLowerCase()}`);
    if (headEnd < pEnd) {
      // The remaining text of the paragraph is the section's own text (or its first subdivisions).
      const restNode: Paragraph = { type: 'paragraph', children: [], position: { start: { line: 0, column: 0, offset: headEnd }, end: { line: 0, column: 0, offset: pEnd } } };
      paragraph(restNode, 0, undefined, buffer);
    }
    return true;
  }

  return { builder, units: allUnits, html, ...(title !== undefined ? { title } : {}), ...(titleSpan ? { titleSpan } : {}) };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
