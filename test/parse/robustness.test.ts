import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkInvariants, parseBill } from './helpers.js';

const nasty: Array<[string, () => string]> = [
  ['empty', () => ''],
  ['NUL bytes', () => '# T\0\n\n## 1.\0 S\n\n(1)\0 x\0'],
  ['BOM only', () => '\uFEFF'],
  ['BOM + heading', () => '\uFEFF# Title\n\n## 1. S\n'],
  ['CRLF', () => '# T\r\n\r\n## 1. S\r\n\r\n(1) A who—\r\n(a) x;\r\n(b) y,\r\ncommits an offence.\r\n'],
  ['lone CR', () => '# T\r\r## 1. S\r\r(1) a\r(2) b\r'],
  ['unclosed front matter', () => '---\nconcordance:\n  jurisdiction: [x\n'],
  ['front matter only', () => '---\n---'],
  ['bad yaml', () => '---\n: : :\n\t- [\n---\n'],
  ['lone surrogates', () => '# \uD800 T\n\n(1) \uDC00 "x" means \uD83D'],
  ['10,000-deep bullet list', () => '- '.repeat(10000) + 'x'],
  ['10,000-deep ordered list', () => '1. '.repeat(10000) + 'x'],
  ['10,000-deep block quote', () => '>'.repeat(10000) + ' x'],
  ['deep numbered subdivisions', () => Array.from({ length: 200 }, (_, i) => `${'  '.repeat(Math.min(i, 30))}- (${['1', 'a', 'i', 'A', 'I'][i % 5]}) x`).join('\n')],
  ['1 MB single line', () => 'A person who possesses "material" means section 4(2)(b) (a) x. '.repeat(Math.ceil(1_000_000 / 64)).slice(0, 1_000_000)],
  ['many emphasis markers', () => '*'.repeat(20000) + 'x' + '_'.repeat(20000)],
  ['unclosed comment', () => '# T\n\n<!-- concordance: implements x\n\n## 1. S\n'],
  ['table mess', () => '| a |\n|---|\n| b | c | d |\n|\n| Term | Meaning |\n|--|--|\n||\n'],
  ['headings only', () => '#\n##\n###\n####\n#####\n######\n####### x'],
];

describe('never throws', () => {
  it.each(nasty)('%s', (_name, make) => {
    const text = make();
    const bill = parseBill(text);
    expect(bill.text).toBe(text);
    checkInvariants(bill);
  }, 60_000);

  it('random Unicode and Markdown-ish input', () => {
    const alphabet = fc.constantFrom('#', ' ', '\n', '\r', '(', ')', '1', 'a', 'i', 'v', 'A', '.', '-', '*', '_', '>', '|', '"', '“', '”', '«', '»', ':', ';', '—', '<!--', '-->', '---', 'means ', 'section ', '§ ', 'Part ', 'concordance: ', '\uFEFF', '\0', '\uD800', '`', '[', ']', '~');
    const md = fc.array(alphabet, { maxLength: 300 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(md, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
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
