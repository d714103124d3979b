/**
 * Cross-references that point nowhere. The parser has already resolved every reference against the
 * tree; a non-external reference left with no target is broken — either the provision never existed
 * or the reference points into a provision that was renumbered ("section 4(3)" after 4(3) became
 * 4(2)). Each member of a list or range is checked on its own; the numbers a range merely spans
 * ("5" and "6" in "sections 4 to 7") are not written, so they are left to the numbering checks.
 * Quick-fixes offer the nearest provisions that do exist and edit only the number in the reference.
 */
import type { Bill, CrossReference, Provision, ProvisionKind } from '../parse/types.js';
import { candidatesFor } from '../parse/numbering.js';
import type { TextContext } from './text.js';
import type { HygieneFinding, HygieneFix } from './types.js';

const KEYWORD = /^(?:sections?|ss?\.|§§?|articles?|arts?\.|subsections?|sub-sections?|paragraphs?|subparagraphs?|sub-paragraphs?|clauses?|parts?|chapters?|schedules?)[ \t\u00a0]*/i;
const SUBDIVISION_KINDS = new Set(['subsection', 'paragraph', 'subparagraph', 'clause']);

/** "4(2)(b)" → ["4","2","b"]; "(3)" → ["3"]. */
export function splitMember(member: string): string[] {
  const out: string[] = [];
  const head = /^[^(]+/.exec(member);
  if (head && head[0].trim()) out.push(head[0].trim());
  for (const m of member.matchAll(/\(([^)]+)\)/g)) out.push(m[1] as string);
  return out;
}

/** Where the numbers of a reference are written: the whole member after the keyword, if it can be found. */
export function memberRegion(bill: Bill, r: CrossReference): { start: number; end: number; text: string } | undefined {
  const written = bill.plain.slice(r.span.start, r.span.end);
  if (r.rangeOf !== undefined) {
    const member = r.text.slice(r.text.indexOf(' ') + 1);
    return written === member ? { start: r.span.start, end: r.span.end, text: written } : undefined;
  }
  if (/\sof\s/.test(written)) return undefined;
  const kw = KEYWORD.exec(written);
  if (!kw) return undefined;
  return { start: r.span.start + kw[0].length, end: r.span.end, text: written.slice(kw[0].length) };
}

/** True for the numbers a range only spans ("5" in "sections 4 to 7"): they are not written. */
export function isSpannedMember(bill: Bill, r: CrossReference): boolean {
  return r.rangeOf !== undefined && memberRegion(bill, r) === undefined;
}

export function renderMember(original: string, path: readonly string[]): string {
  const bare = !original.trimStart().startsWith('(');
  return path.map((seg, i) => (i === 0 && bare ? seg : `(${seg})`)).join('');
}

export class Tree {
  readonly byKind = new Map<string, Provision[]>();
  readonly kinds = new Set<ProvisionKind>();

  constructor(readonly bill: Bill) {
    for (const p of bill.provisions) {
      this.kinds.add(p.kind);
      if (p.number === undefined || p.kind === 'subdivision') continue;
      const key = `${p.kind}:${p.number.toLowerCase()}`;
      const list = this.byKind.get(key);
      if (list) list.push(p);
      else this.byKind.set(key, [p]);
    }
  }

  parent(p: Provision): Provision | undefined {
    return p.parentId !== undefined ? this.bill.byId.get(p.parentId) : undefined;
  }

  /** Numbered subdivision children (headings are transparent: their children belong to the level above). */
  subdivisions(p: Provision): Provision[] {
    return p.childIds.map((id) => this.bill.byId.get(id) as Provision).filter((c) => c.kind === 'subdivision');
  }

  child(p: Provision, number: string): Provision | undefined {
    return this.subdivisions(p).find((c) => c.number === number);
  }

  enclosingSection(from: Provision): Provision {
    for (let p: Provision | undefined = from; p; p = this.parent(p)) if (p.kind === 'section' || p.kind === 'article') return p;
    return this.bill.root;
  }

  heads(kind: string, number: string): Provision[] {
    const kinds = kind === 'article' ? ['article', 'section'] : kind === 'section' ? ['section', 'article'] : kind === 'part' ? ['part', 'division', 'subpart'] : [kind];
    for (const k of kinds) {
      const found = this.byKind.get(`${k}:${number.toLowerCase()}`);
      if (found) return found;
    }
    return [];
  }

  private readonly ofKind = new Map<string, Provision[]>();

