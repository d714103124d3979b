import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInvariants, parseBill, prov, slice } from './helpers.js';

const CORPUS = '/work/shared/corpus';
const FIXTURES = new URL('../fixtures/bills/', import.meta.url).pathname;
const files = (dir: string, suffix: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));
  } catch {
    return [];
  }
};

describe('real statutes in the corpus', () => {
  it.each(files(CORPUS, '.md').filter((f) => !f.endsWith('README.md')))('%s parses with sane structure', (file) => {
    const bill = parseBill(readFileSync(file, 'utf8'), file);
    checkInvariants(bill);
    expect(bill.title).toBeTruthy();
    expect(bill.provisions.filter((p) => p.kind === 'section').length).toBeGreaterThan(0);
    expect(bill.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('US chapter 110: §§ 2251, 2252, 2252A, 2256 with subdivisions and the definition of "minor"', () => {
    const bill = parseBill(readFileSync(join(CORPUS, 'us-18usc-ch110-child-pornography.md'), 'utf8'));
    for (const n of ['2251', '2252', '2252A', '2256']) {
      const s = prov(bill, `s-${n}`);
      expect(s.label).toBe(`§ ${n}`);
      expect(s.childIds.length).toBeGreaterThan(1);
    }
    expect(prov(bill, 's-2252A/a/5/B').label).toBe('§ 2252A(a)(5)(B)');
    expect(prov(bill, 's-2256/2/B/ii/III').scheme).toBe('upper-roman');
    const minor = bill.definitions.find((d) => d.normalizedTerm === 'minor');
    expect(minor?.provisionId).toBe('s-2256/1');
    expect(slice(bill, minor?.bodySpan)).toBe('any person under the age of eighteen years');
    const cp = bill.definitions.find((d) => d.normalizedTerm === 'child pornography');
    expect(slice(bill, cp?.bodySpan)).toContain('(C) such visual depiction has been created');
    const ref = bill.references.find((r) => r.text === 'subsection (e)');
    expect(ref?.targetIds).toEqual(['s-2251/e']);
  });

  it('Canada: marginal notes are headings, s. 10 (a)(i)…(b)(iii), definitions in s. 1(1)', () => {
    const bill = parseBill(readFileSync(join(CORPUS, 'ca-mandatory-reporting-internet-csaem-act.md'), 'utf8'));
    expect(prov(bill, 's-10/b/iii').label).toBe('Section 10(b)(iii)');
    expect(prov(bill, 's-1/2').label).toBe('Section 1(2)');
    expect(bill.definitions.map((d) => d.term)).toContain('computer data');
    expect(bill.references.find((r) => r.text === 'subsection 163.1(1)')?.external).toBe(true);
  });

  it('Malaysia: Part II contains sections 4 and 10; the quoted definition in s. 4(a)', () => {
    const bill = parseBill(readFileSync(join(CORPUS, 'my-sexual-offences-against-children-act-2017.md'), 'utf8'));
    expect(prov(bill, 'part-II/s-10').label).toBe('Section 10');
    expect(bill.definitions.find((d) => d.term === 'child sexual abuse material')?.provisionId).toBe('part-II/s-4/a');
  });
});

describe('test fixtures', () => {
  it.each(files(FIXTURES, '.bill.md'))('%s parses', (file) => {
    const bill = parseBill(readFileSync(file, 'utf8'), file);
    checkInvariants(bill);
    expect(bill.settings.declared).toBe(true);
    expect(bill.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
