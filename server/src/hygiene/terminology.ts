/**
 * Terminology: "child pornography" is the treaties' term (OPSC, Budapest, the Directive), but the
 * Terminology Guidelines (Luxembourg, 2016) and the Lanzarote Committee prefer "child sexual abuse
 * material", which does not suggest consent or legitimate pornography. An advisory hint, never inside
 * quoted treaty text: block quotes, quotation marks (other than the marks around the bill's own
 * definition of the term) and the cited title of an instrument ("the Optional Protocol … on the sale
 * of children, child prostitution and child pornography") are left as written.
 */
import { relocateFound, type Found } from '../parse/scans.js';
import type { Definition, Span } from '../parse/types.js';
import type { TextContext } from './text.js';
import type { HygieneEdit, HygieneFinding } from './types.js';

const DISCOURAGED = /(?<![\p{L}\p{N}])child[ \t\u00a0\r\n-]+pornography(?![\p{L}\p{N}])/giu;
/** The word alone, searched first (see findDiscouraged). */
const WORD = /pornography/gi;
const PREFERRED = 'child sexual abuse material';
const INSTRUMENT_BEFORE = /\b(?:Protocol|Convention|Directive|Decision|Resolution)\b[^.;:]*$/;
const WHY = 'the Terminology Guidelines (2016) and the Lanzarote Committee prefer “child sexual abuse material”, which does not suggest consent or legitimate pornography';

/** The replacement in the case of the occurrence ("Child pornography" → "Child sexual abuse material"). */
export function inCaseOf(occurrence: string, replacement: string): string {
  const letters = occurrence.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return replacement.toUpperCase();
  if (/^\p{Lu}/u.test(occurrence)) {
    const words = occurrence.split(/[\s-]+/);
    if (words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w))) return replacement.replace(/(^|\s)(\p{L})/gu, (_m, s: string, c: string) => s + c.toUpperCase());
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/**
 * The discouraged term in `span` of `text`. Most bills and most pieces of a bill never write
 * "pornography": one plain search says so before the pattern (whose lookbehind keeps V8 from
 * skipping ahead) runs.
 */
function findDiscouraged(text: string, span: Span): Found[] {
  const out: Found[] = [];
  WORD.lastIndex = span.start;
  const word = WORD.exec(text);
  if (!word || word.index >= span.end) return out;
  DISCOURAGED.lastIndex = span.start;
  let m: RegExpExecArray | null;
  while ((m = DISCOURAGED.exec(text)) !== null && m.index < span.end) out.push({ span: { start: m.index, end: m.index + m[0].length } });
  return out;
}

export function checkTerminology(ctx: TextContext, out: HygieneFinding[]): void {
  const { bill } = ctx;
  const plain = bill.plain;
  // In the editor, searched piece by piece and kept: after a keystroke only the touched piece is read.
  const found = ctx.scans && bill.pieces ? ctx.scans.findAll('discouraged terminology', plain, bill.pieces, findDiscouraged, relocateFound) : findDiscouraged(plain, { start: 0, end: plain.length });
  if (found.length === 0) return;
  const definitions = bill.definitions.filter((d) => /^child[\s-]+pornography$/i.test(d.term.trim()));
  const isDefinitionSite = (s: Span): Definition | undefined => definitions.find((d) => s.start < d.termSpan.end && d.termSpan.start < s.end);
  const spans: Span[] = [];
  for (const { span } of found) {
    if (ctx.blockquotes.has(span.start)) continue;
    const definition = isDefinitionSite(span);
    if (!definition) {
      if (ctx.quotations.has(span.start)) continue;
      const paragraph = plain.lastIndexOf('\n\n', span.start) + 1;
      if (INSTRUMENT_BEFORE.test(plain.slice(Math.max(paragraph, span.start - 300), span.start))) continue;
    }
    spans.push(span);
  }
  if (spans.length === 0) return;
  const edits: HygieneEdit[] = spans.map((s) => ({ span: s, newText: inCaseOf(bill.text.slice(s.start, s.end), PREFERRED) }));
  const reported = new Set<number>();
  for (const d of definitions) {
    const site = spans.find((s) => s.start < d.termSpan.end && d.termSpan.start < s.end);
    if (!site) continue;
    reported.add(site.start);
    out.push({
      code: 'drafting/preferred-terminology',
      span: site,
      message: `The bill defines “${d.term}”; ${WHY}`,
      fixes: () => [{ title: `Rename “${d.term}” to “${PREFERRED}” everywhere (${edits.length} place${edits.length === 1 ? '' : 's'}, quotations left as they are)`, edits, preferred: true }],
    });
  }
  // With a definition, renaming it is the one fix; without one, each use is a hint of its own.
  if (definitions.length > 0 && reported.size > 0) return;
  for (const [k, s] of spans.entries()) {
    out.push({
      code: 'drafting/preferred-terminology',
      span: s,
      message: `“${plain.slice(s.start, s.end).replace(/\s+/g, ' ')}”: ${WHY}`,
      fixes: () => [{ title: `Write “${(edits[k] as HygieneEdit).newText}”`, edits: [edits[k] as HygieneEdit], preferred: true }],
    });
  }
}
