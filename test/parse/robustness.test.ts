import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOSTILE, unicodeText } from '../helpers/hostile.js';
import { checkInvariants, parseBill } from './helpers.js';
import { sanitizeForMarkdown } from '../../server/src/parse/markdown.js';

describe('never throws', () => {
  it.each(HOSTILE)('%s', (_name, make) => {
    const text = make();
    const bill = parseBill(text);
    expect(bill.text).toBe(text);
    checkInvariants(bill);
  }, 60_000);

  it('random Unicode and Markdown-ish input', () => {
    const alphabet = fc.constantFrom('#', ' ', '\n', '\r', '(', ')', '1', 'a', 'i', 'v', 'A', '.', '-', '*', '_', '>', '|', '"', '“', '”', '«', '»', ':', ';', '—', '<!--', '-->', '---', 'means ', 'section ', '§ ', 'Part ', 'concordance: ', '\uFEFF', '\0', '\uD800', '`', '[', ']', '~');
    const md = fc.array(alphabet, { maxLength: 300 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(md, unicodeText), (text) => {
        const bill = parseBill(text);
        checkInvariants(bill);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('a non-string argument does not throw', () => {
    const bill = parseBill(undefined as unknown as string);
    expect(bill.text).toBe('');
  });
});

describe('deep nesting', () => {
  const nested = (depth: number, indent: number): string => Array.from({ length: depth }, (_, i) => `${' '.repeat(indent * i)}- (${i + 1}) x`).join('\n');

  it('caps lists nested by indentation (a 600-deep list is read in linear time) and says so', () => {
    const bill = parseBill(nested(600, 2));
    const tooDeep = bill.problems.filter((p) => p.code === 'structure/too-deep');
    expect(tooDeep).toHaveLength(1);
    expect(tooDeep[0]!.message).toMatch(/nested too deeply on \d+ line/);
    checkInvariants(bill);
  });

  it('neutralises every line prefix that needs it, though it searches the text only for prefixes of 16 marker characters', () => {
    // A last line of 200 blanks makes the neutralising pass run over the whole text: what it changes
    // then is what it must change; the one search that decides whether the pass runs may miss nothing.
    const mark = fc.constantFrom('>', '> ', '- ', '* ', '+', '1. ', '22) ', '\t', '\t\t\t\t', '\t'.repeat(16), ' '.repeat(62), '  ', ' ', 'a', '.');
    const line = fc.array(mark, { maxLength: 40 }).map((a) => a.join(''));
    const same = (text: string): void => {
      const forced = sanitizeForMarkdown(`${text}\n${' '.repeat(200)}`, 0);
      const gated = sanitizeForMarkdown(text, 0);
      expect(gated.source).toBe(forced.source.slice(0, text.length));
      expect(gated.cappedLines).toBe(forced.cappedLines);
    };
    // The shortest prefixes that need it: a marker at column 64 after 16 tabs, 25 markers.
    for (const text of ['\t'.repeat(16) + '>a', 'x\n' + '>'.repeat(25) + 'a', ' '.repeat(64) + '- a']) {
      same(text);
      expect(sanitizeForMarkdown(text, 0).cappedLines).toBe(1);
    }
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }).map((a) => a.join('\n')), same),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('leaves the nesting of real bills alone (eight levels, four columns each)', () => {
    const bill = parseBill(nested(8, 4));
    expect(bill.problems.map((p) => p.code)).not.toContain('structure/too-deep');
  });
});
