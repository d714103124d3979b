import { describe, expect, it } from 'vitest';
import { parseBill } from './helpers.js';
import type { Bill } from '../../server/src/parse/types.js';

const BILL = `# Bill

## Part 1 — General

## 1. Definitions

(1) Text.

(2) Text (a) here.

## 2. Other

## Part 2 — Offences

## 4. Possession

(1) First.

(2) A person who—

(a) does x; or

(b) does y.

(3) Text.

## 5. Procuring

(1) Text.

## 6. Access

Text.

## 7. Refs

`;

function refs(sentence: string, extra = ''): Array<Record<string, unknown>> {
  const bill: Bill = parseBill(BILL + sentence + '\n' + extra);
  const start = BILL.length;
  return bill.references
    .filter((r) => r.span.start >= start)
    .map((r) => ({
      text: r.text,
      kind: r.kind,
      path: r.path,
      targets: r.targetIds,
      ...(r.external ? { external: true } : {}),
      ...(r.self ? { self: true } : {}),
      ...(r.rangeOf ? { rangeOf: r.rangeOf } : {}),
    }));
}

describe('cross-references', () => {
  it.each([
    ['section 4(2)(b)', [{ text: 'section 4(2)(b)', kind: 'section', path: ['4', '2', 'b'], targets: ['part-2/s-4/2/b'] }]],
    ['Part 2', [{ text: 'Part 2', kind: 'part', path: ['2'], targets: ['part-2'] }]],
    ['section 9', [{ text: 'section 9', kind: 'section', path: ['9'], targets: [] }]],
    ['this Act', [{ text: 'this Act', kind: 'act', path: [], targets: ['document'], self: true }]],
    ['this section', [{ text: 'this section', kind: 'section', path: [], targets: ['part-2/s-7'], self: true }]],
    ['this Part', [{ text: 'this Part', kind: 'part', path: [], targets: ['part-2'], self: true }]],
    ['section 1 of the Protection of Children Act 1978', [{ text: 'section 1', kind: 'section', path: ['1'], targets: [], external: true }]],
    ['section 2256(8) of title 18', [{ text: 'section 2256(8)', kind: 'section', path: ['2256', '8'], targets: [], external: true }]],
    ['Article 9(1)(e) of the Convention', [{ text: 'Article 9(1)(e)', kind: 'article', path: ['9', '1', 'e'], targets: [], external: true }]],
    ['section 2252 of title 18, United States Code', [{ text: 'section 2252', kind: 'section', path: ['2252'], targets: [], external: true }]],
    ['title 18, United States Code, section 2252', [{ text: 'section 2252', kind: 'section', path: ['2252'], targets: [], external: true }]],
  ])('%s', (sentence, expected) => {
    expect(refs(`A person refers to ${sentence}.`)).toEqual(expected);
  });

  it('ranges and lists: one reference per member', () => {
    const to = refs('Under sections 4 to 6 it applies.');
    expect(to.map((r) => [r.text, r.targets, r.rangeOf])).toEqual([
      ['section 4', ['part-2/s-4'], 'sections 4 to 6'],
      ['section 5', ['part-2/s-5'], 'sections 4 to 6'],
      ['section 6', ['part-2/s-6'], 'sections 4 to 6'],
    ]);
    expect(refs('Under sections 4–6.').map((r) => r.path)).toEqual([['4'], ['5'], ['6']]);
    expect(refs('Under sections 4, 5 and 7.').map((r) => r.targets)).toEqual([['part-2/s-4'], ['part-2/s-5'], ['part-2/s-7']]);
  });

  it('relative references resolve inside the enclosing section', () => {
    const bill = parseBill('# B\n\n## 4. S\n\n(1) Text.\n\n(2) Under subsection (1) and paragraph (a).\n\n(a) as in paragraph (a) of subsection (3);\n\n(b) x.\n\n(3) y (a) z.\n\n(a) under subsections (1), (2) and (4).\n');
    const got = bill.references.map((r) => [r.text, r.fromProvisionId, r.targetIds]);
    expect(got).toEqual([
      ['subsection (1)', 's-4/2', ['s-4/1']],
      ['paragraph (a)', 's-4/2', ['s-4/2/a']],
      ['paragraph (a) of subsection (3)', 's-4/2/a', ['s-4/3/a']],
      ['subsection (1)', 's-4/3/a', ['s-4/1']],
      ['subsection (2)', 's-4/3/a', ['s-4/2']],
      ['subsection (4)', 's-4/3/a', []],
    ]);
    expect(bill.references[2]!.path).toEqual(['3', 'a']);
    expect(bill.references[2]!.kind).toBe('paragraph');
  });

  it('US subsection (a)(1) and § references; civil-law Art. and paragraph N', () => {
    const us = parseBill('# B\n\n## § 102. X\n\n(a) In general.\n\n(1) one\n\n(b) Whoever violates subsection (a)(1) or § 102(a).\n');
    expect(us.references.map((r) => [r.text, r.targetIds])).toEqual([
      ['subsection (a)(1)', ['s-102/a/1']],
      ['§ 102(a)', ['s-102/a']],
    ]);
    const civil = parseBill('# L\n\n## Article 4\n\n1. Text.\n\n2. In the cases in paragraph 1 and Art. 4.\n');
    expect(civil.references.map((r) => [r.text, r.targetIds])).toEqual([
      ['paragraph 1', ['art-4/1']],
      ['Art. 4', ['art-4']],
    ]);
  });

  it('headings naming themselves are not references; words like "S.C." are not sections', () => {
    const bill = parseBill('# Act (S.C. 2011, c. 4)\n\n## Part 2 — Offences\n\n## Schedule 1\n\nSee Schedule 1 and Part 2.\n');
    expect(bill.references.map((r) => [r.text, r.targetIds])).toEqual([
      ['Schedule 1', ['sch-1']],
      ['Part 2', ['part-2']],
    ]);
  });
});
