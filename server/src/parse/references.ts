/**
 * Cross-references, matched in `plain` (piece by piece in the language server) and then resolved: "section 4(2)(b)", "sections 4 to 6",
 * "subsections (1), (2) and (4)", "paragraph (a) of subsection (3)", "Article 5(2)", "§ 2256(8)",
 * "Part 2", "Schedule 1", "this section" … Resolved to provision ids relative to where they stand;
 * references into other instruments ("of the Criminal Code", "title 18, United States Code,") are
 * marked external and left unresolved.
 */
import type { CrossReference, Provision, ProvisionKind, ReferenceTargetKind, Span } from './types.js';
import type { TreeBuilder } from './tree.js';
import { ProvisionLocator } from './locate.js';
import { nextMatchNotAfter } from './search.js';
import type { Shift } from './reuse.js';

const NUM = String.raw`\d{1,5}[A-Za-z]{0,3}(?:\.\d{1,4}[A-Za-z]?)*`;
const PATHSEG = String.raw`\([0-9A-Za-z.]{1,6}\)`;
const MEMBER = String.raw`(?:${NUM}|[IVXLC]{1,6}\b|[A-Z]\b|${PATHSEG})(?:${PATHSEG})*`;
const CONJ = String.raw`(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|and\/or)\s+|\s*[–—-]\s*)`;
const KW = String.raw`sections?|ss?\.|§§?|articles?|arts?\.|subsections?|sub-sections?|paragraphs?|subparagraphs?|sub-paragraphs?|clauses?|parts?|chapters?|schedules?`;
const SELF_KW = String.raw`section|subsection|paragraph|subparagraph|clause|part|article|act|chapter|schedule|title|division|code|law`;

/**
 * A reference must not be preceded by a letter or digit. That lookbehind is checked by hand
 * (NOT_AFTER) rather than written into REFERENCE: a leading lookbehind stops V8's regexp engine
 * from skipping ahead to where a match can begin, which made this search several times slower.
 */
