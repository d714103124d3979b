// Data-driven: each fixture bill in, its hand-checked expected findings (status and implementing
// provisions per element) out. The expected files were written by reading the bills, not the engine.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue, ROOT } from '../helpers/catalogue.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'bills');

interface Expected {
  elements: Record<string, { status: string; provisions: string[]; why?: string }>;
}

const bills = readdirSync(DIR).filter((f) => f.endsWith('.bill.md')).sort();

describe('fixture bills', () => {
  it('there are at least 12 of them, each with an expected-findings file', () => {
    expect(bills.length).toBeGreaterThanOrEqual(12);
    for (const bill of bills) expect(readdirSync(DIR)).toContain(bill.replace('.bill.md', '.expected.yaml'));
  });

  for (const file of bills) {
    it(file, () => {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const expected = parseYaml(readFileSync(path.join(DIR, file.replace('.bill.md', '.expected.yaml')), 'utf8')) as Expected;
      const { analysis } = checkText(text, `file:///${file}`, builtinCatalogue());
      const actual = Object.fromEntries(analysis.findings.map((f) => [f.elementId, f]));
      const mismatches: string[] = [];
      for (const [id, want] of Object.entries(expected.elements)) {
        const got = actual[id];
        if (!got) {
          mismatches.push(`${id}: not reported`);
          continue;
        }
        if (got.status !== want.status) {
          mismatches.push(`${id}: expected ${want.status}, got ${got.status} — ${got.reason}`);
          continue;
        }
        const labels = new Set(got.evidence.map((e) => e.label));
        if (want.provisions.length > 0 && !want.provisions.some((p) => labels.has(p))) {
          mismatches.push(`${id}: expected evidence in ${want.provisions.join(', ')}, got ${[...labels].join(', ') || 'none'}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(Object.keys(expected.elements).sort()).toEqual(analysis.findings.map((f) => f.elementId).sort());
    });
  }
});
