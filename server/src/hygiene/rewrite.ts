/**
 * Rewriting the cross-references into provisions that are being renumbered (or moved), so each keeps
 * pointing at the same provision. Only the numbers are edited, in the reference's own style; a
 * reference to a duplicated number (which pointed at both) becomes a list of both; a range whose
 * members are no longer consecutive becomes a list. Anything this cannot express returns undefined,
 * and renumber.ts then offers no fix rather than one that silently changes what a reference means.
 */
import type { Bill, CrossReference, Provision, Span } from '../parse/types.js';
import { isSpannedMember, memberRegion, renderMember, type Tree } from './references.js';
import type { HygieneEdit } from './types.js';

export interface NewStructure {
  number(p: Provision): string | undefined;
  parent(p: Provision): Provision | undefined;
  /** True when p or one of its ancestors is renumbered or moved. */
  changed(p: Provision): boolean;
}

interface Token {
  span: Span;
  text: string;
}

const CONJ_ONLY = /^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|and\/or)\s+|\s*[–—-]\s*)$/;
const RANGE = /^(?:\s+(?:to|through)\s+|\s*[–—-]\s*)$/;
const OF_PART = /^\s*of\s+(?:subsection|sub-section|paragraph|section|article|§)\s*/i;
const MEMBER_TEXT = /^(?:\d{1,5}[A-Za-z]{0,3}(?:\.\d{1,4}[A-Za-z]?)*|[IVXLC]{1,6}\b|[A-Z]\b|\([0-9A-Za-z.]{1,6}\))(?:\([0-9A-Za-z.]{1,6}\))*/;
const SINGULAR = new Set(['section', 'subsection', 'sub-section', 'paragraph', 'subparagraph', 'sub-paragraph', 'clause', 'article', 'part', 'chapter', 'schedule']);

/** The references the parser read from one match ("sections 4 to 7" is four references), in order. */
export function referenceGroups(bill: Bill): CrossReference[][] {
  const groups: CrossReference[][] = [];
  let current: CrossReference[] | undefined;
  let end = -1;
  for (const r of bill.references) {
    const joins =
      current !== undefined &&
      r.rangeOf !== undefined &&
      (current[0] as CrossReference).rangeOf === r.rangeOf &&
      (current[0] as CrossReference).fromProvisionId === r.fromProvisionId &&
      (r.span.start < end || CONJ_ONLY.test(bill.plain.slice(end, r.span.start)));
    if (joins && current) current.push(r);
    else groups.push((current = [r]));
    end = Math.max(joins ? end : -1, r.span.end);
  }
  return groups;
}

/** "4(2)(b)" written at `offset` → tokens "4", "2", "b" with their spans. */
function tokenize(text: string, offset: number): Token[] {
  const out: Token[] = [];
  const head = /^[^(]+/.exec(text);
  if (head) {
    const lead = head[0].length - head[0].trimStart().length;
    const word = head[0].trim();
    if (word) out.push({ span: { start: offset + lead, end: offset + lead + word.length }, text: word });
  }
  for (const m of text.matchAll(/\(([^)]+)\)/g)) out.push({ span: { start: offset + (m.index as number) + 1, end: offset + (m.index as number) + 1 + (m[1] as string).length }, text: m[1] as string });
  return out;
}

/** "of subsection (a)" after `from`: its tokens. */
function ofTokens(plain: string, from: number): Token[] | undefined {
  const rest = plain.slice(from, from + 80);
  const of = OF_PART.exec(rest);
  if (!of) return undefined;
  const member = MEMBER_TEXT.exec(rest.slice(of[0].length));
  return member ? tokenize(member[0], from + of[0].length) : undefined;
}

interface PathTokens {
  /** Aligned with `r.path` (so "paragraph (a) of subsection (3)" gives "3", "a"). */
  tokens: Token[];
  /** Where the reference's own member is written ("(a)"), after the "of" part's tokens. */
  member: { start: number; end: number; text: string };
  /** How many leading path elements come from an "of subsection (3)" part. */
  ofLen: number;
}

