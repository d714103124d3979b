import { describe, expect, it } from 'vitest';
import { parseBill } from './helpers.js';

describe('plain', () => {
  it.each([
    ['heading markers', '## 3. Possession', '   3. Possession'],
    ['emphasis', 'a **bold** and *it* word', 'a   bold   and  it  word'],
    ['link', 'see [section 4](#s-4) now', 'see  section 4' + ' '.repeat(8) + 'now'],
    ['html comment', 'a <!-- x --> b', 'a            b'],
    ['table', '| a | b |\n|---|---|\n| c | d |', '  a   b  \n         \n  c   d  '],
    ['bullet', '- (a) item', '  (a) item'],
    ['ordered list keeps its number', '1. item', '1. item'],
    ['blockquote', '> quoted\n> more', '  quoted\n  more'],
    ['code fence', '```\ncode\n```', '   \ncode\n   '],
    ['quotes and numbering stay', '(1) “child” means', '(1) “child” means'],
    ['escapes and entities', '\\(1\\) a &amp; b', ' (1 ) a     & b'],
    ['strikethrough', 'a ~~gone~~ b', 'a   gone   b'],
  ])('%s', (_name, md, expected) => {
    const bill = parseBill(md);
    expect(bill.plain).toBe(expected);
  });

  it('front matter is blanked, newlines kept, same length', () => {
    const text = '---\r\nconcordance: {}\r\n---\r\n# T\r\n';
    const bill = parseBill(text);
    expect(bill.plain.length).toBe(text.length);
    expect(bill.plain).toBe('   \r\n               \r\n   \r\n  T\r\n');
  });
});