const NOT_AFTER = /[A-Za-z0-9\u00C0-\u024F]/i;
const REFERENCE = new RegExp(
  String.raw`(?:(?<self>this)\s+(?<selfKind>${SELF_KW})(?![A-Za-z\u00C0-\u024F])` +
    String.raw`|(?<kw>${KW})[ \t\u00a0]*(?<list>${MEMBER}(?:${CONJ}${MEMBER})*)(?:\s+of\s+(?<ofKw>subsection|sub-section|paragraph|section|article|§)\s*(?<ofNum>${MEMBER}))?)`,
  'gi',
);
const MEMBER_RE = new RegExp(String.raw`(${MEMBER})|(\s+(?:to|through)\s+|\s*[–—-]\s*)`, 'gu');
const EXTERNAL_AFTER =
  /\s*,?\s*(?:of|in|under)\s+(?:the\s+)?(?:(?:[A-Z][\p{L}’'.&-]*|of|and|on|for|the|to|in|\d{4}|\(\w+\)),?\s+){0,12}?(?:Act|Code|Convention|Directive|Regulations?|Ordinance|Constitution|Protocol|Statute|Law|Decree|Charter|Treaty|Rules)\b|\s*,?\s*(?:of|in|under)\s+title\s+\d+\b|\s*,?\s*of\s+the\s+United\s+States\s+Code\b/uy;
const EXTERNAL_BEFORE = /(?:title\s+\d+,?\s+United\s+States\s+Code,?|of\s+the\s+[A-Z][\p{L}]*(?:\s+[A-Z][\p{L}]*)*\s+(?:Act|Code)(?:\s+\d{4})?,?)\s*$/u;

function kindOf(kw: string): ReferenceTargetKind {
  const k = kw.toLowerCase().replace(/-/g, '');
  if (k.startsWith('subsection')) return 'subsection';
  if (k.startsWith('subparagraph')) return 'subparagraph';
  if (k.startsWith('paragraph')) return 'paragraph';
  if (k.startsWith('clause')) return 'clause';
  if (k.startsWith('part')) return 'part';
  if (k.startsWith('chapter')) return 'chapter';
  if (k.startsWith('schedule')) return 'schedule';
  if (k.startsWith('art')) return 'article';
  return 'section';
}

function splitPath(member: string): string[] {
  const out: string[] = [];
  const head = /^[^(]+/.exec(member);
  if (head) out.push(head[0].trim());
  const re = /\(([^)]+)\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(member)) !== null) out.push(m[1] as string);
  return out;
}

interface Member {
  text: string;
  span: Span;
  path: string[];
}

/** A reference as written, before it is placed in the bill: depends only on the words matched. */
export interface ReferenceMatch {
  span: Span;
  text: string;
  /** "this section": the kind named. */
  selfKind?: string;
  kw: string;
  kind: ReferenceTargetKind;
  members: Member[];
  ofKw?: string;
  ofKind?: ReferenceTargetKind;
  ofPath: string[];
}

/**
 * The references written in `plain` within `span` (offsets into `plain`). A pure function of those
 * words, so the language server keeps its results per division piece (parse/scans.ts).
 */
export function matchReferences(plain: string, span: Span): ReferenceMatch[] {
  const out: ReferenceMatch[] = [];
  const text = span.start === 0 && span.end === plain.length ? plain : plain.slice(0, span.end);
  for (const m of referencesWritten(text, span.start)) {
    const start = m.index;
    const g = m.groups ?? {};
    const matchSpan = { start, end: start + m[0].length };
    if (g.self) {
      out.push(referenceMatch(matchSpan, m[0], (g.selfKind as string).toLowerCase(), '', 'act', [], undefined, undefined, []));
      continue;
    }
    const kw = g.kw as string;
    const list = g.list as string;
    const kind = kindOf(kw);
    const listStart = start + m[0].indexOf(list, kw.length);
    // Members, with ranges ("4 to 6", "4–6") expanded when numeric.
    const members: Member[] = [];
    MEMBER_RE.lastIndex = 0;
    let mm: RegExpExecArray | null;
    let pendingRange = false;
    while ((mm = MEMBER_RE.exec(list)) !== null) {
      if (mm[2] !== undefined) {
        pendingRange = members.length > 0;
        continue;
      }
      const text = mm[1] as string;
      const span = { start: listStart + mm.index, end: listStart + mm.index + text.length };
      const path = splitPath(text);
      if (pendingRange) {
        const prev = members[members.length - 1] as Member;
        const a = Number(prev.path[0]);
        const b = Number(path[0]);
        if (prev.path.length === 1 && path.length === 1 && Number.isInteger(a) && Number.isInteger(b) && b > a + 1 && b - a <= 200) {
          for (let n = a + 1; n < b; n++) members.push({ text: String(n), span: { start: prev.span.start, end: span.end }, path: [String(n)] });
        }
        pendingRange = false;
      }
      members.push({ text, span, path });
    }
    // "S.C. 2011", "section A": sections, articles and subdivisions are cited by number or "(x)".
    if (kind !== 'part' && kind !== 'chapter' && kind !== 'schedule') {
      for (let i = members.length - 1; i >= 0; i--) if (/^[A-Za-z]/.test((members[i] as Member).text)) members.splice(i, 1);
    }
    if (members.length === 0) continue;
    if (kind === 'part' || kind === 'chapter' || kind === 'schedule') {
      // A bare roman/letter after a lower-case keyword in running text ("part I") is too ambiguous.
      if (members.some((x) => /^[A-Za-z]+$/.test(x.path[0] ?? '') && !/^[A-Z]/.test(kw))) continue;
    }
    const ofKw = g.ofKw as string | undefined;
    out.push(referenceMatch(matchSpan, m[0], undefined, kw, kind, members, ofKw || undefined, ofKw ? kindOf(ofKw === '§' ? 'section' : ofKw) : undefined, g.ofNum ? splitPath(g.ofNum as string) : []));
  }
  return out;
}

/** REFERENCE's matches in `text` from `from`, none preceded by a letter or digit (see NOT_AFTER). */
export function* referencesWritten(text: string, from: number): Generator<RegExpExecArray> {
  for (let m = nextMatchNotAfter(REFERENCE, text, from, letterBefore); m; m = nextMatchNotAfter(REFERENCE, text, m.index + m[0].length, letterBefore)) yield m;
}

function letterBefore(text: string, at: number): boolean {
  return NOT_AFTER.test(text[at - 1]!);
}

/** The pattern with its lookbehind written in (for tests: what referencesWritten must find). */
export const REFERENCE_WITH_LOOKBEHIND = new RegExp(`(?<!${NOT_AFTER.source})(?:${REFERENCE.source})`, 'gi');

/** A match moved by `delta` characters (a copy: cached matches are never changed). */
export function relocateReference(m: ReferenceMatch, delta: number): ReferenceMatch {
  const members = m.members.map((x) => ({ text: x.text, span: { start: x.span.start + delta, end: x.span.end + delta }, path: x.path }));
  return referenceMatch({ start: m.span.start + delta, end: m.span.end + delta }, m.text, m.selfKind, m.kw, m.kind, members, m.ofKw, m.ofKind, m.ofPath);
}

/** Every match is made here, with all its fields in one order: one hidden class (see tree.ts newProvision). */
function referenceMatch(
  span: Span,
  text: string,
  selfKind: string | undefined,
  kw: string,
  kind: ReferenceTargetKind,
  members: Member[],
  ofKw: string | undefined,
  ofKind: ReferenceTargetKind | undefined,
  ofPath: string[],
): ReferenceMatch {
  return { span, text, selfKind, kw, kind, members, ofKw, ofKind, ofPath };
}

/** The references of the bill, placed and resolved; `matches` are the words matched (default: a search of the whole of `plain`). */
export function findReferences(plain: string, builder: TreeBuilder, matches: ReferenceMatch[] = matchReferences(plain, { start: 0, end: plain.length })): CrossReference[] {
  return resolveReferences(plain, builder, matches).references;
}

/** A check's references, each with the span of the match it was read from (for the next keystroke). */
export interface ResolvedReferences {
  references: CrossReference[];
  matchStarts: number[];
  matchEnds: number[];
}

/**
 * The last check's references and what the edit since did to offsets, given only when the provision
 * tree is the same but for the edit (reuse.ts `compareTrees`, extents included): then a match the edit
 * did not touch resolves to what it resolved to before, from the same provision, and its references
 * are moved rather than resolved again. Whether it names another instrument reads the words around
 * it, which may have changed: that is read again, and a match whose answer changed is resolved anew.
 */
export interface CrossReferenceReuse {
  last: ResolvedReferences;
  shift: Shift;
}

export function resolveReferences(plain: string, builder: TreeBuilder, matches: ReferenceMatch[], kept?: CrossReferenceReuse): ResolvedReferences {
  const out: ResolvedReferences = { references: [], matchStarts: [], matchEnds: [] };
  let resolver: Resolver | undefined;
  const resolve = (): Resolver => (resolver ??= new Resolver(builder));
  const locator = new ProvisionLocator(builder);
  let k = 0;
  for (const m of matches) {
    if (kept) {
      const next = moveReferences(plain, m, kept, k, out);
      if (next >= 0) {
        k = next;
        continue;
      }
    }
    const { start } = m.span;
    let end = m.span.end;
    const from = locator.at(start);
    if (m.selfKind !== undefined) {
      const kind = m.selfKind;
      const targetKind: ReferenceTargetKind = kind === 'act' || kind === 'code' || kind === 'law' || kind === 'title' ? 'act' : kind === 'division' ? 'part' : kindOf(kind);
      push(out, reference({ start, end }, m.text, targetKind, [], true, false, resolve().self(kind, from), from.id, undefined), m.span);
      continue;
    }
    const { kw, kind, members, ofKind, ofPath } = m;
    const external = isExternal(plain, start, end);
    // A division heading naming itself ("## Part 2 — Offences") is not a reference.
    if (from.kind !== 'subdivision' && start >= from.headSpan.start && start < from.headSpan.end && members.length === 1 && resolve().resolve(kind, members[0]?.path ?? [], undefined, from).includes(from.id)) continue;
    const last = members[members.length - 1] as Member;
    if (!m.ofKw) end = Math.min(end, last.span.end);
    const whole = plain.slice(start, end);
    // Only a list ("sections 4 and 5") needs the keyword on its own: most references name one provision.
    const kwWord = members.length === 1 ? '' : kw.replace(/s$/i, '').replace(/§§/, '§');
    for (const member of members) {
      const path = ofKind ? [...ofPath, ...member.path] : member.path;
      const text = members.length === 1 ? whole : `${kwWord} ${member.text}`;
      const span = members.length === 1 ? { start, end } : member.span;
      const targetIds = external ? [] : resolve().resolve(kind, path, ofKind, from);
      push(out, reference(span, text, kind, path, undefined, external, targetIds, from.id, members.length > 1 ? whole : undefined), m.span);
    }
  }
  return out;
}

function push(out: ResolvedReferences, r: CrossReference, match: Span): void {
  out.references.push(r);
  out.matchStarts.push(match.start);
  out.matchEnds.push(match.end);
}

/** Every reference is made here, with all its fields in one order: one hidden class (see tree.ts newProvision). */
function reference(
  span: Span,
  text: string,
  kind: ReferenceTargetKind,
  path: string[],
  self: boolean | undefined,
  external: boolean,
  targetIds: string[],
  fromProvisionId: string,
  rangeOf: string | undefined,
): CrossReference {
  return { span, text, kind, path, self, external, targetIds, fromProvisionId, rangeOf };
}

/** Whether the reference ending at `end` names another instrument ("… of the Criminal Code", "of title 18"). */
function isExternal(plain: string, start: number, end: number): boolean {
  // Context outside the match is read here, not when matching: it may lie in another piece.
  EXTERNAL_AFTER.lastIndex = end;
  if (EXTERNAL_AFTER.test(plain)) return true;
  const before = plain.slice(Math.max(0, start - 60), start);
  return (before.includes('Code') || before.includes('Act')) && EXTERNAL_BEFORE.test(before);
}

/**
 * The last check's references read from the match `m` now stands for, moved by the edit into `out`,
 * when the edit did not touch it (nor the character either side, which the search reads) and it
 * still says the same about naming another instrument. `from` is where to start looking among them;
 * returns where to look for the next match, or -1 (nothing moved: resolve it anew).
 */
function moveReferences(plain: string, m: ReferenceMatch, kept: CrossReferenceReuse, from: number, out: ResolvedReferences): number {
  const { last, shift } = kept;
  const newStart = m.span.start;
  const length = m.span.end - newStart;
  // The old offset of this match: before the edit it is where it was; after it, moved back.
  let was: number;
  if (m.span.end < shift.start) was = newStart;
  else if (newStart > shift.oldEnd + shift.delta) was = newStart - shift.delta;
  else return -1;
  let k = from;
  while (k < last.matchStarts.length && last.matchStarts[k]! < was) k += 1;
  if (k >= last.matchStarts.length || last.matchStarts[k] !== was || last.matchEnds[k]! - was !== length) return -1;
  let j = k;
  while (j < last.matchStarts.length && last.matchStarts[j] === was) j += 1;
  const external = last.references[k]!.self ? false : isExternal(plain, newStart, m.span.end);
  for (let i = k; i < j; i++) if (last.references[i]!.external !== external) return -1;
  const delta = newStart - was;
  for (let i = k; i < j; i++) {
    const r = last.references[i]!;
    push(out, reference({ start: r.span.start + delta, end: r.span.end + delta }, r.text, r.kind, r.path, r.self, r.external, r.targetIds, r.fromProvisionId, r.rangeOf), m.span);
  }
  return j;
}

/** The kinds a reference may resolve to, in order (constants: resolve runs for every reference). */
const SECTION_FIRST: readonly ProvisionKind[] = ['section', 'article'];
const ARTICLE_FIRST: readonly ProvisionKind[] = ['article', 'section'];
const PART_KINDS: readonly ProvisionKind[] = ['part', 'division', 'subpart'];
const CHAPTER_KINDS: readonly ProvisionKind[] = ['chapter'];
const SCHEDULE_KINDS: readonly ProvisionKind[] = ['schedule'];

class Resolver {
  private readonly byKind = new Map<string, Provision[]>();

  constructor(private readonly builder: TreeBuilder) {
    for (const p of builder.provisions) {
      if (p.number === undefined || p.kind === 'subdivision') continue;
      const key = `${p.kind}:${p.number.toLowerCase()}`;
      const list = this.byKind.get(key);
      if (list) list.push(p);
      else this.byKind.set(key, [p]);
    }
  }

  resolve(kind: ReferenceTargetKind, path: string[], ofKind: ReferenceTargetKind | undefined, from: Provision): string[] {
    const base = ofKind ?? kind;
    if (base === 'section' || base === 'article') {
      const head = (path[0] ?? '').toLowerCase();
      for (const k of base === 'article' ? ARTICLE_FIRST : SECTION_FIRST) {
        const found = this.byKind.get(`${k}:${head}`);
        if (!found) continue;
        const ids = found.map((p) => this.descend(p, path.slice(1))).filter((id): id is string => id !== undefined);
        if (ids.length > 0) return ids;
      }
      return [];
    }
    if (base === 'part' || base === 'chapter' || base === 'schedule') {
      for (const k of base === 'part' ? PART_KINDS : base === 'chapter' ? CHAPTER_KINDS : SCHEDULE_KINDS) {
        const found = this.byKind.get(`${k}:${(path[0] ?? '').toLowerCase()}`);
        if (found) return found.map((p) => this.descend(p, path.slice(1))).filter((id): id is string => id !== undefined);
      }
      return [];
    }
    const section = this.enclosingSection(from);
    if (base === 'subsection') {
      const id = this.descend(section, path);
      return id ? [id] : [];
    }
    // paragraph / subparagraph / clause: relative to the innermost enclosing subdivision that has it.
    for (let p: Provision | undefined = from; p; p = this.builder.parentOf(p)) {
      const id = this.descend(p, path);
      if (id) return [id];
      if (p === section) break;
    }
    return [];
  }

  self(kind: string, from: Provision): string[] {
    const wanted: Record<string, ProvisionKind[]> = {
      section: ['section', 'article'], article: ['article', 'section'], part: ['part'], chapter: ['chapter'], schedule: ['schedule'],
      division: ['division'], title: ['title'],
    };
    if (kind === 'subsection' || kind === 'paragraph' || kind === 'subparagraph' || kind === 'clause') {
      let p: Provision | undefined = from;
      while (p && p.kind === 'subdivision') {
        const parent = this.builder.parentOf(p);
        if (kind !== 'subsection' || !parent || parent.kind !== 'subdivision') return [p.id];
        p = parent;
      }
      return [];
    }
    const kinds = wanted[kind];
    if (kinds) {
      for (let p: Provision | undefined = from; p; p = this.builder.parentOf(p)) if (kinds.includes(p.kind)) return [p.id];
    }
    // "this Act", "this Code", and "this chapter/title" when the document itself is that chapter or title.
    if (kind === 'act' || kind === 'code' || kind === 'law' || kind === 'title' || kind === 'chapter') return [this.builder.root.id];
    return [];
  }

  private enclosingSection(from: Provision): Provision {
    let fallback: Provision | undefined;
    for (let p: Provision | undefined = from; p; p = this.builder.parentOf(p)) {
      if (p.kind === 'section' || p.kind === 'article') return p;
      if (!fallback && p.kind !== 'subdivision' && p.kind !== 'heading' && p.number !== undefined) fallback = p;
    }
    return fallback ?? this.builder.root;
  }

  /** The id of `path` below `p` ("s-4" + ["2","b"] → "s-4/2/b"), if it exists. */
  private descend(p: Provision, path: string[]): string | undefined {
    if (path.length === 0) return p.id;
    const base = this.builder.metaOf(p).idBase;
    const id = base + path.join('/');
    return this.builder.byId.has(id) ? id : undefined;
  }
}
