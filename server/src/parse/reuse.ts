/**
 * Moving what the last check of a document found, instead of finding it again, when a keystroke left
 * alone everything it depends on. Here: what an edit did to offsets (`Shift`), and whether two
 * provision trees are the same but for the edit (`compareTrees`). Used for cross-references (their
 * targets depend on the tree, references.ts) and for numbering findings (hygiene/reuse.ts).
 *
 * Conservative by construction: a span that touches the edit (even only at its edge: "(3)" typed into
 * "x(3)") counts as changed, and then everything is found again.
 */
import type { TextEdit } from './chunks.js';
import type { Provision, Span } from './types.js';

/** [start, oldEnd) of the old text was replaced, and what followed it moved by `delta`. */
export interface Shift {
  start: number;
  oldEnd: number;
  delta: number;
}

/** What `edit` did to offsets, if it led from `lastText` (what was kept) to `text` (what is checked now). */
export function shiftSince(edit: TextEdit | undefined, lastText: string, text: string): Shift | undefined {
  if (!edit || edit.before !== lastText || edit.after !== text) return undefined;
  return { start: edit.prefix, oldEnd: edit.before.length - edit.suffix, delta: edit.after.length - edit.before.length };
}

/** Where an offset of the old text is in the new one; undefined if the edit touched it. */
export function movedOffset(at: number, s: Shift): number | undefined {
  if (at < s.start) return at;
  if (at > s.oldEnd) return at + s.delta;
  return undefined;
}

/** Where a span of the old text starts in the new one; undefined if the edit touched it. */
export function movedStart(span: Span, s: Shift): number | undefined {
  if (span.end < s.start) return span.start;
  if (span.start > s.oldEnd) return span.start + s.delta;
  return undefined;
}

export function moved(span: Span, s: Shift): Span | undefined {
  const start = movedStart(span, s);
  return start === undefined ? undefined : { start, end: start + span.end - span.start };
}

/**
 * The tree a check read against the one the last check read, when an edit led from that text to
 * this one. `heads`: the same provisions in the same order with the same numbering facts and
 * parents, every head line or number token untouched by the edit and moved by it exactly. `extents`:
 * that, and every provision's extent moved by the edit too (a provision may contain the edit: its
 * start stays, its end moves). Compared once per check (parse/index.ts) and read by every layer that
 * moves what it kept: references (extents), numbering findings (heads).
 */
export interface TreeChange {
  before: readonly Provision[];
  after: readonly Provision[];
  shift: Shift;
  heads: boolean;
  extents: boolean;
}

export function compareTrees(before: readonly Provision[], after: readonly Provision[], shift: Shift): TreeChange {
  const change: TreeChange = { before, after, shift, heads: false, extents: false };
  if (before.length !== after.length) return change;
  // The document's label may come from the front matter's title, which is no provision's head.
  if (before.length > 0 && before[0]!.label !== after[0]!.label) return change;
  let extents = true;
  for (let i = 0; i < before.length; i++) {
    const o = before[i]!;
    const n = after[i]!;
    const at = movedStart(o.headSpan, shift);
    if (at === undefined || n.headSpan.start !== at || n.headSpan.end - n.headSpan.start !== o.headSpan.end - o.headSpan.start) return change;
    // Labels are not compared: a label is made from the head's words and the parent's label, the same
    // here when the heads are untouched and the parents the same (comparing them cost a keystroke more
    // than the rest of this loop: they are long chains of joined strings).
    if (o.kind !== n.kind || o.number !== n.number || o.parentId !== n.parentId || o.id !== n.id) return change;
    if (o.scheme !== n.scheme || o.style !== n.style || o.childIds.length !== n.childIds.length) return change;
    if (extents && (movedOffset(o.span.start, shift) !== n.span.start || movedOffset(o.span.end, shift) !== n.span.end)) extents = false;
  }
  change.heads = true;
  change.extents = extents;
  return change;
}
