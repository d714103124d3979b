// Catalogue patterns are searched without their leading lookbehind (which makes V8's regexp engine
// ~10× slower on a statute) and the lookbehind is checked by hand (analysis/patterns.ts); references
// likewise (parse/references.ts). These tests hold both to what the lookbehind itself finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, findAll, findFirst } from '../../server/src/analysis/patterns.js';
import { REFERENCE_WITH_LOOKBEHIND, referencesWritten } from '../../server/src/parse/references.js';

// Words that match, words that contain a match, and letters/digits that may stand right before one
// (an astral letter, "𝐀", takes two UTF-16 units; "٣" is an Arabic-Indic digit).
const PIECES = ['child', 'children', 'minor', 'minors', 'grandchild', 'x', '1', '𝐀', '٣', 'é', ' ', '\n', '-', '(', 'section 4', 'this section', 'subsection (2)', 'ss', '§ 5'];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

/** What the pattern finds with its lookbehind left in: the reference behaviour. */
function withLookbehind(re: RegExp, text: string, start: number, end: number) {
  const slice = text.slice(start, end);
  const out: Array<{ span: { start: number; end: number }; text: string }> = [];
  const copy = new RegExp(re.source, re.flags);
  let m: RegExpExecArray | null;
  while ((m = copy.exec(slice)) !== null) {
    if (m[0].length === 0) {
      copy.lastIndex++;
      continue;
    }
    out.push({ span: { start: start + m.index, end: start + m.index + m[0].length }, text: m[0] });
  }
  return out;
}

describe('searching a catalogue pattern', () => {
  const re = compile(['child(?:ren)?', 'minors?'])!;

  it('opens with the lookbehind this search relies on', () => {
    expect(re.source.startsWith('(?<![\\p{L}\\p{N}])')).toBe(true);
  });

  it('finds what the pattern with its lookbehind finds, in any span of any text', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        const start = text.length === 0 ? 0 : a % (text.length + 1);
        const end = start + (text.length === 0 ? 0 : b % (text.length - start + 1));
        const expected = withLookbehind(re, text, start, end);
        expect(findAll(re, text, { start, end })).toEqual(expected);
        expect(findFirst(re, text, { start, end })).toEqual(expected[0]);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a word that continues a letter, a digit or an astral letter, and resumes after it', () => {
    const text = 'grandchild 𝐀child ٣minor child';
    expect(findAll(re, text, { start: 0, end: text.length }).map((m) => m.span.start)).toEqual([text.lastIndexOf('child')]);
  });
});

describe('matching cross-references', () => {
  it('finds what the pattern with its lookbehind finds', () => {
    fc.assert(
      fc.property(texts, fc.nat(), (text, a) => {
        const from = text.length === 0 ? 0 : a % (text.length + 1);
        const found = [...referencesWritten(text, from)].map((m) => [m.index, m[0]]);
        const copy = new RegExp(REFERENCE_WITH_LOOKBEHIND.source, REFERENCE_WITH_LOOKBEHIND.flags);
        copy.lastIndex = from;
        const expected: Array<[number, string]> = [];
        let m: RegExpExecArray | null;
        while ((m = copy.exec(text)) !== null) expected.push([m.index, m[0]]);
        expect(found).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
