import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../server/src/parse/frontmatter.js';
import { parseBill, slice } from './helpers.js';

describe('front matter', () => {
  it('reads settings under concordance:', () => {
    const text = '---\nconcordance:\n  jurisdiction: Kingdom of Varenna\n  instruments: [budapest, opsc]\n  reservations:\n    - { instrument: budapest, article: "9(1)(e)" }\n    - "budapest 9(1)(a)"\n---\n\n# Bill\n';
    const bill = parseBill(text);
    expect(bill.settings).toMatchObject({ declared: true, jurisdiction: 'Kingdom of Varenna', instruments: ['budapest', 'opsc'] });
    expect(bill.settings.reservations.map((r) => [r.instrument, r.article, slice(bill, r.span)])).toEqual([
      ['budapest', '9(1)(e)', '{ instrument: budapest, article: "9(1)(e)" }'],
      ['budapest', '9(1)(a)', '"budapest 9(1)(a)"'],
    ]);
    expect(bill.frontMatterSpan).toEqual({ start: 0, end: text.indexOf('\n\n# Bill') + 1 });
    expect(bill.plain.slice(0, bill.frontMatterSpan!.end).trim()).toBe('');
    expect(bill.title).toBe('Bill');
    expect(bill.problems).toEqual([]);
  });

  it('no concordance key → not declared; BOM and CRLF tolerated', () => {
    const bill = parseBill('\uFEFF---\r\ntitle: T\r\n---\r\n\r\n## 1. S\r\n');
    expect(bill.settings).toEqual({ reservations: [], declared: false });
    expect(bill.title).toBe('T');
    expect(bill.provisions[1]!.label).toBe('Section 1');
    expect(slice(bill, bill.provisions[1]!.headSpan)).toBe('## 1. S');
  });

  it('invalid YAML is located at the error', () => {
    const text = '---\nconcordance:\n  jurisdiction: [unclosed\n---\n# B\n';
    const bill = parseBill(text);
    const p = bill.problems.find((x) => x.code === 'frontmatter/invalid-yaml');
    expect(p).toBeDefined();
    expect(p!.span.start).toBeGreaterThanOrEqual(text.indexOf('['));
    expect(p!.span.end).toBeLessThanOrEqual(text.indexOf('\n---\n# B') + 1);
  });

  it('bad values are located problems naming the key; good values are kept', () => {
    const text = '---\nconcordance:\n  jurisdiction: 42x\n  instruments: [budapest, nonsense]\n  reservations:\n    - { instrument: budapest, article: "nine" }\n    - "budapest 9(2)(b)"\n    - { instrument: mars, article: "1" }\n  colour: blue\n---\n';
    const bill = parseBill(text);
    expect(bill.settings.instruments).toEqual(['budapest']);
    expect(bill.settings.reservations.map((r) => r.article)).toEqual(['9(2)(b)']);
    const got = bill.problems.map((p) => [p.code, slice(bill, p.span)]);
    expect(got).toEqual([
      ['frontmatter/invalid-setting', 'nonsense'],
      ['frontmatter/invalid-setting', '"nine"'],
      ['frontmatter/invalid-setting', 'mars'],
      ['frontmatter/unknown-setting', 'colour'],
    ]);
    expect(bill.problems[0]!.message).toContain('concordance.instruments');
    expect(bill.problems[1]!.message).toContain('article');
  });

  it('wrong shapes are reported', () => {
    const bill = parseBill('---\nconcordance:\n  instruments: budapest opsc\n  reservations: nope\n---\n');
    expect(bill.problems.map((p) => [p.code, slice(bill, p.span)])).toEqual([
      ['frontmatter/invalid-setting', 'budapest opsc'],
      ['frontmatter/invalid-setting', 'nope'],
    ]);
  });

  it('unclosed front matter is a problem and the text is read as Markdown', () => {
    const bill = parseBill('---\nconcordance:\n  jurisdiction: X\n\n## 1. S\n\nText.\n');
    expect(bill.problems.map((p) => p.code)).toEqual(['frontmatter/unclosed']);
    expect(bill.problems[0]!.span).toEqual({ start: 0, end: 3 });
    expect(bill.settings.declared).toBe(false);
    expect(bill.byId.has('s-1')).toBe(true);
  });
});

describe('front matter read before (remembered by its block)', () => {
  const front = '---\nconcordance:\n  jurisdiction: [unclosed\n  instruments: [budapest]\n---\n';
  it('gives what the first reading gave, whatever the body, and a copy the caller may change', () => {
    const first = readFrontMatter(`${front}# A\n`);
    const codes = first.problems.map((p) => p.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).toContain('frontmatter/invalid-yaml');
    const spans = first.problems.map((p) => ({ ...p.span }));
    // Changing what one caller got must not change what the next one gets.
    first.problems[0]!.span.start = 999;
    first.problems.push(first.problems[0]!);
    first.settings.reservations.push({ instrument: 'opsc', article: '3', span: { start: 0, end: 1 } });
    first.frontMatter!.span.end = 1;
    const again = readFrontMatter(`${front}# A different body, longer than the first\n\n## 1. S\n`);
    expect(again.problems.map((p) => p.code)).toEqual(codes);
    expect(again.problems.map((p) => p.span)).toEqual(spans);
    expect(again.settings.reservations).toEqual([]);
    expect(again.frontMatter).toEqual({ span: { start: 0, end: front.length }, contentSpan: { start: 4, end: front.length - 4 } });
  });

  it('reads a block that differs only by a BOM or one character anew (spans move with it)', () => {
    const plain = readFrontMatter('---\nconcordance:\n  reservations: ["budapest 9(1)(e)"]\n---\n# B\n');
    const bom = readFrontMatter('\uFEFF---\nconcordance:\n  reservations: ["budapest 9(1)(e)"]\n---\n# B\n');
    expect(bom.settings.reservations[0]!.span.start).toBe(plain.settings.reservations[0]!.span.start + 1);
    const other = readFrontMatter('---\nconcordance:\n  reservations: ["budapest 9(1)(a)"]\n---\n# B\n');
    expect(other.settings.reservations[0]!.article).toBe('9(1)(a)');
  });
});
