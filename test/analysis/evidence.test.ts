// A finding names each piece of evidence once, even when several detector hits rest on the same words
// (the sample's "photograph" limits the material for two limbs of its definition).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue, ROOT } from '../helpers/catalogue.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'bills');
const bills = [path.join(ROOT, 'examples', 'bills', 'sample.bill.md'), ...readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).map((f) => path.join(FIXTURES, f))];

describe('evidence', () => {
  it.each(bills.map((b) => [path.basename(b), b]))('is listed once per provision and span in %s', (_name, file) => {
    const { analysis, diagnostics } = checkText(readFileSync(file, 'utf8'), `file://${file}`, builtinCatalogue());
    for (const finding of analysis.findings) {
      const keys = finding.evidence.map((e) => `${e.provisionId}@${e.span.start}:${e.span.end}`);
      expect(new Set(keys).size, finding.elementId).toBe(keys.length);
    }
    for (const d of diagnostics) {
      const related = (d.relatedInformation ?? []).map((r) => JSON.stringify(r));
      expect(new Set(related).size, String(d.code)).toBe(related.length);
    }
  });
});
