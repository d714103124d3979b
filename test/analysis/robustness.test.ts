// Property tests over the whole pipeline (parse → analysis → diagnostics → fixes): for any text the
// core never throws, every range lies inside the document, and "fix all" changes only what its
// edits name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftFixes } from '../../server/src/draft/fixes.js';
import { applyEdits, compatibleEdits } from '../../server/src/service/fix.js';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue } from '../helpers/catalogue.js';

// Pieces of legislative Markdown, so that random documents reach the interesting code paths.
const FRAGMENTS = [
  '# A Bill\n', '## Part 2 — Offences\n', '## 4. Possession\n', '### § 2252A. Certain activities\n', '## Article 5\n',
  '(1) A person who possesses child sexual abuse material commits an offence.\n', '(a) distributes an indecent image of a child;\n',
  '(i) with intent to sell it;\n', 'commits an offence and is liable to imprisonment for a term not exceeding 5 years.\n',
  '"child" means a person under the age of 16 years;\n', '**minor** means any person under eighteen;\n',
  'In this Act—\n', 'It is a defence to a charge under section 4 that—\n', 'section 4(2)(b)', 'subsection (1)', 'sections 4 to 6',
  '<!-- concordance: implements offence/access -->\n', '<!-- concordance: ignore offence/selling -->\n', '---\nconcordance:\n  instruments: [opsc, nonsense]\n---\n',
  '| Term | Meaning |\n|---|---|\n| child | a person under 18 |\n', '- item\n  - nested\n', '> quoted\n', '\r\n', '\r', '\u0000', '\uFEFF', '«child» means', '\n\n',
];

const documents = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 30 })), { maxLength: 40 }).map((parts) => parts.join('')),
);

function inside(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
  return ok(range.start) && ok(range.end);
}

describe('the pipeline on any text', () => {
  it('never throws, and every diagnostic and evidence range lies inside the document', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const { analysis, diagnostics, lines } = checkText(text, 'file:///any.md', builtinCatalogue());
        expect(analysis.findings).toHaveLength(builtinCatalogue().elements.length);
        for (const d of diagnostics) expect(inside(text, d.range), JSON.stringify(d.range)).toBe(true);
        for (const f of analysis.findings) {
          for (const e of f.evidence) expect(inside(text, lines.rangeOf(e.span))).toBe(true);
          expect(f.anchor.start).toBeGreaterThanOrEqual(0);
          expect(f.anchor.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('"fix all" leaves every character outside its edits untouched', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const { bill, analysis } = checkText(text, 'file:///any.md', builtinCatalogue());
        const fixes = draftFixes(bill, builtinCatalogue(), analysis, { ...analysis.vocabulary, shareNumbering: true });
        const { edits } = compatibleEdits(fixes);
        const fixed = applyEdits(text, edits);
        // Rebuild the original from the fixed text by undoing each edit, in document order.
        let cursor = 0;
        let shift = 0;
        let rebuilt = '';
        for (const edit of [...edits].sort((a, b) => a.span.start - b.span.start)) {
          expect(edit.span.start).toBeGreaterThanOrEqual(cursor);
          rebuilt += fixed.slice(cursor + shift, edit.span.start + shift) + text.slice(edit.span.start, edit.span.end);
          shift += edit.newText.length - (edit.span.end - edit.span.start);
          cursor = edit.span.end;
        }
        rebuilt += fixed.slice(cursor + shift);
        expect(rebuilt).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