function pathTokens(bill: Bill, r: CrossReference, groupEnd: number): PathTokens | undefined {
  const region = memberRegion(bill, r);
  let out: PathTokens | undefined;
  if (region) {
    const own = tokenize(region.text, region.start);
    const prefix = r.path.length - own.length;
    if (prefix === 0) out = { tokens: own, member: region, ofLen: 0 };
    else if (prefix > 0) {
      const of = ofTokens(bill.plain, groupEnd);
      if (of && of.length === prefix) out = { tokens: [...of, ...own], member: region, ofLen: prefix };
    }
  } else if (r.rangeOf === undefined) {
    const written = bill.plain.slice(r.span.start, r.span.end);
    const m = /^(\S+)[ \t\u00a0]*/.exec(written);
    const member = m ? MEMBER_TEXT.exec(written.slice(m[0].length)) : null;
    if (m && member) {
      const start = r.span.start + m[0].length;
      const own = tokenize(member[0], start);
      const of = ofTokens(bill.plain, start + member[0].length);
      if (of) out = { tokens: [...of, ...own], member: { start, end: start + member[0].length, text: member[0] }, ofLen: of.length };
    }
  }
  if (!out || out.tokens.length !== r.path.length || out.tokens.some((t, i) => t.text !== r.path[i])) return undefined;
  return out;
}

/** Headings ("Preliminary") are not numbered: a path passes through them. */
function headless(p: Provision | undefined, parent: (p: Provision) => Provision | undefined): Provision | undefined {
  let cur = p;
  while (cur && cur.kind === 'heading') cur = parent(cur);
  return cur;
}

/** The `k` numbered provisions ending at `target` (old structure), top first; undefined if they do not match the path. */
function oldChain(tree: Tree, target: Provision, path: readonly string[]): Provision[] | undefined {
  const chain: Provision[] = [];
  let cur: Provision | undefined = target;
  for (let i = path.length - 1; i >= 0; i--) {
    cur = headless(cur, (p) => tree.parent(p));
    if (!cur || (cur.number ?? '').toLowerCase() !== (path[i] as string).toLowerCase()) return undefined;
    chain.unshift(cur);
    cur = tree.parent(cur);
  }
  return chain;
}

function isAncestorOrSelf(tree: Tree, a: Provision, x: Provision | undefined): boolean {
  for (let p = x; p; p = tree.parent(p)) if (p === a) return true;
  return false;
}

/** The path that names `target` after the change, from the same place the old path started. */
function newPath(tree: Tree, ns: NewStructure, target: Provision, chain: Provision[]): string[] | undefined {
  const anchor = headless(tree.parent(chain[0] as Provision), (p) => tree.parent(p));
  const out: string[] = [];
  let cur: Provision | undefined = target;
  for (let guard = 0; guard < 64; guard++) {
    cur = headless(cur, (p) => ns.parent(p));
    if (!cur || cur.kind === 'document' || (anchor && isAncestorOrSelf(tree, cur, anchor))) return out.length > 0 ? out : undefined;
    const n = ns.number(cur);
    if (n === undefined) return undefined;
    out.unshift(n);
    cur = ns.parent(cur);
  }
  return undefined;
}

function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function sortKey(n: string): [number, string] {
  const m = /^(\d+)(.*)$/.exec(n);
  return m ? [Number(m[1]), m[2] as string] : [Number.MAX_SAFE_INTEGER, n];
}