  /** Every numbered provision of the kinds a reference of this kind can name, in document order. */
  allOfKind(kind: string): Provision[] {
    const kinds = kind === 'article' || kind === 'section' ? ['section', 'article'] : kind === 'part' ? ['part', 'division', 'subpart'] : [kind];
    const key = kinds.join();
    let list = this.ofKind.get(key);
    if (!list) this.ofKind.set(key, (list = this.bill.provisions.filter((p) => p.number !== undefined && kinds.includes(p.kind))));
    return list;
  }
}

interface Walk {
  /** The deepest provision the path reaches. */
  reached?: Provision;
  /** Index of the first path element that does not exist. */
  missing: number;
  /** Provisions among which the missing number was looked for. */
  siblings: Provision[];
}

/** "subsections (c)(2)(B) and (f) of section 207": the path starts at a section, whatever the keyword. */
function headKind(r: CrossReference): string {
  const of = /\bof\s+(section|§|article)\s/i.exec(r.rangeOf ?? r.text);
  if (of) return (of[1] as string).toLowerCase() === 'article' ? 'article' : 'section';
  // "subsection 163.1(2)" (Canadian style) names the section first.
  if (SUBDIVISION_KINDS.has(r.kind) && /^\d/.test(r.path[0] ?? '')) {
    const member = /^\S+\s+(\S)/.exec(r.text);
    if (member && /\d/.test(member[1] as string)) return 'section';
  }
  return r.kind;
}

function walk(tree: Tree, r: CrossReference): Walk {
  const from = tree.bill.byId.get(r.fromProvisionId) ?? tree.bill.root;
  const path = r.path;
  let start: Provision | undefined;
  const kind = headKind(r);
  if (kind === 'section' || kind === 'article' || kind === 'part' || kind === 'chapter' || kind === 'schedule') {
    const heads = tree.heads(kind, path[0] ?? '');
    if (heads.length === 0) return { missing: 0, siblings: tree.allOfKind(kind) };
    start = heads[0];
    return descend(tree, start as Provision, path, 1);
  }
  // Relative: "subsection (3)" from the enclosing section; "paragraph (c)" from the nearest
  // enclosing provision that has children in the scheme of "(c)".
  const section = tree.enclosingSection(from);
  if (r.kind === 'subsection') return descend(tree, section, path, 0);
  const schemes = new Set(candidatesFor(path[0] ?? '').map((c) => c.scheme));
  for (let p: Provision | undefined = from; p; p = tree.parent(p)) {
    if (tree.subdivisions(p).some((c) => c.scheme !== undefined && schemes.has(c.scheme))) return descend(tree, p, path, 0);
    if (p === section) break;
  }
  return descend(tree, from.kind === 'subdivision' ? from : section, path, 0);
}

function descend(tree: Tree, start: Provision, path: readonly string[], from: number): Walk {
  let cur = start;
  for (let j = from; j < path.length; j++) {
    const next = tree.child(cur, path[j] as string);
    if (!next) return { reached: cur, missing: j, siblings: tree.subdivisions(cur) };
    cur = next;
  }
  return { reached: cur, missing: path.length, siblings: [] };
}

function ordinalOf(number: string): number {
  const m = /^(\d+)/.exec(number);
  if (m) return Number(m[1]) + (number.length > (m[1] as string).length ? 0.5 : 0);
  return candidatesFor(number)[0]?.ordinal ?? Number.NaN;
}

/** Up to three existing numbers nearest to the missing one, each with the rest of the path if it exists there. */
function nearest(tree: Tree, r: CrossReference, w: Walk): string[][] {
  const missing = r.path[w.missing] ?? '';
  const target = ordinalOf(missing);
  const ranked = w.siblings
    .filter((p) => p.number !== undefined)
    .map((p, index) => ({ p, index, distance: Number.isFinite(target) ? Math.abs(ordinalOf(p.number as string) - target) : index }))
    .filter((x) => Number.isFinite(x.distance))
    .sort((a, b) => a.distance - b.distance || a.index - b.index);
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const { p } of ranked) {
    const prefix = r.path.slice(0, w.missing);
    const rest = r.path.slice(w.missing + 1);
    const deeper = descend(tree, p, rest, 0);
    const path = [...prefix, p.number as string, ...(deeper.missing === rest.length ? rest : rest.slice(0, deeper.missing))];
    const key = path.join('/');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path);
    if (out.length === 3) break;
  }
  return out;
}

function describe(r: CrossReference, w: Walk): string {
  if (!w.reached) return `“${r.text}” points nowhere: the bill has no ${headKind(r)} ${r.path[0] ?? ''}`;
  const have = w.siblings.map((p) => `(${p.number})`).join(', ');
  const name = w.reached.kind === 'document' ? 'the bill' : w.reached.label;
  return `“${r.text}” points nowhere: ${name} has no (${r.path[w.missing]})${have ? ` — it has ${have}; was it renumbered?` : ''}`;
}

