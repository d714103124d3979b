// Property tests over the whole core (parse → analysis → hygiene → diagnostics → fixes): for any
// text — random Unicode with astral characters and lone surrogates, any line endings, a BOM, and the
// hostile inputs of test/helpers/hostile.ts (1 MB lines, 10,000-deep nesting, NUL bytes, broken
// front matter) — checkText never throws, every range it returns lies inside the document, and
// every fix (treaty quick-fixes one by one, "fix all" as service/fix.ts applies it, and the drafting
// fixes) changes only the text its edits name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftFixes, type TextEdit } from '../../server/src/draft/fixes.js';
import type { Range, Span } from '../../server/src/parse/types.js';
import { checkText, type CheckResult } from '../../server/src/service/check.js';
import { applyEdits, compatibleEdits, fixText } from '../../server/src/service/fix.js';
import { builtinCatalogue } from '../helpers/catalogue.js';
import { documents, HOSTILE } from '../helpers/hostile.js';

const URI = 'file:///any.md';

/** Line lengths as LSP counts them: lines end at "\n", "\r\n" or a lone "\r". */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function expectRangeInside(lengths: number[], range: Range, what: string): void {
  const ok = (p: { line: number; character: number }): boolean =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line]!;
  expect(ok(range.start) && ok(range.end), `${what} ${JSON.stringify(range)} outside the document`).toBe(true);
  expect(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what} ${JSON.stringify(range)} ends before it starts`).toBe(true);
}

function expectSpanInside(text: string, span: Span, what: string): void {
  expect(Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= text.length, `${what} ${JSON.stringify(span)} outside 0..${text.length}`).toBe(true);
}

/**
 * The edits lie inside the text and do not overlap, and `fixed` is the text with exactly those
 * edits: undoing each edit, in document order, gives back the original character for character.
 */
function expectOnlyEditsChanged(text: string, edits: readonly TextEdit[], fixed: string, what: string): void {
  let cursor = 0;
  let shift = 0;
  let rebuilt = '';
  for (const edit of [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)) {
    expectSpanInside(text, edit.span, `${what} edit`);
    expect(edit.span.start, `${what}: overlapping edits`).toBeGreaterThanOrEqual(cursor);
    rebuilt += fixed.slice(cursor + shift, edit.span.start + shift) + text.slice(edit.span.start, edit.span.end);
    shift += edit.newText.length - (edit.span.end - edit.span.start);
    cursor = edit.span.end;
  }
  rebuilt += fixed.slice(cursor + shift);
  expect(fixed.length, `${what}: length`).toBe(text.length + shift);
  expect(rebuilt === text, `${what}: text outside the edits changed`).toBe(true);
}

/** Every range of a check — diagnostics, their related locations, evidence, anchors, drafting findings — lies inside the text. */
function expectRangesInside(text: string, result: CheckResult): void {
  const lengths = lineLengths(text);
  expect(result.lines.lineCount).toBe(lengths.length);
  for (const d of result.diagnostics) {
    expectRangeInside(lengths, d.range, `diagnostic ${d.code}`);
    for (const r of d.relatedInformation ?? []) expectRangeInside(lengths, r.location.range, `related information of ${d.code}`);
  }
  for (const f of result.analysis.findings) {
    expectSpanInside(text, f.anchor, `anchor of ${f.elementId}`);
    for (const e of f.evidence) {
      expectSpanInside(text, e.span, `evidence of ${f.elementId}`);
      expectRangeInside(lengths, result.lines.rangeOf(e.span), `evidence of ${f.elementId}`);
    }
    for (const w of f.weakenings) if (w.span) expectSpanInside(text, w.span, `weakening of ${f.elementId}`);
  }
  for (const f of result.drafting) {
    expectSpanInside(text, f.span, f.code);
    for (const r of f.related ?? []) expectSpanInside(text, r.span, `related span of ${f.code}`);
  }
}

/** Each treaty quick-fix on its own, and each drafting fix, changes only what its edits name. */
function expectFixesConfined(text: string, result: CheckResult): void {
  const { bill, analysis } = result;
  for (const fix of draftFixes(bill, builtinCatalogue(), analysis, analysis.vocabulary)) {
    expectOnlyEditsChanged(text, fix.edits, applyEdits(text, fix.edits), `quick-fix for ${fix.elementId}`);
  }
  for (const finding of result.drafting) {
    for (const fix of finding.fixes?.() ?? []) expectOnlyEditsChanged(text, fix.edits, applyEdits(text, fix.edits), `${finding.code} fix "${fix.title}"`);
  }
}

/** "Fix all" (service/fix.ts): the preferred fixes that do not clash, and nothing else. */
function expectFixAllConfined(text: string, result: CheckResult): void {
  const { bill, analysis } = result;
  const { edits } = compatibleEdits(draftFixes(bill, builtinCatalogue(), analysis, { ...analysis.vocabulary, shareNumbering: true }));
  const fixed = fixText(text, URI, builtinCatalogue()).text;
  expectOnlyEditsChanged(text, edits, fixed, 'fix all');
}

describe('the core on any text', () => {
  it('never throws, and every range lies inside the document', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const result = checkText(text, URI, builtinCatalogue());
        expect(result.analysis.findings).toHaveLength(builtinCatalogue().elements.length);
        expectRangesInside(text, result);
      }),
      { numRuns: 300 },
    );
  });

  it('every fix changes only what its edits name', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const result = checkText(text, URI, builtinCatalogue());
        expectFixesConfined(text, result);
        expectFixAllConfined(text, result);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the core on hostile input', () => {
  it.each(HOSTILE)('%s: no throw, ranges inside, fixes confined', (_name, make) => {
    const text = make();
    const result = checkText(text, URI, builtinCatalogue());
    expect(result.bill.text).toBe(text);
    expect(result.analysis.findings).toHaveLength(builtinCatalogue().elements.length);
    expect(result.diagnostics.some((d) => d.code === 'parse/internal-error')).toBe(false);
    expectRangesInside(text, result);
    expectFixesConfined(text, result);
    expectFixAllConfined(text, result);
  }, 60_000);

  it('front-matter errors are located in the front matter, and the bill is still checked', () => {
    const text = HOSTILE.find(([name]) => name === 'invalid front-matter values')![1]();
    const { diagnostics, analysis } = checkText(text, URI, builtinCatalogue());
    const frontMatterLines = text.slice(0, text.indexOf('\n---\n')).split('\n').length;
    const settings = diagnostics.filter((d) => d.code.startsWith('frontmatter/'));
    expect(settings.length).toBeGreaterThanOrEqual(5);
    for (const d of settings) {
      expect(d.range.start.line).toBeGreaterThan(0);
      expect(d.range.end.line).toBeLessThan(frontMatterLines);
    }
    // The bill below still defines the child and the possession offence.
    expect(analysis.findings.find((f) => f.elementId === 'offence/possession')?.evidence.length).toBeGreaterThan(0);
  });
});
