// Quick-fixes drafted by the core: each edits only what it names, and applying them all closes
// the gaps — checked with the provenance comments stripped, so the engine must recognise the
// drafted words themselves rather than trust the annotation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftFixes } from '../../server/src/draft/fixes.js';
import { applyEdits, fixText } from '../../server/src/service/fix.js';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue, ROOT } from '../helpers/catalogue.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'bills');
const bills = readdirSync(DIR).filter((f) => f.endsWith('.bill.md')).sort();
// Only the comments fixes add (they carry citations); a drafter's own annotations stay.
const PROVENANCE = /<!-- concordance: implements \S+ \(.*?\) -->\r?\n/g;

function statuses(text: string) {
  return checkText(text, 'file:///bill.md', builtinCatalogue()).analysis.findings;
}

describe('fix all', () => {
  for (const file of bills) {
    it(`${file}: no element stays missing, and every edit leaves the rest of the text as it was`, () => {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const result = fixText(text, 'file:///bill.md', builtinCatalogue());
      const stripped = result.text.replace(PROVENANCE, '');
      const missing = statuses(stripped).filter((f) => f.status === 'missing' && !f.annotation).map((f) => `${f.elementId}: ${f.reason}`);
      expect(missing).toEqual([]);
      // Every original line survives unless a fix named it (raise-age, strike-qualifier, add-limb, raise-penalty).
      const original = text.split('\n');
      const fixedLines = new Set(result.text.split('\n'));
      const changed = original.filter((line) => !fixedLines.has(line));
      const { bill, analysis } = checkText(text, 'file:///bill.md', builtinCatalogue());
      const targeted = draftFixes(bill, builtinCatalogue(), analysis, analysis.vocabulary).filter((f) => f.kind !== 'insert-provision' && f.kind !== 'insert-definition');
      const touchedLines = new Set(targeted.flatMap((f) => f.edits.map((e) => text.slice(0, e.span.start).split('\n').length - 1)));
      for (const line of changed) expect(touchedLines.has(original.indexOf(line)), `unexpected change to: ${line}`).toBe(true);
      // The fixed bill still parses without new problems.
      expect(checkText(result.text, 'file:///bill.md', builtinCatalogue()).bill.problems.length).toBeLessThanOrEqual(bill.problems.length);
    });
  }
});

describe('single fixes', () => {
  const base = `# Test Bill\n\n## 1. Interpretation\n\nIn this Act—\n\n"child" means a person under the age of 16 years;\n\n"indecent image" means a photograph of a child engaged in sexual activity.\n\n## 2. Possession\n\n(1) A person who possesses an indecent image with intent to distribute it commits an offence.\n\n(2) A person who commits an offence under subsection (1) is liable to imprisonment for a term not exceeding 5 years.\n\n## 3. Commencement\n\nThis Act comes into force on 1 January 2027.\n`;
  const fixFor = (element: string) => {
    const { bill, analysis } = checkText(base, 'file:///bill.md', builtinCatalogue());
    return draftFixes(bill, builtinCatalogue(), analysis, analysis.vocabulary).find((f) => f.elementId === element)!;
  };

  it('raises the age to 18 and touches nothing else', () => {
    const fix = fixFor('definition/child-under-18');
    expect(fix.kind).toBe('raise-age');
    expect(applyEdits(base, fix.edits)).toBe(base.replace('under the age of 16 years', 'under the age of 18 years'));
  });

  it('strikes the purpose clause from possession', () => {
    const fix = fixFor('offence/possession');
    expect(fix.kind).toBe('strike-qualifier');
    expect(applyEdits(base, fix.edits)).toBe(base.replace(' with intent to distribute it', ''));
  });

  it('adds "real or simulated" to the definition', () => {
    const fix = fixFor('definition/real-or-simulated');
    expect(applyEdits(base, fix.edits)).toContain('engaged in real or simulated sexual activity');
  });

  it('drafts a missing offence as the next section after the last offence, in the bill\'s style and terms', () => {
    const fix = fixFor('offence/access');
    const fixed = applyEdits(base, fix.edits);
    expect(fixed).toContain('<!-- concordance: implements offence/access (Lanzarote 20(1)(f); Dir 2011/93/EU 5(3)) -->\n## 2A. Accessing indecent image\n\n(1) A person who knowingly obtains access, by means of information and communication technologies, to an indecent image commits an offence.');
    expect(fixed.indexOf('## 2A.')).toBeGreaterThan(fixed.indexOf('## 2. Possession'));
    expect(fixed.indexOf('## 2A.')).toBeLessThan(fixed.indexOf('## 3. Commencement'));
  });

  it('puts a missing definition alphabetically among the definitions', () => {
    const text = base.replace('"child" means', '"adult" means a person over 18;\n\n"child" means').replace(/"indecent image" means[^\n]*\n/, '');
    const { bill, analysis } = checkText(text, 'file:///bill.md', builtinCatalogue());
    const fix = draftFixes(bill, builtinCatalogue(), analysis).find((f) => f.elementId === 'definition/material')!;
    const fixed = applyEdits(text, fix.edits);
    expect(fixed.indexOf('"child sexual abuse material" means')).toBeGreaterThan(fixed.indexOf('"child" means'));
    expect(fixed.indexOf('"adult" means')).toBeLessThan(fixed.indexOf('"child" means'));
  });
});
