// Cross-references moved by a keystroke (parse/reuse.ts, references.ts resolveReferences): after every
// edit of a run of random ones, the references read through the document cache are exactly those a
// parse from scratch finds, and most keystrokes do move them rather than resolve them again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentCache, parseBill } from '../../server/src/parse/index.js';
import type { CrossReference } from '../../server/src/parse/types.js';
import { SHARED } from '../helpers/catalogue.js';

// Self references, external ones (after and before the words), lists, ranges, a heading naming itself.
const BILL = `# Cross-references Bill

## Part 1 — Preliminary

### 1. Definitions

(1) In this Act, "child" has the meaning given by section 2 of the Criminal Code.

(2) In this section, "offence" means an offence under section 4, 5 or 6.

### 2. Application

(1) This Part applies to offences under sections 4 to 6 and to an offence under section 4(2)(b).

(2) Subsection (1) does not limit paragraph (a) of subsection (3) of section 4.

## Part 2 — Offences

### 4. Possession

(1) A person commits an offence who possesses material.

(2) It is a defence to a charge under subsection (1) that—

(a) the person did not know; or

(b) the material was lawfully held under section 105 of title 18.

### 5. Distribution

A person who distributes material commits an offence under this section; see also Part 1 and section 9.

### 6. Penalties

A person guilty of an offence under section 4 or 5 is liable to imprisonment; under the Sentencing Act, section 7 applies.
`;

const INSERTS = ['x', ' ', 'e', '\n', '5', '(', ')', ' of title 18', 'Act ', 'section 4 ', 'this ', '\n(3) ', '\n### 7. New\n', '#'];
// Places spread over the text (without fast-check's bias towards the ends).
const at = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1e6);
const edit = fc.record({ at, remove: fc.nat(3), insert: fc.constantFrom(...INSERTS) });

/** Every field of every reference. */
const all = (refs: readonly CrossReference[]) => refs.map((r) => ({ ...r }));

function run(start: string, edits: readonly { at: number; remove: number; insert: string }[]): { moved: number; resolved: number } {
  let text = start;
  const cache = new DocumentCache();
  let last = parseBill(text, 'file:///bill.md', { documentCache: cache }).references;
  let moved = 0;
  let resolved = 0;
  for (const [i, e] of edits.entries()) {
    const at = Math.floor(e.at * text.length);
    text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
    const refs = parseBill(text, 'file:///bill.md', { documentCache: cache }).references;
    expect(all(refs), `after edit ${i}`).toEqual(all(parseBill(text, 'file:///bill.md').references));
    // A moved reference shares its targets (the same array) with the one it was moved from.
    const before = new Set(last.map((r) => r.targetIds));
    for (const r of refs) if (before.has(r.targetIds)) moved += 1;
    else resolved += 1;
    last = refs;
  }
  return { moved, resolved };
}

describe('cross-references moved by an edit', () => {
  it('reads again whether a moved reference names another instrument (words typed after it or before it)', () => {
    const text = BILL.replace('liable to imprisonment; under', 'liable to imprisonment; a person convicted under section 4 is liable; under');
    // Each typed one character away from the reference (a space between), so that it is moved, not found again.
    const after = text.indexOf('convicted under section 4 ') + 'convicted under section 4 '.length;
    const before = text.indexOf('convicted under section 4') + 'convicted under'.length;
    for (const [at, typed] of [[after, 'of the Criminal Code '], [after, 'of title 18 '], [before, ' of the Crimes Act,']] as const) {
      const cache = new DocumentCache();
      parseBill(text, 'file:///bill.md', { documentCache: cache });
      const edited = text.slice(0, at) + typed + text.slice(at);
      const refs = parseBill(edited, 'file:///bill.md', { documentCache: cache }).references;
      expect(all(refs), typed).toEqual(all(parseBill(edited, 'file:///bill.md').references));
      const start = edited.indexOf('section 4', edited.indexOf('convicted'));
      expect(refs.find((r) => r.span.start === start)?.external, typed).toBe(true);
    }
  });

  it('after each of 300 random edits of a bill with every kind of reference, equals a parse from scratch', () => {
    const { moved, resolved } = run(BILL, fc.sample(edit, { numRuns: 300, seed: 20261123 }));
    expect(moved).toBeGreaterThan(resolved);
    expect(resolved).toBeGreaterThan(300);
  });

  it('after each of 40 keystrokes in a real statute (US Code Title 49), equals a parse from scratch, nearly all moved', () => {
    const title49 = readFileSync(path.join(SHARED, 'bench', 'usc-title-49.md'), 'utf8');
    const start = title49.indexOf('\n## ', 1_000_000) + 1;
    const text = title49.slice(start, title49.indexOf('\n## ', start + 30_000) + 1);
    // Letters and spaces typed, as a drafter types: the tree stays the same.
    const typing = fc.record({ at, remove: fc.constant(0), insert: fc.constantFrom('x', ' ', 'e') });
    const { moved, resolved } = run(text, fc.sample(typing, { numRuns: 40, seed: 49 }));
    // (A keystroke at the edge of a provision or a head finds them all again.)
    expect(moved).toBeGreaterThan(5 * resolved);
  });
});
