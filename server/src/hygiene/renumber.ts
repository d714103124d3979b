/**
 * The "renumber this level" quick-fix: new numbers in document order (keeping inserted numbers as
 * insertions: 4, 6, 6A, 7 → 4, 5, 5A, 6), the references into the level rewritten (rewrite.ts), and
 * then proof: the edited bill is parsed again and every reference must resolve to the same provisions
 * as before (by position, not by number), and no reference that pointed nowhere may start pointing
 * somewhere. A fix that fails the proof is not offered.
 */
import { parseBill } from '../parse/index.js';
import type { Bill, NumberingScheme, Provision } from '../parse/types.js';
import { formatNum, type Level, type Num } from './levels.js';
import { numberSpan, type NumberingFixes } from './numbering.js';
import type { Tree } from './references.js';
import { referenceGroups, rewriteReferences, type NewStructure } from './rewrite.js';
import type { HygieneEdit, HygieneFix } from './types.js';

function insertionSuffix(original: string, k: number): string | undefined {
  if (/^[.-]/.test(original)) return `${original[0]}${k}`;
  if (/^\d+$/.test(original)) return String(k);
  if (k < 1 || k > 26) return undefined;
  const letter = String.fromCharCode(64 + k);
  return original === original.toLowerCase() ? letter.toLowerCase() : letter;
}

/** New numbers for a sequence; only the ones that change are returned. */
export function sequenceNumbers(members: readonly Provision[], nums: readonly Num[], scheme: NumberingScheme, subdivision: boolean): Map<Provision, string> | undefined {
  const out = new Map<Provision, string>();
  let base = subdivision ? 0 : Math.max(1, Math.min(...nums.map((n) => n.base))) - 1;
  let inserted = 0;
  for (let i = 0; i < members.length; i++) {
    const p = members[i] as Provision;
    const num = nums[i] as Num;
    let next: Num;
    if (i > 0 && num.suffix !== '') {
      const suffix = insertionSuffix(num.suffix, ++inserted);
      if (suffix === undefined) return undefined;
      next = { base, suffix, scheme };
    } else {
      base++;
      inserted = 0;
      next = { base, suffix: '', scheme };
    }
    const text = formatNum(next);
    if (text === undefined) return undefined;
    if (text !== p.number) out.set(p, text);
  }
  return out;
}

export function applyEdits(text: string, edits: readonly HygieneEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    out += text.slice(cursor, e.span.start) + e.newText;
    cursor = e.span.end;
  }
  return out + text.slice(cursor);
}

function overlapping(edits: readonly HygieneEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < sorted.length; i++) if ((sorted[i] as HygieneEdit).span.start < (sorted[i - 1] as HygieneEdit).span.end) return true;
  return false;
}

