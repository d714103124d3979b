/**
 * The provision tree under construction: ids from the numbering path, labels a drafter recognises,
 * duplicate numbers, spans finalised in one reverse pass.
 */
import type { NumberingScheme, NumberStyle, ParseProblem, Provision, ProvisionKind, Span } from './types.js';
import type { DivisionInfo } from './divisions.js';
import { divisionLabel } from './divisions.js';

export const ROOT_ID = 'document';

interface Meta {
  /** Id prefix for children ("" for the root). */
  idBase: string;
  /** Label prefix for subdivisions ("Section 4(1)"); "" when there is no numbered ancestor. */
  labelBase: string;
  /** Normalised heading line, to merge repeated grouping headings (chunked sources). */
  headingKey: string | undefined;
  /** Depth used for heading containment (Markdown depth; 7 for bold-number sections). */
  containDepth: number;
  rank: number;
  /** The provision's parent, and the last division added under the provision (see addDivision). */
  parent: Provision | undefined;
  lastDivision: Provision | undefined;
}

export class TreeBuilder {
  readonly provisions: Provision[] = [];
  readonly byId = new Map<string, Provision>();
  readonly root: Provision;
  private readonly meta = new Map<Provision, Meta>();
  private readonly nextSuffix = new Map<string, number>();

  constructor(readonly textLength: number, readonly problems: ParseProblem[]) {
    this.root = newProvision('document', 'Document', { start: 0, end: textLength }, { start: 0, end: 0 }, 0);
    this.root.id = ROOT_ID;
    this.register(this.root, undefined, '', '', undefined, 0, 0);
  }

  metaOf(p: Provision): Meta {
    return this.meta.get(p) as Meta;
  }

  parentOf(p: Provision): Provision | undefined {
    return this.metaOf(p).parent;
  }

  lastDivisionOf(parent: Provision): Provision | undefined {
    return this.metaOf(parent).lastDivision;
  }

  addDivision(parent: Provision, info: DivisionInfo, headSpan: Span, headingDepth: number | undefined, containDepth: number, headingKey: string): Provision {
    const pm = this.metaOf(parent);
    let segment: string;
    if (info.kind === 'heading') segment = 'h-' + slug(info.heading ?? '');
    else segment = info.number !== undefined ? `${info.idPrefix}-${info.number}` : info.idPrefix;
    const label = divisionLabel(info);
    const p = newProvision(info.kind, label, { start: headSpan.start, end: headSpan.end }, headSpan, parent.depth + 1, info.number, info.heading, headingDepth, undefined, 'heading');
    p.id = this.uniqueId(pm.idBase + segment, info.kind !== 'heading' && info.number !== undefined, headSpan, label);
    const numbered = info.kind !== 'heading';
    this.register(p, parent, numbered ? p.id + '/' : pm.idBase, numbered ? label : pm.labelBase, headingKey, containDepth, info.rank);
    pm.lastDivision = p;
    return p;
  }

  addSubdivision(parent: Provision, number: string, tokenSpan: Span, scheme: NumberingScheme, style: NumberStyle): Provision {
    const pm = this.metaOf(parent);
    const label = `${pm.labelBase}(${number})`;
    const p = newProvision('subdivision', label, { start: tokenSpan.start, end: tokenSpan.end }, tokenSpan, parent.depth + 1, number, undefined, undefined, scheme, style);
    p.id = this.uniqueId(pm.idBase + number, true, tokenSpan, label);
    this.register(p, parent, p.id + '/', label, undefined, 99, 9);
    return p;
  }

  /** Add own text to a provision (merging with the previous own span when only blanks separate them). */
  attach(p: Provision, span: Span): void {
    if (span.end <= span.start) return;
    p.ownSpans.push({ start: span.start, end: span.end });
    if (span.end > p.span.end) p.span.end = span.end;
  }

