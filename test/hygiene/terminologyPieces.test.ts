// The preferred-terminology check in the editor searches the bill piece by piece and keeps what each
// piece held (hygiene/terminology.ts through parse/scans.ts). After every edit of a random run —
// typing the discouraged term, breaking it, moving it across a division cut — its findings and the
// quick-fixes they draft must be those a check from scratch finds, and unchanged pieces must be reused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHygiene, type HygieneFinding } from '../../server/src/hygiene/index.js';
import { DocumentCache, parseBill } from '../../server/src/parse/index.js';
import { ROOT } from '../helpers/catalogue.js';

const shown = (findings: readonly HygieneFinding[]) =>
  findings.filter((f) => f.code === 'drafting/preferred-terminology').map((f) => ({ span: f.span, message: f.message, fixes: f.fixes?.() }));

const INSERTS = ['child pornography', 'Child Pornography', 'pornography', 'child ', '-', '\n', '\n## 9. New\n', '> ', '"', 'x', ' '];

describe('preferred terminology through the editor cache', () => {
  it('after each of 300 random edits, finds (and drafts the fixes) a check from scratch finds, reusing untouched pieces', () => {
    let text = readFileSync(path.join(ROOT, 'examples', 'bills', 'sample.bill.md'), 'utf8');
    const cache = new DocumentCache();
    checkHygiene(parseBill(text, 'file:///r.md', { documentCache: cache }), cache);
    const edits = fc.sample(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(4), insert: fc.constantFrom(...INSERTS) }), { numRuns: 300, seed: 20261123 });
    const counts = new Set<number>();
    for (const e of edits) {
      const at = Math.floor(e.at * text.length);
      text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      const incremental = shown(checkHygiene(parseBill(text, 'file:///r.md', { documentCache: cache }), cache).findings);
      expect(incremental).toEqual(shown(checkHygiene(parseBill(text, 'file:///r.md')).findings));
      counts.add(incremental.length);
    }
    // The run did exercise the check (findings came and went), and pieces were reused, not all searched again.
    expect(counts.size).toBeGreaterThanOrEqual(3);
    expect(cache.scans.hits).toBeGreaterThan(cache.scans.misses);
  });
});
