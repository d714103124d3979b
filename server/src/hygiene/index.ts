/**
 * Drafting hygiene: the bill checked as a legislative counsel would check its drafting — defined
 * terms, cross-references, numbering and terminology — independently of the treaty analysis. Pure
 * and linear in the size of the bill: one pass per concern over structures the parser already built.
 */
import type { PieceScans } from '../parse/scans.js';
import type { Bill, Span } from '../parse/types.js';
import { buildLevels } from './levels.js';
import { checkNumbering } from './numbering.js';
import { checkReferences, Tree } from './references.js';
import { numberingFixes } from './renumber.js';
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

/** `scans`: the editor's per-document cache of piece-by-piece searches (parse/scans.ts), if any. */
export function checkHygiene(bill: Bill, scans?: PieceScans): HygieneResult {
  const ctx = buildContext(bill, scans);
  const findings: HygieneFinding[] = [];
  const keys = termKeys(bill.definitions);
  checkTerms(ctx, keys, findOccurrences(bill, keys, scans), findings);
  checkUndefined(ctx, findings);
  const tree = new Tree(bill);
  checkReferences(ctx, tree, findings);
  checkNumbering(bill, tree, buildLevels(bill), numberingFixes(bill, tree), findings);
  checkTerminology(ctx, findings);
  findings.sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { findings, ordinarySpans: ctx.ordinary.spans };
}