  /** Compute spans (parents contain children), chapeau and closing words. */
  finish(): void {
    const list = this.provisions;
    for (let i = list.length - 1; i > 0; i--) {
      const p = list[i] as Provision;
      const parent = this.metaOf(p).parent;
      if (parent && p.span.end > parent.span.end) parent.span.end = p.span.end;
    }
    this.root.span = { start: 0, end: this.textLength };
    for (const p of list) {
      if (p.childIds.length === 0 || p.ownSpans.length === 0) continue;
      const first = this.byId.get(p.childIds[0] as string) as Provision;
      const last = this.byId.get(p.childIds[p.childIds.length - 1] as string) as Provision;
      // The own words before the first child (chapeau) and after the last (closing words), without
      // making a list of them per provision: every provision with children is finished on every check.
      const chapeau = outerSpan(p.ownSpans, (s) => s.end <= first.span.start && s.start >= p.headSpan.start);
      if (chapeau) p.chapeau = chapeau;
      const closing = outerSpan(p.ownSpans, (s) => s.start >= last.span.end);
      if (closing) p.closingWords = closing;
    }
  }

  private register(p: Provision, parent: Provision | undefined, idBase: string, labelBase: string, headingKey: string | undefined, containDepth: number, rank: number): void {
    this.provisions.push(p);
    this.byId.set(p.id, p);
    // One object per provision for all the builder keeps about it (one map lookup, one hidden class).
    this.meta.set(p, { idBase, labelBase, headingKey, containDepth, rank, parent, lastDivision: undefined });
    if (parent) {
      p.parentId = parent.id;
      parent.childIds.push(p.id);
    }
  }

  private uniqueId(joined: string, report: boolean, span: Span, label: string): string {
    const base = flat(joined);
    if (!this.byId.has(base)) return base;
    let n = this.nextSuffix.get(base) ?? 2;
    while (this.byId.has(`${base}~${n}`)) n++;
    this.nextSuffix.set(base, n + 1);
    if (report) {
      this.problems.push({
        code: 'structure/duplicate-number',
        message: `${label} is numbered the same as an earlier provision; it is given the id "${base}~${n}".`,
        severity: 'warning',
        span,
      });
    }
    return flat(`${base}~${n}`);
  }
}

/**
 * `s` made one flat string in memory (V8 keeps a joined string as a chain of its parts until
 * something needs its characters; reading one makes it flat). Ids are joined from their parent's id
 * and then looked up, hashed and compared many times per check, each time walking the chain: made flat
 * once, here, a keystroke's comparison of two trees' ids (hygiene/reuse.ts) takes less than half as long.
 */
function flat(s: string): string {
  if (s.length > 0) s.charCodeAt(0);
  return s;
}

/**
 * Every provision is made here, with all its fields present (undefined where it has none) and always
 * in this order, so that V8 gives them one hidden class. Made with the absent fields left out (and
 * chapeau, closing words and parent added later) they had five, and every read of a provision's
 * field, in the structure, the drafting checks and the analysis, was a megamorphic lookup.
 */
function newProvision(
  kind: ProvisionKind,
  label: string,
  span: Span,
  headSpan: Span,
  depth: number,
  number?: string,
  heading?: string,
  headingDepth?: number,
  scheme?: NumberingScheme,
  style?: NumberStyle,
): Provision {
  return { id: '', kind, number, label, heading, headingDepth, scheme, style, span, headSpan, ownSpans: [], chapeau: undefined, closingWords: undefined, parentId: undefined, childIds: [], depth };
}

/** From the start of the first of `spans` that `keep` accepts to the end of the last one, if any. */
function outerSpan(spans: readonly Span[], keep: (s: Span) => boolean): Span | undefined {
  let first: Span | undefined;
  let last: Span | undefined;
  for (const s of spans) {
    if (!keep(s)) continue;
    first ??= s;
    last = s;
  }
  return first && last ? { start: first.start, end: last.end } : undefined;
}

export function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return out || 'heading';
}

export function isGroupingKind(kind: ProvisionKind): boolean {
  return kind === 'title' || kind === 'part' || kind === 'chapter' || kind === 'division' || kind === 'subpart' || kind === 'schedule';
}
