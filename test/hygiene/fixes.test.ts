// Quick-fixes for drafting findings: each edits only what it names, and applying it removes the
// finding. The renumbering fixes on the fixtures reproduce the hand-written clean twin exactly —
// numbers and the references into the renumbered level alike.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HygieneFinding } from '../../server/src/hygiene/index.js';
import { ROOT } from '../helpers/catalogue.js';
import { apply, bill, codes, fixesOf, hygiene } from './helpers.js';

const fixture = (name: string): string => readFileSync(path.join(ROOT, 'test', 'fixtures', 'hygiene', name), 'utf8');

/** Applies the first fix of the first finding with `code`, until none is left (at most `limit` times). */
function fixAll(text: string, code: string, limit = 5): string {
  let current = text;
  for (let i = 0; i < limit; i++) {
    const finding = hygiene(current).findings.find((f) => f.code === code && fixesOf(f).length > 0);
    if (!finding) return current;
    current = apply(current, fixesOf(finding)[0]!);
  }
  return current;
}

function first(text: string, code: string): HygieneFinding {
  const finding = hygiene(text).findings.find((f) => f.code === code);
  if (!finding) throw new Error(`no ${code} in:\n${text}`);
  return finding;
}

describe('renumbering a level', () => {
  it.each([
    ['numbering-gap.md', 'drafting/numbering-gap'],
    ['numbering-order.md', 'drafting/numbering-order'],
    ['mixed-numbering.md', 'drafting/mixed-numbering'],
  ])('%s: the fix gives the clean twin, references included', (name, code) => {
    const fixed = fixAll(fixture(name), code);
    expect(fixed).toBe(fixture(name.replace('.md', '.clean.md')));
  });

  it('keeps inserted numbers as insertions (4, 6, 6A, 7 → 4, 5, 5A, 6) and rewrites the references to them', () => {
    const text = bill('## 4. A\n\nText.\n\n## 6. B\n\nSection 7 applies.\n\n## 6A. C\n\nSection 6 applies.\n\n## 7. D\n\nSections 4 to 6A and section 6A apply.');
    const fix = fixesOf(first(text, 'drafting/numbering-gap'))[0]!;
    expect(fix.title).toMatch(/^Renumber the sections of the bill and update the references/);
    expect(apply(text, fix)).toBe(bill('## 4. A\n\nText.\n\n## 5. B\n\nSection 6 applies.\n\n## 5A. C\n\nSection 5 applies.\n\n## 6. D\n\nSections 4 to 5A and section 5A apply.'));
  });

  it('a reference to a duplicated number pointed at both provisions, and still does', () => {
    const text = bill('## 1. A\n\nText.\n\n## 2. B\n\nText.\n\n## 2. C\n\nText.\n\n## 3. D\n\nSection 2 applies, and so does section 1.');
    const fixed = apply(text, fixesOf(first(text, 'drafting/duplicate-number'))[0]!);
    expect(fixed).toBe(bill('## 1. A\n\nText.\n\n## 2. B\n\nText.\n\n## 3. C\n\nText.\n\n## 4. D\n\nSections 2 and 3 applies, and so does section 1.'));
    expect(codes(fixed)).toEqual([]);
  });

  it('is not offered when a broken reference would start pointing into the renumbered level', () => {
    // "Section 3" points nowhere; renumbering the two sections 2 would make it point at one of them.
    const text = fixture('duplicate-number.md');
    const sections = hygiene(text).findings.filter((f) => f.code === 'drafting/duplicate-number')[1]!;
    expect(fixesOf(sections)).toEqual([]);
    const subsections = hygiene(text).findings.filter((f) => f.code === 'drafting/duplicate-number')[0]!;
    expect(fixesOf(subsections).map((f) => f.edits.length)).toEqual([1]);
  });

  it('renumbers subdivisions in their own scheme and rewrites "paragraph (c) of subsection (2)"', () => {
    const text = bill('## 1. A\n\n(1) Text.\n\n(2) A person who—\n\n(a) x;\n\n(c) y,\n\ncommits an offence.\n\n(3) Paragraph (c) of subsection (2) and section 1(2)(c) apply.');
    const fixed = apply(text, fixesOf(first(text, 'drafting/numbering-gap'))[0]!);
    expect(fixed).toContain('(b) y,');
    expect(fixed).toContain('(3) Paragraph (b) of subsection (2) and section 1(2)(b) apply.');
    expect(codes(fixed)).toEqual([]);
  });
});

describe('other fixes', () => {
  it('broken reference: the nearest existing provisions, editing only the number in the reference', () => {
    const text = fixture('broken-reference.md');
    const finding = first(text, 'drafting/broken-reference');
    const fixes = fixesOf(finding);
    expect(fixes.map((f) => f.title)).toEqual(['Change to “subsection (2)”', 'Change to “subsection (1)”']);
    for (const fix of fixes) {
      for (const e of fix.edits) expect(e.span.start >= finding.span.start && e.span.end <= finding.span.end).toBe(true);
      expect(fix.preferred).toBe(false);
    }
    const fixed = apply(text, fixes[1]!);
    expect(fixed.replace('subsection (1) is liable', 'subsection (3) is liable')).toBe(text);
  });

  it('inconsistent form: rewritten as defined, sentence capital kept', () => {
    const text = fixture('inconsistent-term-form.md');
    expect(codes(fixAll(text, 'drafting/inconsistent-term-form'))).toEqual([]);
  });

  it('ambiguous case: either write the defined term or mark the word ordinary', () => {
    const text = fixture('ambiguous-term-case.md');
    const [write, ordinary] = fixesOf(first(text, 'drafting/ambiguous-term-case'));
    expect(apply(text, write!)).toContain('A provider of financial Services');
    const marked = apply(text, ordinary!);
    expect(marked.endsWith('<!-- concordance: ordinary services -->\n')).toBe(true);
    expect(codes(marked)).toEqual([]);
  });

  it('undefined term: drop the quotation marks everywhere it is written so', () => {
    const text = fixture('undefined-term.md');
    const fixed = apply(text, fixesOf(first(text, 'drafting/undefined-term'))[0]!);
    expect(fixed).toContain('makes or distributes a sexualised image of a child');
    expect(codes(fixed)).not.toContain('drafting/undefined-term');
  });

  it('terminology: renames the defined term everywhere, never inside quotations, block quotes or titles', () => {
    const text = fixture('preferred-terminology.md');
    const fix = fixesOf(first(text, 'drafting/preferred-terminology'))[0]!;
    expect(fix.preferred).toBe(true);
    const fixed = apply(text, fix);
    expect(fixed).toContain('In this Act, “child sexual abuse material” means');
    expect(fixed).toContain('A person who possesses child sexual abuse material commits');
    expect(fixed).toContain('(2) Child sexual abuse material includes');
    expect(fixed).toContain('child prostitution and child pornography.');
    expect(fixed).toContain('> Child pornography means any representation');
    expect(fixed).toContain('The phrase “child pornography” in that Article');
    expect(codes(fixed)).toEqual([]);
  });
});
