/**
 * Drafting hygiene: the bill checked as a legislative counsel would check its drafting — defined
 * terms, cross-references, numbering and terminology — independently of the treaty analysis. Pure
 * and linear in the size of the bill: one pass per concern over structures the parser already built.
 */
import type { DocumentCache } from '../parse/chunks.js';
import type { Bill, Span } from '../parse/types.js';
import { buildLevels } from './levels.js';
import { checkNumbering } from './numbering.js';
import { checkReferences, Tree } from './references.js';
import { numberingFixes } from './renumber.js';
import { NumberingReuse } from './reuse.js';
import { checkTerminology } from './terminology.js';
import { checkTerms } from './terms.js';
import { buildContext } from './text.js';
import type { HygieneFinding } from './types.js';
import { checkUndefined } from './undefined.js';
import { findOccurrences, termKeys } from './uses.js';

export type { HygieneFinding, HygieneFix, HygieneEdit } from './types.js';
export { DRAFTING_CODES, DRAFTING_CODE_IDS, DRAFTING_GROUP, isDraftingCode, type DraftingCode } from './codes.js';

export interface HygieneResult {
  findings: HygieneFinding[];
  /** `<!-- concordance: ordinary … -->` comments (valid annotations the parser does not know). */
  ordinarySpans: Span[];
}

/** Per document (its DocumentCache), the numbering findings of its last check (reuse.ts). */
const numberingReuse = new WeakMap<DocumentCache, NumberingReuse>();

/** `cache`: the editor's per-document cache (piece-by-piece searches, the last edit), if any. */
export function checkHygiene(bill: Bill, cache?: DocumentCache): HygieneResult {
  const scans = cache?.scans;
  const ctx = buildContext(bill, scans);
  const findings: HygieneFinding[] = [];
  const keys = termKeys(bill.definitions);
  checkTerms(ctx, keys, findOccurrences(bill, keys, scans), findings);
  checkUndefined(ctx, findings);
  const tree = new Tree(bill);
  checkReferences(ctx, tree, findings);
  const numbering = (): HygieneFinding[] => {
    const out: HygieneFinding[] = [];
    checkNumbering(bill, tree, buildLevels(bill), numberingFixes(bill, tree), out);
    return out;
  };
  if (cache) {
    let reuse = numberingReuse.get(cache);
    if (!reuse) numberingReuse.set(cache, (reuse = new NumberingReuse()));
    for (const f of reuse.findings(bill, cache.treeChange, numbering)) findings.push(f);
  } else {
    for (const f of numbering()) findings.push(f);
  }
  checkTerminology(ctx, findings);
  findings.sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { findings, ordinarySpans: ctx.ordinary.spans };
}
