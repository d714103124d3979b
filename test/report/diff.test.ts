// `concordance diff OLD NEW` on two versions of a bill (test/report/fixtures/amend-v1/-v2): v2 adds
// an access offence (newly met), qualifies possession by a purpose (newly broken: met → partial)
// and raises the production penalty (evidence changed, same status).
import { describe, expect, it } from 'vitest';
import type { BillDiff } from '../../server/src/compare/diff.js';
import { diffReports } from '../../server/src/compare/diff.js';
import { cli, FIXTURES, reportFor } from './helpers.js';

const V1 = 'test/report/fixtures/amend-v1.bill.md';
const V2 = 'test/report/fixtures/amend-v2.bill.md';

describe('concordance diff', () => {
  it('names what the amendment newly meets, newly breaks and changes (json)', () => {
    const { code, stdout } = cli(['diff', '--format', 'json', V1, V2]);
    expect(code).toBe(1); // something that was met is not any more
    const diff = JSON.parse(stdout) as BillDiff;
    const kind = (k: string) => diff.changes.filter((c) => c.kind === k).map((c) => c.id).sort();
    expect(kind('newly-broken')).toEqual(['offence/possession']);
    expect(kind('newly-met')).toEqual(['offence/access', 'offence/ict']);
    expect(kind('evidence-changed')).toEqual(['general/penalties', 'offence/production']);
    expect(kind('status-changed')).toEqual([]);
    const possession = diff.changes.find((c) => c.id === 'offence/possession')!;
    expect(possession).toMatchObject({ before: 'met', after: 'partial', direction: 'worse' });
    expect(possession.perInstrument).toEqual(
      expect.arrayContaining([
        { instrument: 'budapest', before: 'met', after: 'partial' },
        { instrument: 'eu-2011-93', before: 'met', after: 'partial' },
      ]),
    );
    expect(possession.perInstrument.find((p) => p.instrument === 'opsc')).toBeUndefined(); // OPSC accepts the purpose
    expect(diff.changes.find((c) => c.id === 'offence/production')!.figures).toEqual([{ what: 'maximum penalty (years)', before: '10', after: '12' }]);
    expect(diff.changes.find((c) => c.id === 'offence/access')!.provisions.added).toEqual(['Section 5']);
    expect(diff.summary.unchanged).toBe(25 - 5);
  });

  it('prints the same as text, newly broken first', () => {
    const { code, stdout } = cli(['diff', V1, V2]);
    expect(code).toBe(1);
    const broken = stdout.indexOf('Newly broken (was met) (1):');
    const met = stdout.indexOf('Newly met (2):');
    expect(broken).toBeGreaterThan(0);
    expect(met).toBeGreaterThan(broken);
    expect(stdout).toMatch(/offence\/possession\s+met\s+→ partial/);
    expect(stdout).toMatch(/maximum penalty \(years\): 10 → 12/);
  });

  it('finds nothing between a version and itself, and exits 0', () => {
    const { code, stdout } = cli(['diff', '--format', 'json', V1, V1]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as BillDiff).summary.unchanged).toBe(25);
  });

  it('the reverse amendment newly meets what the forward one broke', () => {
    const diff = diffReports(reportFor(`${FIXTURES}/amend-v2.bill.md`), reportFor(`${FIXTURES}/amend-v1.bill.md`));
    expect(diff.changes.filter((c) => c.kind === 'newly-met').map((c) => c.id)).toEqual(['offence/possession']);
    expect(diff.changes.find((c) => c.id === 'offence/access')).toMatchObject({ kind: 'newly-broken', before: 'met', after: 'missing', direction: 'worse' });
    expect(diff.changes.find((c) => c.id === 'offence/access')!.provisions.removed).toEqual(['Section 5']);
  });

  it('needs exactly two files', () => {
    expect(cli(['diff', V1]).code).toBe(2);
    expect(cli(['diff', V1, 'no/such/file.md']).stderr).toMatch(/no\/such\/file\.md: cannot read \(no such file\)/);
  });
});