export function rewriteReferences(bill: Bill, tree: Tree, ns: NewStructure): HygieneEdit[] | undefined {
  const edits: HygieneEdit[] = [];
  const targetsOf = (r: CrossReference): Provision[] => r.targetIds.map((id) => bill.byId.get(id)).filter((p): p is Provision => p !== undefined);
  for (const group of referenceGroups(bill)) {
    if (!group.some((r) => targetsOf(r).some((t) => ns.changed(t)))) continue;
    const explicit = group.filter((r) => !r.external && !isSpannedMember(bill, r));
    const groupEnd = Math.max(...group.map((r) => r.span.end));
    const handled = new Set<CrossReference>();
    // Ranges: "4 to 7" is rewritten as a whole from the set of provisions it covers.
    for (let i = 0; i + 1 < explicit.length; i++) {
      const a = explicit[i] as CrossReference;
      const b = explicit[i + 1] as CrossReference;
      const ra = memberRegion(bill, a);
      const rb = memberRegion(bill, b);
      if (!ra || !rb || a.path.length !== 1 || b.path.length !== 1 || a.rangeOf === undefined) continue;
      const connector = bill.plain.slice(ra.end, rb.start);
      if (!RANGE.test(connector)) continue;
      // A range the parser did not expand ("4 to 6A", "4 to 5") keeps its form: each end is
      // renumbered on its own below, and document order (which renumbering keeps) does the rest.
      const spanned = group.filter((r) => isSpannedMember(bill, r) && r.span.start === ra.start && r.span.end === rb.end);
      if (spanned.length === 0) continue;
      handled.add(a).add(b);
      const members = [a, b, ...spanned];
      const targets = members.flatMap(targetsOf);
      if (!targets.some((t) => ns.changed(t))) continue;
      const numbers = [...new Set(targets.map((t) => ns.number(t)))];
      if (numbers.some((n) => n === undefined) || targets.some((t) => t.kind === 'subdivision')) return undefined;
      const sorted = (numbers as string[]).sort((x, y) => sortKey(x)[0] - sortKey(y)[0] || sortKey(x)[1].localeCompare(sortKey(y)[1]));
      const ints = sorted.every((n) => /^\d+$/.test(n));
      const consecutive = ints && sorted.every((n, k) => k === 0 || Number(n) === Number(sorted[k - 1]) + 1);
      const text = consecutive && sorted.length >= 2 ? `${sorted[0]}${connector}${sorted[sorted.length - 1]}` : listText(sorted);
      edits.push({ span: { start: ra.start, end: rb.end }, newText: text });
    }
    for (const r of explicit) {
      if (handled.has(r) || r.self || r.path.length === 0) continue;
      const targets = targetsOf(r);
      if (!targets.some((t) => ns.changed(t))) continue;
      const paths: string[][] = [];
      for (const t of targets) {
        const chain = oldChain(tree, t, r.path);
        const path = chain ? newPath(tree, ns, t, chain) : undefined;
        if (!path) return undefined;
        if (!paths.some((p) => p.join('/') === path.join('/'))) paths.push(path);
      }
      const region = memberRegion(bill, r);
      if (paths.length === 1) {
        const path = paths[0] as string[];
        const written = pathTokens(bill, r, groupEnd);
        if (written && path.length === written.tokens.length) {
          written.tokens.forEach((t, k) => {
            if (t.text !== path[k]) edits.push({ span: t.span, newText: path[k] as string });
          });
          continue;
        }
        // The path changed shape (a provision moved up a level): rewrite the member, keep any "of" part.
        const ofLen = written?.ofLen ?? 0;
        const member = written?.member ?? region;
        if (!member || member.text.length === 0 || path.slice(0, ofLen).join('/') !== r.path.slice(0, ofLen).join('/') || path.length <= ofLen) return undefined;
        edits.push({ span: { start: member.start, end: member.end }, newText: renderMember(member.text, path.slice(ofLen)) });
        continue;
      }
      // A duplicated number pointed at both provisions: name both, so it still does.
      if (!region || splitCount(region.text) !== r.path.length) return undefined;
      edits.push({ span: { start: region.start, end: region.end }, newText: listText(paths.map((p) => renderMember(region.text, p))) });
      if (r.rangeOf === undefined) {
        const kw = /^\S+/.exec(bill.plain.slice(r.span.start, region.start));
        const word = kw?.[0] ?? '';
        if (word === '§') edits.push({ span: { start: r.span.start + 1, end: r.span.start + 1 }, newText: '§' });
        else if (SINGULAR.has(word.toLowerCase())) edits.push({ span: { start: r.span.start + word.length, end: r.span.start + word.length }, newText: 's' });
      }
    }
  }
  return edits;
}

function splitCount(member: string): number {
  return tokenize(member, 0).length;
}
