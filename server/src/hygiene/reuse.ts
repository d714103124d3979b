/**
 * Numbering findings kept from a document's last check and moved by the edit, when the edit left
 * alone everything they depend on. They depend on the provision tree alone (levels.ts, numbering.ts):
 * each provision's id, kind, number, scheme, style, label and parent, and the text of its head line
 * or number token (a label is made from the head's words and the parent's label). A keystroke in a
 * provision's words changes none of that, so on most keystrokes the findings are the last ones with
 * their spans moved; they are found again when the tree changed or the edit touched a head.
 * Quick-fixes are never moved: a kept finding drafts its fixes on demand by checking the numbering
 * of the bill it now belongs to (the old bill's text may differ anywhere).
 *
 * One of these is kept per document (per DocumentCache); tests hold its findings, fixes included,
 * equal to a check from scratch after every one of a run of random edits.
 */
import { moved, type Shift, type TreeChange } from '../parse/reuse.js';
import type { Bill, Provision } from '../parse/types.js';
import type { HygieneFinding } from './types.js';

/** A finding without its fixes (those belong to the bill it was found in), and whether it had any. */
interface Kept {
  finding: Omit<HygieneFinding, 'fixes'>;
  fixable: boolean;
}

export class NumberingReuse {
  private last: { text: string; provisions: readonly Provision[]; kept: Kept[] } | undefined;
  hits = 0;

  /** The numbering findings of `bill`: the last ones moved when `tree` (the parse's comparison) allows it, else `find()`. */
  findings(bill: Bill, tree: TreeChange | undefined, find: () => HygieneFinding[]): HygieneFinding[] {
    const last = this.last;
    if (last && tree?.heads && tree.before === last.provisions && tree.after === bill.provisions) {
      const kept = moveAll(last.kept, tree.shift);
      if (kept) {
        this.hits += 1;
        this.last = { text: bill.text, provisions: bill.provisions, kept };
        let found: HygieneFinding[] | undefined;
        // The same tree gives the same findings in the same order: the i-th found now is this one.
        const fixesOf = (k: Kept, i: number) => () => {
          found ??= find();
          const twin = found[i]?.code === k.finding.code && found[i]?.span.start === k.finding.span.start ? found[i] : found.find((f) => f.code === k.finding.code && f.span.start === k.finding.span.start);
          return twin?.fixes?.() ?? [];
        };
        return kept.map((k, i) => (k.fixable ? { ...k.finding, fixes: fixesOf(k, i) } : { ...k.finding }));
      }
    }
    const found = find();
    this.last = { text: bill.text, provisions: bill.provisions, kept: found.map(keep) };
    return found;
  }
}

function keep(f: HygieneFinding): Kept {
  const { fixes, ...finding } = f;
  return { finding, fixable: fixes !== undefined };
}

/** The kept findings moved by the edit; undefined if one of their spans was touched (then: find again). */
function moveAll(kept: readonly Kept[], s: Shift): Kept[] | undefined {
  const out: Kept[] = [];
  for (const { finding, fixable } of kept) {
    const span = moved(finding.span, s);
    if (!span) return undefined;
    const next: Omit<HygieneFinding, 'fixes'> = { ...finding, span };
    if (finding.related) {
      const related = [];
      for (const r of finding.related) {
        const at = moved(r.span, s);
        if (!at) return undefined;
        related.push({ ...r, span: at });
      }
      next.related = related;
    }
    if (finding.supersedes) {
      const supersedes = moved(finding.supersedes, s);
      if (!supersedes) return undefined;
      next.supersedes = supersedes;
    }
    out.push({ finding: next, fixable });
  }
  return out;
}
