// SARIF rules: every result's code is described by a rule — elements, drafting checks, and problems
// reading the bill (with a generic description for a code this table does not know).
import { describe, expect, it } from 'vitest';
import { toSarif } from '../../server/src/report/sarif.js';
import { builtinCatalogue } from '../helpers/catalogue.js';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };

describe('SARIF rules', () => {
  it('describe every code a result carries, and each result points at its own rule', () => {
    const diagnostics = ['offence/access', 'drafting/broken-reference', 'frontmatter/invalid-yaml', 'somewhere/new-code'].map((code) => ({
      range: at,
      severity: 2,
      code,
      source: 'concordance',
      message: `about ${code}`,
    }));
    const log = JSON.parse(toSarif(builtinCatalogue(), [{ uri: 'bills/a.md', diagnostics }], '0.0.0'));
    const rules: Array<{ id: string; shortDescription: { text: string } }> = log.runs[0].tool.driver.rules;
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    const description = (id: string) => rules.find((r) => r.id === id)?.shortDescription.text;
    expect(description('frontmatter/invalid-yaml')).toBe('The front matter (per-bill settings) is not valid YAML');
    expect(description('drafting/broken-reference')).toMatch(/cross-reference/);
    expect(description('somewhere/new-code')).toBe('A problem reading the bill (somewhere/new-code)');
    // Reading-problem rules appear only for codes that occur.
    expect(rules.some((r) => r.id === 'structure/too-deep')).toBe(false);
  });
});
