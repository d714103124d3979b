// Data-driven: every fixture in test/fixtures/hygiene has one drafting defect (or a few of a kind)
// and a clean twin. The defective one must produce exactly the hand-checked findings of its
// .expected.yaml (code, range and covered text); the clean twin none at all.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DRAFTING_CODE_IDS } from '../../server/src/hygiene/index.js';
import { LineIndex } from '../../server/src/parse/index.js';
import { ROOT } from '../helpers/catalogue.js';
import { hygiene } from './helpers.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'hygiene');
const defective = readdirSync(DIR).filter((f) => f.endsWith('.md') && !f.endsWith('.clean.md')).sort();

interface Expected {
  findings: Array<{ code: string; range: [number, number, number, number]; text: string }>;
}

describe('drafting fixtures', () => {
  it('every drafting code has a fixture that shows it, and every fixture a clean twin', () => {
    const shown = new Set<string>();
    for (const file of defective) {
      expect(readdirSync(DIR)).toContain(file.replace(/\.md$/, '.clean.md'));
      const expected = parseYaml(readFileSync(path.join(DIR, file.replace(/\.md$/, '.expected.yaml')), 'utf8')) as Expected;
      for (const f of expected.findings) shown.add(f.code);
    }
    expect([...shown].sort()).toEqual([...DRAFTING_CODE_IDS].sort());
  });

  for (const file of defective) {
    it(`${file}: exactly the expected findings`, () => {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const expected = parseYaml(readFileSync(path.join(DIR, file.replace(/\.md$/, '.expected.yaml')), 'utf8')) as Expected;
      const lines = new LineIndex(text);
      const actual = hygiene(text).findings.map((f) => {
        const a = lines.positionAt(f.span.start);
        const b = lines.positionAt(f.span.end);
        return { code: f.code, range: [a.line, a.character, b.line, b.character], text: text.slice(f.span.start, f.span.end) };
      });
      expect(actual).toEqual(expected.findings);
    });

    const twin = file.replace(/\.md$/, '.clean.md');
    it(`${twin}: no drafting findings`, () => {
      const text = readFileSync(path.join(DIR, twin), 'utf8');
      const { bill, findings } = hygiene(text);
      expect(findings.map((f) => `${f.code}: ${bill.text.slice(f.span.start, f.span.end)} — ${f.message}`)).toEqual([]);
    });
  }
});
