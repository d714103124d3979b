// The national reference profiles (definitions/profiles): valid against the zod schema, complete,
// and — for the two statutes in ../shared/corpus — in agreement with the hand labels, citing lines
// that exist. Japan's Act is not in the stored sources: every entry must say it is unverified.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseProfiles, selectProfiles, type Profile } from '../../server/src/compare/profiles.js';
import { builtinCatalogue, DEFINITIONS, SHARED } from '../helpers/catalogue.js';

const DIR = path.join(DEFINITIONS, 'profiles');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort().map((name) => ({ path: name, text: readFileSync(path.join(DIR, name), 'utf8') }));
const { profiles, problems } = parseProfiles(files, builtinCatalogue());
const byId = (id: string): Profile => profiles.find((p) => p.id === id)!;

interface Labels {
  file: string;
  elements: Record<string, { status: 'met' | 'partial' | 'missing'; evidence: (string | number)[]; why: string; age?: number | null }>;
}

describe('reference profiles', () => {
  it('load without problems and cover every element of the catalogue', () => {
    expect(problems).toEqual([]);
    expect(profiles.map((p) => p.id).sort()).toEqual(['jp', 'my', 'us']);
    const ids = builtinCatalogue().elements.map((e) => e.id).sort();
    for (const profile of profiles) expect(Object.keys(profile.elements).sort(), profile.id).toEqual(ids);
  });

  for (const [id, labelFile, textFile] of [
    ['us', 'us-18usc-ch110-child-pornography.labels.yaml', 'us-18usc-ch110-child-pornography.md'],
    ['my', 'my-sexual-offences-against-children-act-2017.labels.yaml', 'my-sexual-offences-against-children-act-2017.md'],
  ] as const) {
    it(`${id}: statuses follow the corpus labels ("not in retrieved text" → unknown) and cite lines that exist`, () => {
      const labels = parseYaml(readFileSync(path.join(SHARED, 'corpus', labelFile), 'utf8')) as Labels;
      const lineCount = readFileSync(path.join(SHARED, 'corpus', textFile), 'utf8').split('\n').length;
      const profile = byId(id);
      for (const [element, label] of Object.entries(labels.elements)) {
        const entry = profile.elements[element]!;
        const notRetrieved = label.status === 'missing' && /not in retrieved text/i.test(label.why);
        expect(entry.status, `${id} ${element}`).toBe(notRetrieved ? 'unknown' : label.status);
        if (label.age) expect(entry.figures?.age, `${id} ${element} age`).toBe(label.age);
      }
      for (const [element, entry] of Object.entries(profile.elements)) {
        expect(entry.verified, `${id} ${element}`).toBe(true);
        const lines = [...entry.source.matchAll(/(\d+)(?:-(\d+))?/g)].flatMap((m) => [Number(m[1]), Number(m[2] ?? m[1])]);
        expect(lines.length, `${id} ${element} cites lines`).toBeGreaterThan(0);
        for (const line of lines) expect(line, `${id} ${element} line`).toBeLessThanOrEqual(lineCount);
      }
    });
  }

  it('us: penalty maxima follow the labels', () => {
    const labels = parseYaml(readFileSync(path.join(SHARED, 'corpus', 'us-18usc-ch110-child-pornography.labels.yaml'), 'utf8')) as { elements: Record<string, { max_years?: Record<string, number> }> };
    const maxima = byId('us').elements['general/penalties']!.figures!.maxYears!;
    for (const [offence, years] of Object.entries(labels.elements['general/penalties']!.max_years!)) expect(maxima[`offence/${offence}`], offence).toBe(years);
  });

  it('jp: no entry claims to be verified (no text of the Act in the stored sources)', () => {
    const jp = byId('jp');
    expect(Object.values(jp.elements).every((e) => e.verified === false)).toBe(true);
    expect(jp.elements['offence/possession']).toMatchObject({ status: 'partial', provision: 'Arts. 3-2, 7(1)' });
    expect(jp.elements['definition/child-under-18']!.figures?.age).toBe(18);
  });

  it('reports a broken profile with file and path, and keeps the others', () => {
    const broken = parseProfiles(
      [
        { path: 'bad.yaml', text: 'id: Bad Id\njurisdiction: X\nact: Y\nsource: Z\ncoverage: all\nelements:\n  offence/possession: { status: maybe, note: n, source: s, verified: true }\n' },
        { path: 'unknown.yaml', text: 'id: zz\njurisdiction: X\nact: Y\nsource: Z\ncoverage: all\nelements:\n  offence/teleport: { status: met, note: n, source: s, verified: true }\n' },
        files[0]!,
      ],
      builtinCatalogue(),
    );
    expect(broken.problems.map((p) => `${p.file} ${p.path}`)).toEqual(expect.arrayContaining(['bad.yaml id', 'bad.yaml elements.offence/possession.status', 'unknown.yaml elements.offence/teleport']));
    expect(broken.profiles.map((p) => p.id)).toContain(files[0]!.path.replace('.yaml', ''));
    expect(selectProfiles(profiles, 'us,xx')).toEqual({ selected: [byId('us')], unknown: ['xx'] });
    expect(selectProfiles(profiles, 'none').selected).toEqual([]);
  });
});
