import { describe, expect, it } from 'vitest';
import { parseBill, slice } from './helpers.js';
import type { Bill } from '../../server/src/parse/types.js';

const defs = (bill: Bill) => bill.definitions.map((d) => ({ term: slice(bill, d.termSpan), body: slice(bill, d.bodySpan), form: d.form, provisionId: d.provisionId }));

describe('definitions', () => {
  it.each([
    ['straight quotes', '"child" means a person under 18.'],
    ['curly quotes', '“child” means a person under 18.'],
    ['single curly quotes', '‘child’ means a person under 18.'],
    ['guillemets', '«child» means a person under 18.'],
    ['bold', '**child** means a person under 18.'],
    ['italic', '*child* means a person under 18.'],
    ['the term', 'the term "child" means a person under 18;'],
    ['scope lead-in', 'In this Act, "child" means a person under 18.'],
  ])('%s', (_name, line) => {
    const bill = parseBill(`# B\n\n## 2. Interpretation\n\n${line}\n`);
    expect(defs(bill)).toEqual([{ term: 'child', body: 'a person under 18', form: 'means', provisionId: 's-2' }]);
    const d = bill.definitions[0]!;
    expect(d.id).toBe('def:child');
    expect(d.normalizedTerm).toBe('child');
    expect(d.span.start).toBeLessThanOrEqual(d.termSpan.start);
    expect(d.span.end).toBe(d.bodySpan.end);
  });

  // A provision whose lead-in introduces definitions makes its paragraphs definitions even without
  // quotes; each way the lead-in can end is checked (the parser only searches lead-ins that can).
  it.each([
    ['definitions apply', 'The following definitions apply'],
    ['following terms', 'In this section the following terms'],
    ['following expressions', 'For this Part, the following EXPRESSIONS'],
    ['scope lead-in with a dash', 'In this section —'],
    ['scope lead-in with a colon', 'For the purposes of this Act:'],
    ['the term', 'In this Act the term'],
  ])('unquoted terms after a lead-in: %s', (_name, lead) => {
    const bill = parseBill(`# B\n\n## 2. Terms\n\n${lead}\n\n(1) child means a person under 18;\n\n(2) image includes a film.\n`);
    expect(defs(bill).map((d) => [d.term, d.body])).toEqual([
      ['child', 'a person under 18'],
      ['image', 'a film'],
    ]);
  });

  it.each([
    ['shall mean', '"child" shall mean a person under 18.', 'means'],
    ['shall include', '"child" shall include a person under 18.', 'includes'],
    ['refers to', '"child" refers to a person under 18.', 'means'],
    ['capitals', '"child" MEANS a person under 18.', 'means'],
  ])('the verb "%s", outside a definitions provision', (_name, line, form) => {
    const bill = parseBill(`# B\n\n## 2. Scope\n\nIncluding what follows.\n\n${line}\n`);
    expect(defs(bill)).toEqual([{ term: 'child', body: 'a person under 18', form, provisionId: 's-2' }]);
  });

  it('includes and has-the-meaning forms', () => {
    const bill = parseBill('# B\n\n## 2. Interpretation\n\n"image" includes a video;\n\n"computer" has the meaning given in section 1030 of title 18.\n');
    expect(defs(bill)).toEqual([
      { term: 'image', body: 'a video', form: 'includes', provisionId: 's-2' },
      { term: 'computer', body: 'given in section 1030 of title 18', form: 'has-meaning', provisionId: 's-2' },
    ]);
  });

  it('several definitions in one paragraph separated by ";"', () => {
    const bill = parseBill('# B\n\n## 2. Interpretation\n\nIn this Act, "child" means a person under 18; "image" includes a film; and "film" means any recording.\n');
    expect(defs(bill).map((d) => [d.term, d.body])).toEqual([
      ['child', 'a person under 18'],
      ['image', 'a film'],
      ['film', 'any recording'],
    ]);
  });

  it('a lettered list of definitions: each entry is one definition', () => {
    const bill = parseBill('# B\n\n## 2. Interpretation\n\nIn this Act—\n\n(a) "child" means a person under 18;\n\n(b) "image" includes a film.\n');
    expect(defs(bill)).toEqual([
      { term: 'child', body: 'a person under 18', form: 'means', provisionId: 's-2/a' },
      { term: 'image', body: 'a film', form: 'includes', provisionId: 's-2/b' },
    ]);
    expect(bill.definitions.map((d) => d.scope)).toEqual([{ kind: 'act' }, { kind: 'act' }]);
  });

  it('US style: (1) the term "minor" means …; body stops at the subdivision end', () => {
    const bill = parseBill('# B\n\n## § 2256. Definitions\n\nFor the purposes of this chapter, the term—\n\n(1) the term "minor" means any person under the age of eighteen years;\n\n(2) "producing" means producing.\n');
    expect(defs(bill)[0]).toEqual({ term: 'minor', body: 'any person under the age of eighteen years', form: 'means', provisionId: 's-2256/1' });
  });

  it('a definition ending in a lead-in extends over its subdivisions', () => {
    const bill = parseBill('# B\n\n## 3. Meaning\n\n(1) In this Act, "material" means any representation of—\n\n(a) a child; or\n\n(b) a person appearing to be a child.\n\n(2) Other.\n');
    const d = bill.definitions[0]!;
    expect(slice(bill, d.bodySpan)).toBe('any representation of—\n\n(a) a child; or\n\n(b) a person appearing to be a child');
    expect(d.provisionId).toBe('s-3/1');
  });

  it('colon form and unquoted form only inside a definitions provision', () => {
    const inside = parseBill('# B\n\n## 7. Offences\n\n(3) In this section:\n\nparticipate: includes to take part remotely;\n\naudience: one or more persons.\n');
    expect(defs(inside).map((d) => [d.term, d.body, d.form])).toEqual([
      ['participate', 'includes to take part remotely', 'colon'],
      ['audience', 'one or more persons', 'colon'],
    ]);
    expect(inside.definitions[0]!.scope).toEqual({ kind: 'provision', provisionId: 's-7' });
    const outside = parseBill('# B\n\n## 7. Offences\n\nNote: this is not a definition.\n\nchild means nothing here.\n');
    expect(outside.definitions).toEqual([]);
    const bare = parseBill('# B\n\n## 1. Definitions\n\ncomputer data means representations of data.\n');
    expect(defs(bare).map((d) => d.term)).toEqual(['computer data']);
  });

  it('GFM definition tables', () => {
    const bill = parseBill('# B\n\n## 2 Definitions\n\nIn this Act:\n\n| Term | Meaning |\n|---|---|\n| child | a person under 18 |\n| **image** | a picture |\n');
    expect(defs(bill)).toEqual([
      { term: 'child', body: 'a person under 18', form: 'table', provisionId: 's-2' },
      { term: 'image', body: 'a picture', form: 'table', provisionId: 's-2' },
    ]);
  });

  it('scope: In this Part / In this section / default act', () => {
    const bill = parseBill('# B\n\n## Part 2\n\n### 5. Defs\n\nIn this Part, "x" means y.\n\n### 6. Other\n\nFor the purposes of this section, "z" means w.\n\n### 7. Plain\n\n"q" means r.\n');
    expect(bill.definitions.map((d) => [d.term, d.scope])).toEqual([
      ['x', { kind: 'provision', provisionId: 'part-2' }],
      ['z', { kind: 'provision', provisionId: 'part-2/s-6' }],
      ['q', { kind: 'act' }],
    ]);
  });

  it('repeated terms get distinct ids; prose with quotes is not a definition', () => {
    const bill = parseBill('# B\n\n## 1. A\n\n"child" means a person under 18.\n\n## 2. B\n\n"child" means a person under 16.\n\nThe word "child" appears here and means nothing.\n');
    expect(bill.definitions.map((d) => d.id)).toEqual(['def:child', 'def:child:2']);
  });
});
