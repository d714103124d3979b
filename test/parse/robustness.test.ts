import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOSTILE, unicodeText } from '../helpers/hostile.js';
import { checkInvariants, parseBill } from './helpers.js';

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

  it('leaves the nesting of real bills alone (eight levels, four columns each)', () => {
    const bill = parseBill(nested(8, 4));
    expect(bill.problems.map((p) => p.code)).not.toContain('structure/too-deep');
  });
});
