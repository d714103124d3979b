// Numbering findings kept from the last check and moved by an edit (hygiene/reuse.ts): after every
// edit of a run of random ones, the findings (messages, related spans and the quick-fixes they draft)
// must be those a check from scratch finds, and most keystrokes must actually reuse them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHygiene, type HygieneFinding } from '../../server/src/hygiene/index.js';
import { NumberingReuse } from '../../server/src/hygiene/reuse.js';
import { DocumentCache, parseBill } from '../../server/src/parse/index.js';
import { SHARED } from '../helpers/catalogue.js';

const NUMBERING = new Set(['drafting/numbering-gap', 'drafting/numbering-order', 'drafting/duplicate-number', 'drafting/mixed-numbering', 'drafting/lone-subdivision']);

/** Everything a finding shows, its quick-fixes drafted. */
function shown(findings: readonly HygieneFinding[], withFixes: boolean) {
  return findings
    .filter((f) => NUMBERING.has(f.code))
    .map((f) => ({ code: f.code, span: f.span, message: f.message, related: f.related, supersedes: f.supersedes, fixes: withFixes ? f.fixes?.() : f.fixes !== undefined }));
}

// A bill with every numbering defect: a gap, a duplicate, numbers out of order, a mixed scheme, a lone (1).
const BILL = `# Numbering Bill

## 1. Definitions

(1) In this Act, "child" means a person under 18.

(3) A reference to section 4(2) is a reference to that subsection.

## 2. Offences

(1) A person commits an offence who—

(a) makes an image;

(b) keeps an image; or

(iii) shares an image.

(2) A person who is guilty of an offence under subsection (1) is liable to imprisonment.

(2) Section 3 applies.

## 4. Penalties

(1) The penalty is 10 years.

## 3. Forfeiture

(2) Anything used is forfeit.

(1) See section 2(1)(b).
`;

// Keystrokes and edits that leave the tree alone, and ones that change it (a new number, a head typed into).
const INSERTS = ['x', ' ', 'e', '\n', '(3) ', '(c) ', '\n(2) ', '\n## 7. Extra\n', '5', ')', '#'];
// Places spread over the text (without fast-check's bias towards the ends, which are heads here).
const edit = fc.record({ at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1e6), remove: fc.nat(3), insert: fc.constantFrom(...INSERTS) });

function run(start: string, edits: readonly { at: number; remove: number; insert: string }[], withFixes: (i: number) => boolean) {
  let text = start;
  const cache = new DocumentCache();
  const reuse = new NumberingReuse();
  const first = parseBill(text, 'file:///bill.md', { documentCache: cache });
  reuse.findings(first, cache.treeChange, () => numbering(first));
  for (const [i, e] of edits.entries()) {
    const at = Math.floor(e.at * text.length);
    text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
    const bill = parseBill(text, 'file:///bill.md', { documentCache: cache });
    const kept = reuse.findings(bill, cache.treeChange, () => numbering(bill));
    expect(shown(kept, withFixes(i)), `after edit ${i}`).toEqual(shown(numbering(parseBill(text, 'file:///bill.md')), withFixes(i)));
  }
  return reuse.hits;
}

function numbering(bill: ReturnType<typeof parseBill>): HygieneFinding[] {
  return checkHygiene(bill).findings.filter((f) => NUMBERING.has(f.code));
}

describe('numbering findings moved by an edit', () => {
  it('has every kind of numbering finding in the test bill', () => {
    expect(new Set(numbering(parseBill(BILL)).map((f) => f.code))).toEqual(NUMBERING);
  });

  it('after each of 300 random edits, equals a check from scratch (quick-fixes drafted after every fifth)', () => {
    const hits = run(BILL, fc.sample(edit, { numRuns: 300, seed: 20261123 }), (i) => i % 5 === 0);
    // Most of these edits leave the tree alone: the findings were moved, not found again.
    expect(hits).toBeGreaterThan(150);
    expect(hits).toBeLessThan(250);
  });

  it('after each of 60 keystrokes in a real statute (US Code Title 49), equals a check from scratch', () => {
    const title49 = readFileSync(path.join(SHARED, 'bench', 'usc-title-49.md'), 'utf8');
    const start = title49.indexOf('\n## ', 1_000_000) + 1;
    const text = title49.slice(start, title49.indexOf("\n## ", start + 20_000) + 1);
    expect(numbering(parseBill(text)).length).toBeGreaterThan(3);
    const hits = run(text, fc.sample(edit, { numRuns: 60, seed: 49 }), (i) => i % 30 === 0);
    expect(hits).toBeGreaterThan(25);
  });

  it('is used by a check through the document cache, and finds again when a keystroke changes a number', () => {
    const cache = new DocumentCache();
    const first = checkHygiene(parseBill(BILL, 'file:///bill.md', { documentCache: cache }), cache);
    const typed = BILL.replace('(iii) shares', '(iii) xshares');
    const second = checkHygiene(parseBill(typed, 'file:///bill.md', { documentCache: cache }), cache);
    const typedAt = BILL.indexOf('(iii) shares') + '(iii) '.length;
    const delta = (s: { start: number; end: number }) => (s.start >= typedAt ? 1 : 0);
    expect(shown(second.findings, true)).toEqual(shown(numbering(parseBill(typed, 'file:///bill.md')), true));
    expect(shown(second.findings, false).map((f) => f.span.start)).toEqual(shown(first.findings, false).map((f) => f.span.start + delta(f.span)));
    // "(2) Section 3 applies." renumbered by hand: the duplicate is gone, found again from the new tree.
    const renumbered = typed.replace('(2) Section 3', '(3) Section 3');
    const third = checkHygiene(parseBill(renumbered, 'file:///bill.md', { documentCache: cache }), cache);
    expect(shown(third.findings, true)).toEqual(shown(numbering(parseBill(renumbered, 'file:///bill.md')), true));
    expect(third.findings.some((f) => f.code === 'drafting/duplicate-number' && renumbered.slice(f.span.start - 1, f.span.end + 1) === '(2)')).toBe(false);
  });
});
