/**
 * Definitions: `"child" means …`, `“child” includes`, `‘child’`, `«child»`, `**child** means`,
 * `the term "minor" means`, `"x" has the meaning given in …`, `child: a person under …` and unquoted
 * `child means …` inside a definitions provision, and GFM definition tables. Scope from "In this Act",
 * "In this Part", "For the purposes of this section" … Matching runs per unit with sticky regexes
 * anchored at a few candidate positions (unit start, after ";", at an opening quote).
 */
import type { TableCell } from 'mdast';
import type { Definition, DefinitionForm, DefinitionScope, Provision, Span } from './types.js';
import type { Unit } from './subdivisions.js';
import type { TreeBuilder } from './tree.js';
import { firstFrom, type Found } from './scans.js';
import { isSpaceCode, lastNonSpace } from './search.js';

const QUOTED = new RegExp(
  String.raw`[ \t]*(?:(?:and|or)\s+)?(?<lead>(?:in|for (?:the )?purposes of|as used in)\s+this\s+[\p{L}]+(?:\s+[\p{L}]+){0,6}?\s*[,—–:-]+\s*)?` +
    String.raw`(?<termWord>the\s+(?:terms?|expressions?|words?)\s+)?` +
    String.raw`(?<open>["“‘«„']|\*\*|__|\*|_)[ \t]?(?<term>[^"“”‘’«»„*_\n\r;:]{1,150}?)[ \t]?(?:["”’»“']|\*\*|__|\*|_)` +
    String.raw`(?:[ \t]*\([^)\n]{0,80}\))?(?:,?[ \t]+[^;\n"“”]{0,200}?,)?\s+` +
    String.raw`(?<verb>means|shall mean|includes|shall include|refers to|has the (?:same )?meaning)\b`,
  'iuyd',
);
const BARE = new RegExp(
  String.raw`[ \t]*(?:(?:and|or)\s+)?(?<termWord>the\s+(?:term|expression)\s+)?(?<term>\p{L}[\p{L}\p{N}'’ -]{0,80}?)\s+(?<verb>means|includes|has the (?:same )?meaning)\b`,
  'iuyd',
);
const COLON = new RegExp(
  String.raw`[ \t]*(?:\*\*|__|\*|_|["“«])?(?<term>\p{L}[^:\n\r;*_"”»]{0,80}?)(?:\*\*|__|\*|_|["”»])?[ \t]*:[ \t]+(?=\S)`,
  'iuyd',
);
const QUOTE_CHARS = /[“«‘"]/g;
const NOT_A_TERM = /^(?:in|for|this|the following|a|an|any|it|nothing|no|where|if|when|penalty|note|example|explanation|illustrations?|see|provided|subject)\b/i;
const SCOPE = /\b(?:in|for (?:the )?purposes of|as used in|within the meaning of)\s+this\s+(act|law|code|regulations?|part|section|article|chapter|division|subdivision|subsection|paragraph|schedule|title|subpart|subchapter|annex)\b/i;
const DEF_HEADING = /\b(?:definitions?|interpretation|meaning of|terms used|glossary|defined terms)\b/i;
const DEF_LEAD = /(?:definitions apply|following (?:terms|definitions|expressions)|(?:in|for (?:the )?purposes of|as used in)\s+this\s+\p{L}+[^.;]{0,60}[—–:-]|the term)\s*$/iu;

/**
 * Whether the lead-in text can end as DEF_LEAD does ("…apply", "…terms", "…—", "the term"): its last
 * character that is not blank. Spares the (Unicode, case-insensitive) search in almost every provision.
 */
function mayEndInDefLead(plain: string, first: Span): boolean {
  const k = lastNonSpace(plain, first.start, Math.min(first.end, first.start + 300));
  return k >= first.start && /[ysmSYMſ—–:-]/.test(plain[k]!);
}

/**
 * Where a defining verb may be: every form QUOTED and BARE end in contains one of these ("include"
 * only as "include" or "includes": "including", common in statutes, defines nothing). Searched in
 * the text (not `plain`: the forms match the text) once per bill, or per piece in the language server;
 * a unit without one can only hold a COLON definition, which needs a definitions context.
 */
const VERB_HINT = /mean|include(?![a-rt-z])|refer[sſ] to/gi;

/** The places VERB_HINT matches in `text` within `span` (offsets into `text`). */
export function findVerbHints(text: string, span: Span): Found[] {
  const out: Found[] = [];
  VERB_HINT.lastIndex = span.start;
  let m: RegExpExecArray | null;
  while ((m = VERB_HINT.exec(text)) !== null && m.index < span.end) {
    if (m.index + m[0].length <= span.end) out.push({ span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}

/** `verbHints`: findVerbHints over the whole text (the language server passes them from its piece cache). */
export function findDefinitions(text: string, plain: string, units: Unit[], unitProvisions: readonly Provision[], builder: TreeBuilder, verbHints: readonly Found[] = findVerbHints(text, { start: 0, end: text.length })): Definition[] {
  const out: Definition[] = [];
  /** Whether a verb hint lies wholly within [start, end): the first hint from `start`, by binary search. */
  const hasVerb = (start: number, end: number): boolean => {
    const first = firstFrom(verbHints, start);
    return first < verbHints.length && verbHints[first]!.span.end <= end;
  };
  const counts = new Map<string, number>();
  const contextMemo = new Map<Provision, boolean>();
  const isDefContext = (p: Provision | undefined): boolean => {
    let cur = p;
    const seen: Provision[] = [];
    let result = false;
    while (cur && cur.kind !== 'document') {
      const memo = contextMemo.get(cur);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      seen.push(cur);
      if ((cur.heading && DEF_HEADING.test(cur.heading)) || (cur.kind === 'heading' && DEF_HEADING.test(cur.label))) {
        result = true;
        break;
      }
      const first = cur.ownSpans[0];
      if (first && mayEndInDefLead(plain, first) && DEF_LEAD.test(plain.slice(Math.max(first.start, Math.min(first.end, first.start + 300) - 90), Math.min(first.end, first.start + 300)))) {
        result = true;
        break;
      }
      cur = builder.parentOf(cur);
    }
    for (const s of seen) contextMemo.set(s, result);
    return result;
  };

  const push = (unit: Unit, provision: Provision, form: DefinitionForm, span: Span, termSpan: Span, bodySpan: Span): void => {
    const term = text.slice(termSpan.start, termSpan.end).replace(/\s+/g, ' ').trim();
    const normalizedTerm = normaliseTerm(term);
    if (!normalizedTerm) return;
    const n = (counts.get(normalizedTerm) ?? 0) + 1;
    counts.set(normalizedTerm, n);
    out.push({
      id: n === 1 ? `def:${normalizedTerm}` : `def:${normalizedTerm}:${n}`,
      term,
      normalizedTerm,
      form,
      provisionId: provision.id,
      scope: scopeOf(plain, provision, builder, unit.text.start, span.start),
      span,
      termSpan,
      bodySpan,
    });
  };

  for (const [index, unit] of units.entries()) {
    const provision = unitProvisions[index] ?? builder.root;
    if (unit.kind === 'table' && unit.table) {
      if (isDefContext(provision) || isDefinitionTableHeader(plain, unit.table.children[0]?.children[0])) {
        for (const row of unit.table.children.slice(1)) {
          const termSpan = cellSpan(plain, row.children[0]);
          const bodySpan = cellSpan(plain, row.children[1]);
          if (!termSpan || !bodySpan) continue;
          const rowStart = row.position?.start.offset ?? termSpan.start;
          push(unit, provision, 'table', { start: Math.min(rowStart, termSpan.start), end: bodySpan.end }, termSpan, bodySpan);
        }
      }
      continue;
    }
    if (unit.kind !== 'text' || unit.text.end <= unit.text.start) continue;
    const { start, end } = unit.text;
    if (!hasVerb(start, end) && !isDefContext(provision)) continue;
    // Candidate starts: the unit start, after each ";", and at an opening quote after ",", "—" or ":".
    const candidates: number[] = [start];
    // Within the unit's own words: a search of the text would run on to the next ";" however far past it.
    const words = text.slice(start, end);
    for (let semi = words.indexOf(';'); semi !== -1; semi = words.indexOf(';', semi + 1)) candidates.push(start + semi + 1);
    const head = text.slice(start + 1, Math.min(end, start + 300));
    QUOTE_CHARS.lastIndex = 0;
    let q: RegExpExecArray | null;
    while ((q = QUOTE_CHARS.exec(head)) !== null) {
      const i = start + 1 + q.index;
      {
        let k = i - 1;
        while (k > start && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
        if (/[,—–:(]/.test(text[k] as string)) candidates.push(i);
      }
    }
    candidates.sort((a, b) => a - b);
    const found: Array<{ at: number; m: RegExpExecArray; form: DefinitionForm | 'colon' }> = [];
    const ctx = isDefContext(provision);
    let lastEnd = -1;
    for (const at of candidates) {
      if (at < lastEnd) continue;
      let m = exec(QUOTED, text, at, end);
      let form: DefinitionForm | undefined = m ? formOf(m.groups?.verb) : undefined;
      if (!m && ctx && (at === start || text.charCodeAt(at - 1) === 59)) {
        m = exec(BARE, text, at, end);
        if (m && (NOT_A_TERM.test(m.groups?.term ?? '') || (m.groups?.term ?? '').trim().split(/\s+/).length > 8)) m = null;
        form = m ? formOf(m.groups?.verb) : undefined;
        if (!m && at === start) {
          m = exec(COLON, text, at, end);
          const term = m?.groups?.term ?? '';
          if (m && (NOT_A_TERM.test(term) || term.trim().split(/\s+/).length > 8 || /\b(?:means|includes)\b/i.test(term))) m = null;
          form = m ? 'colon' : undefined;
        }
      }
      if (m && form) {
        found.push({ at, m, form });
        lastEnd = m.index + m[0].length;
      }
    }
    for (let k = 0; k < found.length; k++) {
      const { m, form } = found[k] as (typeof found)[number];
      const idx = m.indices as RegExpIndicesArray;
      const termIdx = idx.groups?.term as [number, number];
      const termSpan = trimSpan(text, termIdx[0], termIdx[1]);
      const open = idx.groups?.open ?? idx.groups?.termWord;
      const defStart = idx.groups?.termWord ? (idx.groups.termWord as [number, number])[0] : open ? open[0] : termSpan.start;
      let bodyStart = m.index + m[0].length;
      while (bodyStart < end && isSpaceCode(text.charCodeAt(bodyStart))) bodyStart++;
      let bodyEnd = k + 1 < found.length ? (found[k + 1] as (typeof found)[number]).at - (text.charCodeAt((found[k + 1] as (typeof found)[number]).at - 1) === 59 ? 1 : 0) : end;
      if (k + 1 === found.length) bodyEnd = extendOverChildren(plain, unit, provision, builder, bodyEnd);
      const body = trimBody(text, bodyStart, Math.max(bodyStart, bodyEnd));
      push(unit, provision, form, { start: defStart, end: Math.max(body.end, termSpan.end) }, termSpan, body);
    }
  }
  return out;
}

function exec(re: RegExp, text: string, at: number, end: number): RegExpExecArray | null {
  re.lastIndex = at;
  const m = re.exec(text);
  if (!m || m.index + m[0].length > end) return null;
  return m;
}

function formOf(verb: string | undefined): DefinitionForm {
  const v = (verb ?? '').toLowerCase();
  if (v.includes('includ')) return 'includes';
  if (v.startsWith('has')) return 'has-meaning';
  return 'means';
}

export function normaliseTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(/[“”„«»"]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

/** Body without trailing blanks, ";", "," , "." and a final "and"/"or". */
function trimBody(text: string, start: number, end: number): Span {
  let e = end;
  for (;;) {
    const before = e;
    while (e > start && /[\s;,.]/.test(text[e - 1] as string)) e--;
    const tail = text.slice(Math.max(start, e - 4), e);
    const m = /(?:^|\s)(?:and|or)$/.exec(tail);
    if (m && text.slice(start, e).trim().length > 3) e -= m[0].trimStart().length;
    if (e === before) break;
  }
  return { start, end: Math.max(start, e) };
}

/** A definition ending in a lead-in ("means any representation … of—") continues into the paragraphs below it. */
function extendOverChildren(plain: string, unit: Unit, p: Provision, builder: TreeBuilder, end: number): number {
  if (p.childIds.length === 0) return end;
  const tail = plain.slice(Math.max(unit.text.start, end - 12), end).trimEnd();
  // A complete definition ends with "." or ";"; anything else continues into the subdivisions below.
  if (tail === '' ? false : /[.;]$/.test(tail)) return end;
  const nextOwn = p.ownSpans.find((s) => s.start >= end);
  let result = end;
  for (const id of p.childIds) {
    const child = builder.byId.get(id);
    if (!child || child.span.start < end) continue;
    if (nextOwn && child.span.start >= nextOwn.start) break;
    result = child.span.end;
  }
  return result;
}

function scopeOf(plain: string, provision: Provision, builder: TreeBuilder, unitStart: number, defStart: number): DefinitionScope {
  let m = SCOPE.exec(plain.slice(unitStart, Math.max(unitStart, defStart)));
  let cur: Provision | undefined = provision;
  while (!m && cur && cur.kind !== 'document') {
    const first = cur.ownSpans[0];
    if (first) m = SCOPE.exec(plain.slice(first.start, Math.min(first.end, first.start + 300)));
    if (m || cur.kind === 'section' || cur.kind === 'article') break;
    cur = builder.parentOf(cur);
  }
  if (!m) return { kind: 'act' };
  const word = (m[1] as string).toLowerCase();
  const kinds: Record<string, string[]> = {
    part: ['part'], subpart: ['subpart'], section: ['section', 'article'], article: ['article', 'section'], chapter: ['chapter'],
    subchapter: ['chapter'], division: ['division'], subdivision: ['division'], schedule: ['schedule'], annex: ['schedule'], title: ['title'],
  };
  const wanted = kinds[word];
  if (word === 'subsection' || word === 'paragraph') {
    // The subdivision itself (for "In this subsection") or the innermost one.
    let p: Provision | undefined = provision;
    while (p && p.kind === 'subdivision') {
      const parent = builder.parentOf(p);
      if (word === 'paragraph' || !parent || parent.kind !== 'subdivision') return { kind: 'provision', provisionId: p.id };
      p = parent;
    }
    return { kind: 'act' };
  }
  if (!wanted) return { kind: 'act' };
  for (let p: Provision | undefined = provision; p && p.kind !== 'document'; p = builder.parentOf(p)) {
    if (wanted.includes(p.kind)) return { kind: 'provision', provisionId: p.id };
  }
  return { kind: 'act' };
}

function isDefinitionTableHeader(plain: string, cell: TableCell | undefined): boolean {
  const s = cellSpan(plain, cell);
  return s !== undefined && /^(?:defined\s+)?(?:terms?|words?|expressions?)$/i.test(plain.slice(s.start, s.end));
}

function cellSpan(plain: string, cell: TableCell | undefined): Span | undefined {
  const start = cell?.position?.start.offset;
  const end = cell?.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  let s = start;
  let e = end;
  while (s < e && /[\s|]/.test(plain[s] as string)) s++;
  while (e > s && /[\s|]/.test(plain[e - 1] as string)) e--;
  return e > s ? { start: s, end: e } : undefined;
}
