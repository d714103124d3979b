/**
 * Assembling the legislative structure from the block events of every piece (blocks.ts), in document
 * order: headings open divisions (hierarchy from heading depth and kind), units are placed under the
 * open division by subdivisions.ts. This is the part of reading a bill that depends on what came
 * before (nesting, ids, numbering), so it runs over the whole bill; it reads no Markdown.
 */
import type { ParseProblem, Provision, Span } from './types.js';
import type { Block } from './blocks.js';
import type { DivisionInfo } from './divisions.js';
import { placeUnits, type LevelState, type Unit } from './subdivisions.js';
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
  /** The provision each of `units` was placed in (same index). */
  unitProvisions: Provision[];
  html: HtmlBlock[];
  title?: string;
  titleSpan?: Span;
}

export function buildStructure(textLength: number, plain: string, blocks: readonly Block[], problems: ParseProblem[]): StructureResult {
  const builder = new TreeBuilder(textLength, problems);
  const allUnits: Unit[] = [];
  const unitProvisions: Provision[] = [];
  const html: HtmlBlock[] = [];
  let pendingHtml: HtmlBlock[] = [];
  let buffer: Unit[] = [];
  const stack: Provision[] = [builder.root];
  const levelStates = new Map<Provision, LevelState>();
  let title: string | undefined;
  let titleSpan: Span | undefined;
  let sawHeading = false;
  let titleKey: string | undefined;

  const flush = (): void => {
    if (buffer.length > 0) {
      const c = stack[stack.length - 1] as Provision;
      let state = levelStates.get(c);
      if (!state) levelStates.set(c, (state = []));
      placeUnits(c, buffer, builder, plain, problems, state, unitProvisions);
      for (const u of buffer) allUnits.push(u);
      buffer = [];
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

  const heading = (b: Extract<Block, { type: 'heading' }>): void => {
    const { info, key } = b;
    if (!sawHeading && b.depth === 1 && builder.provisions.length === 1 && (info.kind === 'heading' || info.kind === 'title')) {
      sawHeading = true;
      flush();
      title = b.raw;
      titleSpan = b.span;
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
    openDivision(info, b.span, b.depth, b.depth, key);
  };

  for (const b of blocks) {
    switch (b.type) {
      case 'start':
        if (pendingHtml.length > 0) {
          for (const h of pendingHtml) h.nextBlockStart = b.at;
          pendingHtml = [];
        }
        break;
      case 'html': {
        const h: HtmlBlock = { span: b.span };
        html.push(h);
        pendingHtml.push(h);
        break;
      }
      case 'unit':
        if (b.heading) sawHeading = true;
        buffer.push(b.unit);
        break;
      case 'heading':
        heading(b);
        break;
      case 'division':
        openDivision(b.info, b.headSpan, undefined, 7, b.key);
        break;
    }
  }
  flush();
  builder.finish();

  return { builder, units: allUnits, unitProvisions, html, ...(title !== undefined ? { title } : {}), ...(titleSpan ? { titleSpan } : {}) };
}
