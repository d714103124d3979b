/**
 * Numbering levels: the runs of provisions that are numbered as one sequence. Subdivisions are
 * numbered per parent; Parts, Chapters and the like per parent; sections and articles either
 * straight through the bill (Westminster and civil-law bills: section 9 opens Part 3 after section 8
 * closed Part 2) or afresh per division (US Code chapters: §10101 after §5105) — which of the two a
 * bill does is read from the bill itself, so a chapter-based jump is not taken for a gap.
 */
import type { Bill, NumberingScheme, Provision } from '../parse/types.js';
import { romanValue, toRoman } from '../parse/numbering.js';

export interface Num {
  base: number;
  /** Insertion suffix: "A" of 8A, ".1" of 4.1; "" for a plain number. */
  suffix: string;
  scheme: NumberingScheme;
}

export interface Level {
  /** The provisions numbered as one sequence, in document order. */
  members: Provision[];
  nums: Num[];
  /** The scheme most members use. */
  scheme: NumberingScheme;
  subdivision: boolean;
  /** "the subdivisions of Section 4(1)", "the sections of the bill". */
  name: string;
}

/** The number of a provision in its scheme, or undefined if it cannot be read as one. */
export function numOf(p: Provision): Num | undefined {
  const n = p.number;
  if (n === undefined) return undefined;
  if (p.kind === 'subdivision') {
    const scheme = p.scheme ?? 'none';
    let m: RegExpExecArray | null;
    switch (scheme) {
      case 'arabic':
        m = /^(\d{1,5})((?:[A-Z]{1,2})|(?:\.\d{1,3}))?$/.exec(n);
        return m ? { base: Number(m[1]), suffix: m[2] ?? '', scheme } : undefined;
      case 'lower-alpha':
      case 'upper-alpha':
        m = /^([a-zA-Z])(\d{1,2})?$/.exec(n);
        return m ? { base: (m[1] as string).toLowerCase().charCodeAt(0) - 96, suffix: m[2] ?? '', scheme } : undefined;
      case 'lower-roman':
      case 'upper-roman': {
        const v = romanValue(n);
        return v !== undefined ? { base: v, suffix: '', scheme } : undefined;
      }
      case 'double-lower-alpha':
        return /^([a-z])\1$/.test(n) ? { base: n.charCodeAt(0) - 96, suffix: '', scheme } : undefined;
      default:
        return undefined;
    }
  }
  let m = /^(\d{1,6})([A-Za-z]{1,3}|[.-]\d{1,4}[A-Za-z]?)?$/.exec(n);
  if (m) return { base: Number(m[1]), suffix: m[2] ?? '', scheme: 'arabic' };
  const roman = /^[IVXLCDM]+$/.test(n) ? romanValue(n) : undefined;
  if (roman !== undefined && n.length > 1) return { base: roman, suffix: '', scheme: 'upper-roman' };
  m = /^([A-Za-z])$/.exec(n);
  if (m) return { base: n.toLowerCase().charCodeAt(0) - 96, suffix: '', scheme: n === n.toUpperCase() ? 'upper-alpha' : 'lower-alpha' };
  if (roman !== undefined) return { base: roman, suffix: '', scheme: 'upper-roman' };
  return undefined;
}

/** Suffix order: "" < "A" < "B" … < "Z" < "ZA"; ".1" < ".2" < ".10". */
export function compareNum(a: Num, b: Num): number {
  if (a.base !== b.base) return a.base - b.base;
  if (a.suffix === b.suffix) return 0;
  if (a.suffix === '') return -1;
  if (b.suffix === '') return 1;
  return a.suffix.localeCompare(b.suffix, 'en', { numeric: true, sensitivity: 'base' });
}

function letters(n: number): string | undefined {
  return n >= 1 && n <= 26 ? String.fromCharCode(96 + n) : undefined;
}

/** Writes a number in a scheme ("3" → "c", "iii", "C", "III"); undefined when the scheme cannot hold it. */
export function formatNum(num: Num): string | undefined {
  switch (num.scheme) {
    case 'arabic':
      return `${num.base}${num.suffix}`;
    case 'lower-alpha': {
      const l = letters(num.base);
      return l === undefined ? undefined : l + num.suffix;
    }
    case 'upper-alpha': {
      const l = letters(num.base);
      return l === undefined ? undefined : l.toUpperCase() + num.suffix;
    }
    case 'lower-roman':
      return num.suffix === '' && num.base >= 1 ? toRoman(num.base) : undefined;
    case 'upper-roman':
      return num.suffix === '' && num.base >= 1 ? toRoman(num.base).toUpperCase() : undefined;
    case 'double-lower-alpha': {
      const l = letters(num.base);
      return l === undefined || num.suffix !== '' ? undefined : l + l;
    }
    default:
      return undefined;
  }
}