/** Old offset → new offset, for offsets outside the edited spans. */
function offsetMapper(edits: readonly HygieneEdit[]): (offset: number) => number {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const ends: number[] = [];
  const deltas: number[] = [];
  let delta = 0;
  for (const e of sorted) {
    delta += e.newText.length - (e.span.end - e.span.start);
    ends.push(e.span.end);
    deltas.push(delta);
  }
  return (offset) => {
    let lo = 0;
    let hi = ends.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((ends[mid] as number) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return offset + (found >= 0 ? (deltas[found] as number) : 0);
  };
}

/**
 * Every reference of the old bill, read again in the new one, resolves to the same provisions (as
 * many times); no new reference resolves anywhere.
 */
export function keepsReferences(bill: Bill, edits: readonly HygieneEdit[]): boolean {
  const after = parseBill(applyEdits(bill.text, edits), bill.uri);
  const map = offsetMapper(edits);
  const byHead = new Map<number, Provision>();
  for (const p of after.provisions) if (p.kind !== 'document' && !byHead.has(p.headSpan.start)) byHead.set(p.headSpan.start, p);
  const same = (id: string): string | undefined => {
    const p = bill.byId.get(id);
    if (!p) return undefined;
    if (p.kind === 'document') return after.root.id;
    return byHead.get(map(p.headSpan.start))?.id;
  };
  const fresh = [...after.references].sort((a, b) => a.span.start - b.span.start);
  const covered = new Set<number>();
  let cursor = 0;
  for (const group of referenceGroups(bill)) {
    const start = map(Math.min(...group.map((r) => r.span.start)));
    const end = map(Math.max(...group.map((r) => r.span.end)));
    // Compared as multisets: "section 2" that named two provisions may become "sections 2 and 3",
    // but two references that each name one provision must not come to name both.
    const want: string[] = [];
    for (const r of group) {
      if (r.external) continue;
      for (const id of r.targetIds) {
        const mapped = same(id);
        if (mapped === undefined) return false;
        want.push(mapped);
      }
    }
    while (cursor < fresh.length && (fresh[cursor] as (typeof fresh)[number]).span.start < start) cursor++;
    const got: string[] = [];
    for (let k = cursor; k < fresh.length && (fresh[k] as (typeof fresh)[number]).span.start < end; k++) {
      const r = fresh[k] as (typeof fresh)[number];
      covered.add(k);
      if (!r.external) got.push(...r.targetIds);
    }
    if (want.sort().join('\u0000') !== got.sort().join('\u0000')) return false;
  }
  return fresh.every((r, k) => covered.has(k) || r.external || r.targetIds.length === 0);
}

function draft(bill: Bill, tree: Tree, numbers: Map<Provision, string>, parents: Map<Provision, Provision>, title: string): HygieneFix | undefined {
  if (numbers.size === 0 && parents.size === 0) return undefined;
  const edits: HygieneEdit[] = [];
  for (const [p, text] of numbers) {
    const span = numberSpan(bill, p);
    if (span === p.headSpan && p.kind !== 'subdivision') return undefined;
    edits.push({ span, newText: text });
  }
  const changedCache = new Map<Provision, boolean>();
  const ns: NewStructure = {
    number: (p) => numbers.get(p) ?? p.number,
    parent: (p) => parents.get(p) ?? tree.parent(p),
    changed(p) {
      const known = changedCache.get(p);
      if (known !== undefined) return known;
      const parent = tree.parent(p);
      const value = numbers.has(p) || parents.has(p) || (parent !== undefined && ns.changed(parent));
      changedCache.set(p, value);
      return value;
    },
  };
  const references = rewriteReferences(bill, tree, ns);
  if (!references) return undefined;
  edits.push(...references);
  if (overlapping(edits) || !keepsReferences(bill, edits)) return undefined;
  const n = references.length;
  return { title: n > 0 ? `${title} and update the references to it (${n} edit${n === 1 ? '' : 's'})` : title, edits, preferred: true };
}

export function numberingFixes(bill: Bill, tree: Tree): NumberingFixes {
  return {
    renumber(level: Level) {
      const numbers = sequenceNumbers(level.members, level.nums, level.scheme, level.subdivision);
      return numbers ? draft(bill, tree, numbers, new Map(), `Renumber ${level.name}`) : undefined;
    },
    lift(parentLevel: Level, parent: Provision, moved: Level) {
      const at = parentLevel.members.indexOf(parent);
      if (at < 0) return undefined;
      const members = [...parentLevel.members.slice(0, at + 1), ...moved.members, ...parentLevel.members.slice(at + 1)];
      const plain = (n: Num): Num => ({ ...n, suffix: '', scheme: parentLevel.scheme });
      const nums = [...parentLevel.nums.slice(0, at + 1), ...moved.nums.map(plain), ...parentLevel.nums.slice(at + 1)];
      const numbers = sequenceNumbers(members, nums, parentLevel.scheme, true);
      const grand = tree.parent(parent);
      if (!numbers || !grand) return undefined;
      const parents = new Map<Provision, Provision>(moved.members.map((m) => [m, grand]));
      return draft(bill, tree, numbers, parents, `Number ${moved.members.map((m) => `(${m.number})`).join(', ')} as part of ${parentLevel.name}`);
    },
  };
}
