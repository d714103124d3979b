// The harmonisation matrix of examples/workspace against the hand-checked statuses in
// examples/workspace/matrix.expected.yaml (cell by cell, not a blind snapshot), the common minimum
// standard, the one-element view, and the formats of `concordance matrix`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Matrix } from '../../server/src/compare/matrix.js';
import { minimumStandards } from '../../server/src/compare/minimum.js';
import { builtinCatalogue } from '../helpers/catalogue.js';
import { cli, WORKSPACE } from './helpers.js';

interface Expected {
  columns: Record<string, string>;
  elements: Record<string, Record<string, { status: string; age?: number; maxYears?: number }>>;
}

const expected = parseYaml(readFileSync(path.join(WORKSPACE, 'matrix.expected.yaml'), 'utf8')) as Expected;

describe('concordance matrix examples/workspace', () => {
  const run = cli(['matrix', '--format', 'json', 'examples/workspace']);
  const matrix = JSON.parse(run.stdout) as Matrix;

  it('has the three bills (named by their front matter) and the three reference profiles as columns', () => {
    expect(run.code).toBe(0);
    expect(matrix.columns.filter((c) => c.kind === 'bill').map((c) => c.name).sort()).toEqual(Object.values(expected.columns).sort());
    expect(matrix.columns.filter((c) => c.kind === 'profile').map((c) => c.name)).toEqual(['Japan', 'Malaysia', 'United States (federal)']);
  });

  it('agrees with the hand-checked status (and figures) of every cell', () => {
    expect(matrix.rows.map((r) => r.id)).toEqual(Object.keys(expected.elements));
    const mismatches: string[] = [];
    for (const row of matrix.rows) {
      for (const [key, name] of Object.entries(expected.columns)) {
        const index = matrix.columns.findIndex((c) => c.name === name);
        const cell = row.cells[index]!;
        const want = expected.elements[row.id]![key]!;
        if (cell.status !== want.status) mismatches.push(`${row.id} ${key}: ${cell.status}, expected ${want.status}`);
        if (want.age !== undefined && cell.age !== want.age) mismatches.push(`${row.id} ${key}: age ${cell.age}, expected ${want.age}`);
        if (want.maxYears !== undefined && cell.maxYears !== want.maxYears) mismatches.push(`${row.id} ${key}: ${cell.maxYears} years, expected ${want.maxYears}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('states the common minimum standard: age 18, possession without purpose, the Directive minimum maxima', () => {
    const row = (id: string) => matrix.rows.find((r) => r.id === id)!;
    expect(row('definition/child-under-18').minimum.age).toBe(18);
    expect(row('offence/possession').minimum.withoutQualifiers).toEqual(['purpose-qualified']);
    expect(row('offence/possession').minimum.summary).toContain('no purpose requirement');
    expect(row('offence/production').minimum.minimumMaximum).toBe(3);
    expect(row('offence/distribution').minimum.minimumMaximum).toBe(2);
    expect(row('offence/access').minimum.minimumMaximum).toBe(1);
    expect(row('online/provider-reporting').minimum.summary).toMatch(/^advisory/);
  });

  it('reads profile cells from definitions/profiles, unverified ones marked', () => {
    const us = matrix.columns.findIndex((c) => c.name === 'United States (federal)');
    const jp = matrix.columns.findIndex((c) => c.name === 'Japan');
    const possession = matrix.rows.find((r) => r.id === 'offence/possession')!;
    expect(possession.cells[us]).toMatchObject({ status: 'met', maxYears: 10, verified: true });
    expect(possession.cells[jp]).toMatchObject({ status: 'partial', maxYears: 1, verified: false });
  });

  it('--element shows every jurisdiction’s provisions for one element ("how others drafted it")', () => {
    const { code, stdout } = cli(['matrix', '--element', 'offence/possession', 'examples/workspace']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^offence\/possession — /);
    expect(stdout).toContain('Common minimum: required by');
    expect(stdout).toMatch(/Commonwealth of Aldermere \(examples\/workspace\/bills\/aldermere\.bill\.md\): partial\n\s+Section 5\(1\) \(line \d+\): “\(1\) A person commits an offence if he or she has an indecent image/);
    expect(stdout).toMatch(/Federated States of Corvia .*: met\n\s+§ 802\(d\)/);
    expect(stdout).toContain('18 U.S.C. §§ 2252(a)(4), 2252A(a)(5)');
    expect(stdout).toMatch(/Japan \(reference profile\): partial — unverified/);
  });

  it('prints text, Markdown and CSV, and refuses an unknown element or format', () => {
    const text = cli(['matrix', '--profiles', 'none', 'examples/workspace']);
    expect(text.stdout).toMatch(/^offence\/possession\s+partial 5y\s+met 5y\s+met 2y\s+required by/m);
    const md = cli(['matrix', '--format', 'md', '--profiles', 'us', 'examples/workspace']);
    expect(md.stdout).toContain('| Element | Commonwealth of Aldermere | Federated States of Corvia | Republic of Valmora | United States (federal) (reference) | Common minimum |');
    const csv = parseCsv(cli(['matrix', '--format', 'csv', 'examples/workspace']).stdout, { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(25);
    expect(csv.find((r) => r.element === 'definition/child-under-18')!['Commonwealth of Aldermere figure']).toBe('16');
    expect(cli(['matrix', '--element', 'offence/nothing', 'examples/workspace']).code).toBe(2);
    expect(cli(['matrix', '--format', 'docx', 'examples/workspace']).code).toBe(2);
    expect(cli(['matrix', '--profiles', 'xx', 'examples/workspace']).stderr).toMatch(/unknown profile\(s\) xx/);
  });

  it('computes the minimum only over the instruments the bills are checked against', () => {
    const onlyOpsc = minimumStandards(builtinCatalogue(), ['opsc']);
    // OPSC accepts possession "for the above purposes": alone, it asks for no more.
    expect(onlyOpsc.get('offence/possession')!.withoutQualifiers).toEqual([]);
    expect(onlyOpsc.get('definition/appearing-minor')!.summary).toBe('no instrument checked');
  });
});