/**
 * What follows a reference (or the list it is part of) names another instrument the parser did not
 * catch: "section 13103(d) of such title", "(except sections 3302, 3509) of subtitle I of title 41",
 * "section 2 of title 18, United States Code". Codes cite other titles constantly.
 */
// Each step of the list after the reference needs its own separator ("(b)", ", 3509", " and 4711"),
// so the pattern cannot split one number two ways (no backtracking blow-up on long lists).
const ELSEWHERE = /^(?:\s*\([0-9A-Za-z.]{1,6}\)|\s*,\s*(?:(?:and|or)\s+)?\d{1,6}[A-Za-z]{0,3}|\s+(?:and|or)\s+\d{1,6}[A-Za-z]{0,3}){0,12}\)?\s*,?\s*(?:of|in|under)\s+(?:such|that|the said)\s+(?:title|Act|Code|chapter|Law)\b|^[^.;\n]{0,80}?(?:\bof\s+(?:subtitle\s+[IVXLC\d]+\s+of\s+)?title\s+\d+\b|U\.S\.C\.|United States Code)/;

function citesElsewhere(bill: Bill, r: CrossReference): boolean {
  return ELSEWHERE.test(bill.plain.slice(r.span.end, r.span.end + 160));
}

/** "## Chapter 1 — A" read as "Chapter 1" and "Chapter A": a heading naming itself is no reference. */
function namesOwnHeading(ctx: TextContext, r: CrossReference): boolean {
  const heading = ctx.headings.at(r.span.start);
  if (!heading) return false;
  const match = r.rangeOf !== undefined ? ctx.bill.plain.lastIndexOf(r.rangeOf, r.span.start) : r.span.start;
  return match >= heading.start && /^[#\s*_[]*$/.test(ctx.bill.text.slice(heading.start, match));
}

/**
 * "sections 20302(a)(1)(B) and (C), (2)": a member written as "(C)" after a longer one continues it
 * (20302(a)(1)(C)), which the parser cannot know; such members are left unchecked rather than
 * reported against the wrong provision. A section is never cited as "(C)" alone.
 */
function isContinuation(bill: Bill, r: CrossReference, previous: CrossReference | undefined): boolean {
  if (r.rangeOf === undefined) return false;
  const written = memberRegion(bill, r)?.text ?? '';
  if (!written.startsWith('(')) return false;
  if (r.kind === 'section' || r.kind === 'article') return true;
  return previous !== undefined && previous.rangeOf === r.rangeOf && previous.path.length > r.path.length;
}

export function checkReferences(ctx: TextContext, tree: Tree, out: HygieneFinding[]): void {
  const bill = ctx.bill;
  const kinds = tree.kinds;
  let previous: CrossReference | undefined;
  for (const r of bill.references) {
    const before = previous;
    previous = r;
    if (r.external || r.self || r.targetIds.length > 0 || r.path.length === 0) continue;
    if (isContinuation(bill, r, before)) continue;
    if (ctx.blockquotes.has(r.span.start) || isSpannedMember(bill, r) || namesOwnHeading(ctx, r) || citesElsewhere(bill, r)) continue;
    // A kind of provision the bill does not have at all is someone else's: a treaty's "Article 9(1)(e)"
    // in a bill of sections, another code's "chapter 9". Precision before recall.
    if (r.kind === 'article' && !kinds.has('article')) continue;
    if (r.kind === 'section' && !kinds.has('section') && !kinds.has('article')) continue;
    if (r.kind === 'part' && !kinds.has('part') && !kinds.has('division') && !kinds.has('subpart')) continue;
    if ((r.kind === 'chapter' || r.kind === 'schedule') && !kinds.has(r.kind)) continue;
    if (SUBDIVISION_KINDS.has(r.kind) && !kinds.has('subdivision')) continue;
    const w = walk(tree, r);
    const region = memberRegion(bill, r);
    const finding: HygieneFinding = { code: 'drafting/broken-reference', span: r.span, message: describe(r, w) };
    if (region) {
      const prefixLen = r.path.length - splitMember(region.text).length;
      finding.fixes = (): HygieneFix[] =>
        nearest(tree, r, w)
          .filter((path) => prefixLen >= 0 && w.missing >= prefixLen && path.slice(0, prefixLen).join('/') === r.path.slice(0, prefixLen).join('/'))
          .map((path) => {
            const newText = renderMember(region.text, path.slice(prefixLen));
            const keyword = bill.plain.slice(r.span.start, region.start);
            return { title: `Change to “${r.rangeOf !== undefined ? newText : keyword + newText}”`, edits: [{ span: { start: region.start, end: region.end }, newText }], preferred: false };
          });
    }
    out.push(finding);
  }
}
