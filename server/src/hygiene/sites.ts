/**
 * Where each defined term stands, for the editor's colouring (semantic tokens): the term where it is
 * defined, and every use of it that a definition governs — read with the same one-pass scanner and
 * the same rules as the drafting checks (uses.ts, terms.ts), so what is coloured is what they count.
 * Not a use: an occurrence inside its own definition, outside every scope of the term, in a block
 * quote (quoted treaty text), inside a proper name ("the Child Sexual Abuse Material Act 2025"), a
 * lower-case form of a capitalised one-word term (maybe the ordinary word), or a form marked
 * `<!-- concordance: ordinary … -->`.
 */
import type { Bill, Definition } from '../parse/types.js';
import { classify, scopeSpan } from './terms.js';
import { buildContext } from './text.js';
import { findOccurrences, termKeys } from './uses.js';

export interface TermSite {
  start: number;
  end: number;
  /** The definition that governs the use (the narrowest scope that reaches it), or the one defined here. */
  definition: Definition;
  /** True for the term where it is defined. */
  declaration: boolean;
}

const cache = new WeakMap<Bill, TermSite[]>();

/** Every definition site and governed use of a defined term: sorted, never overlapping. */
export function termSites(bill: Bill): TermSite[] {
  const cached = cache.get(bill);
  if (cached) return cached;
  const sites: TermSite[] = [];
  const keys = termKeys(bill.definitions);
  if (keys.length > 0) {
    const ctx = buildContext(bill);
    const occurrences = findOccurrences(bill, keys);
    const scopes = new Map(bill.definitions.map((d) => [d, scopeSpan(bill, d)]));
    for (let i = 0; i < occurrences.count; i++) {
      const occ = occurrences.view(i);
      const { start, end } = occ;
      const defs = occ.key.definitions;
      const declared = defs.find((d) => start < d.termSpan.end && end > d.termSpan.start);
      if (declared) {
        sites.push({ start, end, definition: declared, declaration: true });
        continue;
      }
      if (defs.some((d) => start < d.span.end && end > d.span.start)) continue;
      if (ctx.blockquotes.size > 0 && ctx.blockquotes.has(start)) continue;
      if (ctx.ordinary.forms.size > 0 && ctx.ordinary.forms.has(occ.text.replace(/\s+/g, ' '))) continue;
      let governing: Definition | undefined;
      let narrowest = Infinity;
      for (const d of defs) {
        const scope = scopes.get(d)!;
        if (start >= scope.start && start < scope.end && scope.end - scope.start < narrowest) {
          narrowest = scope.end - scope.start;
          governing = d;
        }
      }
      if (!governing) continue;
      const form = classify(ctx, occ, governing.term);
      if (form === 'proper' || form === 'ambiguous') continue;
      sites.push({ start, end, definition: governing, declaration: false });
    }
  }
  cache.set(bill, sites);
  return sites;
}
