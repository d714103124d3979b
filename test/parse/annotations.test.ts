import { describe, expect, it } from 'vitest';
import { parseBill, slice } from './helpers.js';

describe('annotations', () => {
  it('implements inside a section, ignore with a reason before a heading', () => {
    const text = '# B\n\n<!-- concordance: ignore online/removal-blocking — handled elsewhere -->\n\n## 1. Short title\n\nText.\n\n## 6. Watching\n\n<!-- concordance: implements offence/access -->\n\nA person who watches it commits an offence.\n';
    const bill = parseBill(text);
    expect(bill.annotations.map((a) => ({ kind: a.kind, elementId: a.elementId, reason: a.reason, provisionId: a.provisionId }))).toEqual([
      { kind: 'ignore', elementId: 'online/removal-blocking', reason: 'handled elsewhere', provisionId: 's-1' },
      { kind: 'implements', elementId: 'offence/access', reason: undefined, provisionId: 's-6' },
    ]);
    expect(slice(bill, bill.annotations[1]!.span)).toBe('<!-- concordance: implements offence/access -->');
    expect(bill.problems).toEqual([]);
  });

  it.each([
    ['- reason', '<!-- concordance: ignore offence/access - reason here -->', 'reason here'],
    [': reason', '<!-- concordance: ignore offence/access: reason here -->', 'reason here'],
  ])('separator %s', (_n, comment, reason) => {
    const bill = parseBill(`# B\n\n## 1. S\n\nText ${comment} more.\n`);
    expect(bill.annotations[0]).toMatchObject({ kind: 'ignore', elementId: 'offence/access', reason, provisionId: 's-1' });
  });

  it('precedes a numbered paragraph → that subdivision', () => {
    const bill = parseBill('# B\n\n## 1. S\n\n(1) A.\n\n<!-- concordance: implements offence/possession -->\n(2) B.\n');
    expect(bill.annotations[0]!.provisionId).toBe('s-1/2');
  });

  it('ignore without a reason and unknown syntax are problems; ordinary comments and code are ignored', () => {
    const text = '# B\n\n<!-- concordance: ignore offence/access -->\n\n<!-- concordance: frobnicate x -->\n\n<!-- just a comment -->\n\n`<!-- concordance: implements x -->`\n';
    const bill = parseBill(text);
    expect(bill.problems.map((p) => [p.code, slice(bill, p.span)])).toEqual([
      ['annotation/missing-reason', '<!-- concordance: ignore offence/access -->'],
      ['annotation/invalid', '<!-- concordance: frobnicate x -->'],
    ]);
    expect(bill.annotations.map((a) => a.elementId)).toEqual(['offence/access']);
  });
});
