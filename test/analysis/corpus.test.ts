// The engine against real statutes (../shared/corpus) with hand labels per element. Agreement is
// measured on met-or-partial vs missing, as the labelling rules define; then, for every element
// the labels call met, its evidence lines are blanked and the element must turn missing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue, SHARED } from '../helpers/catalogue.js';

const DIR = path.join(SHARED, 'corpus');

interface Labels {
  file: string;
  elements: Record<string, { status: 'met' | 'partial' | 'missing'; evidence: (string | number)[] }>;
}

const present = (status: string) => status === 'met' || status === 'partial';

function blankLines(text: string, ranges: (string | number)[]): string {
  const lines = text.split('\n');
  for (const range of ranges) {
    const [from, to] = String(range).split('-').map(Number);
    for (let n = from!; n <= (to ?? from!); n++) if (lines[n - 1] !== undefined) lines[n - 1] = '';
  }
  return lines.join('\n');
}

describe('real statutes in ../shared/corpus', () => {
  const labelFiles = readdirSync(DIR).filter((f) => f.endsWith('.labels.yaml')).sort();
  let agree = 0;
  let total = 0;
  let turnedMissing = 0;
  let noLongerMet = 0;
  let deletions = 0;
  const disagreements: string[] = [];
  const survivors: string[] = [];

  for (const labelFile of labelFiles) {
    const labels = parseYaml(readFileSync(path.join(DIR, labelFile), 'utf8')) as Labels;
    const text = readFileSync(path.join(DIR, labels.file), 'utf8');
    const statusOf = (source: string) => {
      const { analysis } = checkText(source, `file:///${labels.file}`, builtinCatalogue());
      return new Map(analysis.findings.map((f) => [f.elementId, f.status]));
    };
    const actual = statusOf(text);
    for (const [id, label] of Object.entries(labels.elements)) {
      total++;
      const got = actual.get(id) ?? 'missing';
      if (present(got) === present(label.status)) agree++;
      else disagreements.push(`${labels.file} ${id}: labelled ${label.status}, engine ${got}`);
      if (label.status === 'met' && label.evidence.length > 0) {
        deletions++;
        const after = statusOf(blankLines(text, label.evidence)).get(id) ?? 'missing';
        if (after === 'missing') turnedMissing++;
        if (after !== 'met') noLongerMet++;
        if (after !== 'missing') survivors.push(`${labels.file} ${id}: still ${after} without lines ${label.evidence.join(', ')}`);
      }
    }
  }

  it('agrees with the hand labels (met-or-partial vs missing) on at least 90 % of elements', () => {
    const share = agree / total;
    console.log(`corpus agreement: ${agree}/${total} = ${(share * 100).toFixed(1)} %\n  ${disagreements.join('\n  ')}`);
    expect(total).toBeGreaterThan(40);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  // Measured strictly (turned missing) and as "no longer met". The gap between the two is known and
  // not the engine's to close: deleting the simple-possession lines of 18 U.S.C. ch. 110 and § 1466A
  // leaves possession "with intent to sell/distribute", which the corpus's own labelling rules call
  // partial; and the access labels omit the federal-enclave variants (§§ 2252(a)(4)(A),
  // 2252A(a)(5)(A), lines 64 and 120), which are real access offences the engine rightly still finds.
  it('stops counting a met element as met when its evidence lines are deleted', () => {
    const strict = turnedMissing / deletions;
    const loose = noLongerMet / deletions;
    console.log(
      `evidence deletion: ${turnedMissing}/${deletions} = ${(strict * 100).toFixed(1)} % turned missing; ` +
        `${noLongerMet}/${deletions} = ${(loose * 100).toFixed(1)} % no longer met\n  ${survivors.join('\n  ')}`,
    );
    expect(deletions).toBeGreaterThan(10);
    expect(loose).toBeGreaterThanOrEqual(0.9);
    expect(strict).toBeGreaterThanOrEqual(0.85);
  });
});

describe('a whole code with no such provisions (../shared/bench/usc-title-49.md, Transportation)', () => {
  it('meets no element: nothing in 5 MB of real legislation is mistaken for the material or its offences', () => {
    const text = readFileSync(path.join(SHARED, 'bench', 'usc-title-49.md'), 'utf8');
    const { analysis } = checkText(text, 'file:///usc-title-49.md', builtinCatalogue());
    const found = analysis.findings.filter((f) => f.status !== 'missing').map((f) => `${f.elementId}: ${f.status} — ${f.reason}`);
    expect(found).toEqual([]);
  });
});
