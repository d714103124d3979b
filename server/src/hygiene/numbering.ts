/**
 * Numbering checked level by level: duplicates, gaps, numbers out of order, mixed schemes, and a
 * lone "(1)". Inserted numbers (8A between 8 and 9, 4.1 after 4) are ordinary drafting practice and
 * never a gap. Every defect in a level offers one quick-fix, "renumber the level", drafted by
 * renumber.ts, which also rewrites the references into the level and proves them unchanged.
 */
import type { Bill, Provision, Span } from '../parse/types.js';
import { compareNum, formatNum, numOf, type Level, type Num } from './levels.js';
import type { Tree } from './references.js';
import type { HygieneFinding, HygieneFix } from './types.js';

/** Where the number is written: "3" in "(3)", "5" in "## 5. Dealing in …". */
export function numberSpan(bill: Bill, p: Provision): Span {
  const number = p.number ?? '';
  if (number) {
    const head = bill.text.slice(p.headSpan.start, p.headSpan.end);
    const lower = head.toLowerCase();
    const wanted = number.toLowerCase();
    // The first whole-token occurrence (not the "1" of "11" or of "Part 1A").
    for (let i = lower.indexOf(wanted); i !== -1; i = lower.indexOf(wanted, i + 1)) {
      if (!isAlnum(head.charCodeAt(i - 1)) && !isAlnum(head.charCodeAt(i + wanted.length))) return { start: p.headSpan.start + i, end: p.headSpan.start + i + wanted.length };
    }
  }
  return p.headSpan;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}

function show(level: Level, p: Provision): string {
  return level.subdivision ? `(${p.number})` : (p.label || String(p.number));
}

function expected(level: Level, num: Num): string {
  const text = formatNum({ ...num, scheme: level.scheme });
  return text === undefined ? String(num.base) : level.subdivision ? `(${text})` : text;
}

export interface NumberingFixes {
  /** Renumber a level (and the references into it); undefined when it cannot be done safely. */
  renumber(level: Level): HygieneFix | undefined;
  /** Move a mis-schemed child level up beside its parent ("(a), (b), (iii)" → "(c)"). */
  lift(parentLevel: Level, parent: Provision, moved: Level): HygieneFix | undefined;
}

export function checkNumbering(bill: Bill, tree: Tree, levels: readonly Level[], fixes: NumberingFixes, out: HygieneFinding[]): void {
  const levelOf = new Map<Provision, Level>();
  for (const level of levels) for (const m of level.members) levelOf.set(m, level);
  for (const level of levels) {
    let memo: HygieneFix[] | undefined;
    const renumber = (): HygieneFix[] => (memo ??= [fixes.renumber(level)].filter((f): f is HygieneFix => f !== undefined));
    const push = (code: HygieneFinding['code'], p: Provision, message: string, related?: Provision): void => {
      out.push({
        code,
        span: numberSpan(bill, p),
        message,
        ...(related ? { related: [{ span: numberSpan(bill, related), message: `${show(level, related)} is here` }] } : {}),
        fixes: renumber,
        ...(code === 'drafting/duplicate-number' ? { supersedes: p.headSpan } : {}),
      });
    };
    const lifted = liftCandidate(tree, level, levelOf);
    if (lifted) {
      const { parent, parentLevel } = lifted;
      const first = level.members[0] as Provision;
      const parentNum = numOf(parent) as Num;
      out.push({
        code: 'drafting/mixed-numbering',
        span: numberSpan(bill, first),
        message: `(${first.number}) follows ${show(parentLevel, parent)} but is numbered in another scheme: if it continues that list it should be ${expected(parentLevel, { base: parentNum.base + 1, suffix: '', scheme: parentLevel.scheme })}; if it opens a new level it should start at ${expected(level, { base: 1, suffix: '', scheme: level.scheme })}`,
        fixes: () => [fixes.lift(parentLevel, parent, level)].filter((f): f is HygieneFix => f !== undefined),
      });
    }
    const seen = new Map<string, Provision>();
    // A number missing at its place but present later is an ordering defect, not a gap.
    const bases = new Set(level.nums.map((n) => n.base));
    let max: { num: Num; p: Provision } | undefined;
    level.members.forEach((p, i) => {
      const num = level.nums[i] as Num;
      if (num.scheme !== level.scheme && level.members.length > 1) {
        push('drafting/mixed-numbering', p, `${show(level, p)} is numbered in a different scheme from the rest of ${level.name}: expected ${expected(level, { base: i + 1, suffix: '', scheme: level.scheme })}`);
      }
      const key = `${num.base}|${num.suffix.toLowerCase()}`;
      const twin = seen.get(key);
      if (twin) {
        push('drafting/duplicate-number', p, `${show(level, p)} is numbered the same as an earlier provision of ${level.name}: references to it are ambiguous`, twin);
        return;
      }
      seen.set(key, p);
      if (max && compareNum(num, max.num) < 0) {
        push('drafting/numbering-order', p, `${show(level, p)} comes after ${show(level, max.p)}: ${level.name} are out of order`, max.p);
        return;
      }
      if (max && num.base > max.num.base + (num.suffix === '' ? 1 : 0) && !bases.has(max.num.base + 1)) {
        const missing = expected(level, { base: max.num.base + 1, suffix: '', scheme: num.scheme });
        push('drafting/numbering-gap', p, `${show(level, p)} follows ${show(level, max.p)}: ${missing} is missing from ${level.name}`, max.p);
      } else if (!max && level.subdivision && num.base !== 1 && !lifted) {
        push('drafting/numbering-gap', p, `${show(level, p)} opens ${level.name} but there is no ${expected(level, { base: 1, suffix: '', scheme: num.scheme })} before it`);
      }
      max = { num, p };
    });
    const only = level.members[0] as Provision;
    const onlyNum = level.nums[0] as Num;
    if (level.subdivision && level.members.length === 1 && onlyNum.base === 1 && onlyNum.suffix === '') {
      const parent = only.parentId !== undefined ? bill.byId.get(only.parentId) : undefined;
      out.push({
        code: 'drafting/lone-subdivision',
        span: numberSpan(bill, only),
        message: `${parent && parent.kind !== 'document' ? parent.label : 'This provision'} has a (${only.number}) but no ${expected(level, { base: 2, suffix: '', scheme: level.scheme })}: a provision with one subdivision is not usually numbered`,
      });
    }
  }
}

/**
 * "(a) … (b) … (iii)": the parser, which cannot know better, opens a roman level under (b) starting
 * at iii. When a child level starts exactly where the parent's next sibling would be, in another
 * scheme, it is almost certainly a mis-numbered sibling.
 */
function liftCandidate(tree: Tree, level: Level, levelOf: ReadonlyMap<Provision, Level>): { parent: Provision; parentLevel: Level } | undefined {
  if (!level.subdivision) return undefined;
  const first = level.members[0] as Provision;
  const num = level.nums[0] as Num;
  if (num.base === 1 || num.suffix !== '') return undefined;
  const parent = tree.parent(first);
  if (!parent || parent.kind !== 'subdivision') return undefined;
  const parentLevel = levelOf.get(parent);
  const parentNum = numOf(parent);
  if (!parentLevel || !parentNum || parentNum.scheme === num.scheme || num.base !== parentNum.base + 1) return undefined;
  if (parent.childIds.length !== level.members.length) return undefined;
  return { parent, parentLevel };
}