function majority(nums: readonly Num[]): NumberingScheme {
  const counts = new Map<NumberingScheme, number>();
  for (const n of nums) counts.set(n.scheme, (counts.get(n.scheme) ?? 0) + 1);
  let best: NumberingScheme = nums[0]?.scheme ?? 'none';
  for (const [scheme, count] of counts) if (count > (counts.get(best) ?? 0)) best = scheme;
  return best;
}

function makeLevel(members: Provision[], subdivision: boolean, name: string): Level | undefined {
  const kept: Provision[] = [];
  const nums: Num[] = [];
  for (const p of members) {
    // Markdown list items are numbered by the renderer ("1." "1." "1." shows as 1, 2, 3).
    if (p.style === 'list') return undefined;
    const n = numOf(p);
    if (!n) return undefined;
    kept.push(p);
    nums.push(n);
  }
  if (kept.length === 0) return undefined;
  // "Part I" beside "Part II" is roman one, not the letter I.
  if (!subdivision && nums.some((n) => n.scheme === 'upper-roman')) {
    kept.forEach((p, i) => {
      const v = romanValue(p.number ?? '');
      if (v !== undefined && /^[IVXLCDM]$/.test(p.number ?? '')) nums[i] = { base: v, suffix: '', scheme: 'upper-roman' };
    });
  }
  return { members: kept, nums, scheme: majority(nums), subdivision, name };
}

const SECTIONAL = new Set(['section', 'article']);
const GROUPING = new Set(['title', 'part', 'chapter', 'division', 'subpart', 'schedule']);

export function buildLevels(bill: Bill): Level[] {
  const levels: Level[] = [];
  // Numbered children per parent and kind (keyed by the parent's id: no string built per provision).
  const byParentKind = new Map<string | undefined, Map<string, Provision[]>>();
  const sections: Provision[] = [];
  for (const p of bill.provisions) {
    if (p.number === undefined) continue;
    if (p.kind === 'subdivision' || GROUPING.has(p.kind)) {
      let kinds = byParentKind.get(p.parentId);
      if (!kinds) byParentKind.set(p.parentId, (kinds = new Map()));
      const list = kinds.get(p.kind);
      if (list) list.push(p);
      else kinds.set(p.kind, [p]);
    } else if (SECTIONAL.has(p.kind)) sections.push(p);
  }
  for (const list of [...byParentKind.values()].flatMap((kinds) => [...kinds.values()])) {
    const first = list[0] as Provision;
    const parent = first.parentId !== undefined ? bill.byId.get(first.parentId) : undefined;
    const sub = first.kind === 'subdivision';
    const owner = parent && parent.kind !== 'document' ? ` of ${parent.label}` : '';
    const level = makeLevel(list, sub, sub ? `the subdivisions${owner}` : `the ${first.kind}s${owner}`);
    if (level) levels.push(level);
  }
  for (const run of sectionRuns(sections)) {
    const first = run[0] as Provision;
    const parent = first.parentId !== undefined ? bill.byId.get(first.parentId) : undefined;
    const owner = run === sections || !parent || parent.kind === 'document' ? ' of the bill' : ` of ${parent.label}`;
    const level = makeLevel(run, false, `the ${first.kind}s${owner}`);
    if (level) levels.push(level);
  }
  return levels;
}

/**
 * Sections numbered straight through the bill form one level; numbered per division, one level per
 * division. The bill decides: at each change of division, does the next section continue the count?
 */
function sectionRuns(sections: Provision[]): Provision[][] {
  let continuing = 0;
  let other = 0;
  for (let i = 1; i < sections.length; i++) {
    const a = sections[i - 1] as Provision;
    const b = sections[i] as Provision;
    if (a.parentId === b.parentId) continue;
    const na = numOf(a);
    const nb = numOf(b);
    if (na && nb && nb.base === na.base + 1) continuing++;
    else other++;
  }
  if (continuing >= other || sections.length === 0) return sections.length > 0 ? [sections] : [];
  const runs: Provision[][] = [];
  for (const p of sections) {
    const last = runs[runs.length - 1];
    if (last && (last[0] as Provision).parentId === p.parentId) last.push(p);
    else runs.push([p]);
  }
  return runs;
}
