import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../server/src/catalogue/load.js';
import { builtinFiles, DEFINITIONS, SHARED } from '../helpers/catalogue.js';

const ELEMENT_IDS = [
  'definition/child-under-18', 'definition/material', 'definition/real-or-simulated', 'definition/sexual-parts',
  'definition/appearing-minor', 'definition/realistic-images', 'definition/any-means',
  'offence/production', 'offence/offering', 'offence/distribution', 'offence/import-export', 'offence/selling',
  'offence/procuring', 'offence/possession', 'offence/access', 'offence/performances', 'offence/ict',
  'general/attempt-complicity', 'general/penalties', 'general/aggravation', 'general/legal-persons',
  'general/jurisdiction', 'general/confiscation', 'online/removal-blocking', 'online/provider-reporting',
];

describe('built-in catalogue', () => {
  const { catalogue, problems } = buildCatalogue(builtinFiles());

  it('loads without problems', () => {
    expect(problems).toEqual([]);
  });

  it('has exactly the 25 public element ids, in order', () => {
    expect(catalogue.elements.map((e) => e.id)).toEqual(ELEMENT_IDS);
  });

  it('has the four treaties, ICMEC as advisory, and CRC only on demand', () => {
    expect([...catalogue.instruments.keys()].sort()).toEqual(['budapest', 'crc', 'eu-2011-93', 'icmec', 'lanzarote', 'opsc']);
    expect(catalogue.instruments.get('icmec')?.force).toBe('advisory');
    expect(catalogue.instruments.get('crc')?.defaultEnabled).toBe(false);
  });

  it('quotes verified articles verbatim from the authentic texts in shared/instruments', () => {
    const sources: Record<string, string> = {
      opsc: 'opsc-optional-protocol-sale-of-children.md',
      budapest: 'budapest-convention-cets-185.md',
      lanzarote: 'lanzarote-convention-cets-201.md',
    };
    const normalise = (s: string) => s.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
    let checked = 0;
    for (const [id, file] of Object.entries(sources)) {
      const source = normalise(readFileSync(path.join(SHARED, 'instruments', file), 'utf8'));
      for (const article of catalogue.instruments.get(id)!.articles) {
        if (!article.verified || !article.source.includes('shared/instruments')) continue;
        for (const part of article.text.split('…')) {
          expect(source, `${id} ${article.article}`).toContain(normalise(part));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('marks unverified quotations as such (the Directive text was not available to check)', () => {
    const directive = catalogue.instruments.get('eu-2011-93')!;
    const unverified = directive.articles.filter((a) => !a.verified);
    expect(unverified.length).toBeGreaterThan(0);
    for (const article of unverified) expect(article.source).toMatch(/unverified/i);
  });

  it('permits the reservations the treaties permit', () => {
    const budapest = catalogue.instruments.get('budapest')!;
    expect(budapest.reservations.find((r) => r.article === '9(4)')?.covers).toEqual(['9(1)(d)', '9(1)(e)', '9(2)(b)', '9(2)(c)']);
  });

  it('ships JSON Schemas generated from the zod schemas', () => {
    for (const name of ['instrument', 'elements']) {
      const file = path.join(DEFINITIONS, 'schema', `${name}.schema.json`);
      expect(existsSync(file), file).toBe(true);
      const schema = JSON.parse(readFileSync(file, 'utf8'));
      expect(schema.type).toBe('object');
      expect(Object.keys(schema.properties)).toContain(name === 'instrument' ? 'articles' : 'elements');
    }
  });
});

describe('user definitions', () => {
  it('reports a broken YAML file with its location and keeps the built-ins', () => {
    const { catalogue, problems } = buildCatalogue([...builtinFiles(), { path: 'my/extra.yaml', text: 'id: extra\nname: [unclosed\n', origin: 'user' }]);
    expect(catalogue.elements).toHaveLength(25);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'my/extra.yaml', message: expect.stringMatching(/invalid YAML/) });
    expect(problems[0]!.line).toBeTypeOf('number');
  });

  it('names the file, path and reason of a schema error', () => {
    const text = 'id: extra\nname: Extra\nshortName: X\ncitation: c\nurl: not-a-url\nforce: binding\narticles: []\n';
    const { catalogue, problems } = buildCatalogue([...builtinFiles(), { path: 'extra.yaml', text, origin: 'user' }]);
    expect(catalogue.instruments.has('extra')).toBe(false);
    expect(problems.map((p) => p.path).sort()).toEqual(['articles', 'url']);
    expect(problems.find((p) => p.path === 'url')).toMatchObject({ file: 'extra.yaml', line: 4 });
  });

  it('adds a valid user element and rejects one that redefines a built-in id', () => {
    const text = [
      'elements:',
      '  - id: offence/grooming-material',
      '    title: Showing material to a child',
      '    category: offence',
      '    requirement: Showing the material to a child is an offence.',
      '    obligations: [{ instrument: lanzarote, articles: ["20(1)(c)"] }]',
      '    detector: { kind: offence-conduct, conduct: ["shows?"] }',
      '  - id: offence/possession',
      '    title: Duplicate',
      '    category: offence',
      '    requirement: x',
      '    obligations: [{ instrument: lanzarote, articles: ["20(1)(e)"] }]',
      '    detector: { kind: offence-conduct, conduct: ["has"] }',
      '  - id: offence/bad-regex',
      '    title: Bad',
      '    category: offence',
      '    requirement: x',
      '    obligations: [{ instrument: lanzarote, articles: ["20(1)(e)"] }]',
      '    detector: { kind: offence-conduct, conduct: ["(unclosed"] }',
    ].join('\n');
    const { catalogue, problems } = buildCatalogue([...builtinFiles(), { path: 'elements.extra.yaml', text, origin: 'user' }]);
    expect(catalogue.elementsById.has('offence/grooming-material')).toBe(true);
    expect(catalogue.elements).toHaveLength(26);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^elements\[1\]\.id: element "offence\/possession" is already defined/),
      'elements[2].detector.conduct[0]: not a valid regular expression',
    ]);
  });

  it('rejects an element citing an article the instrument file does not have', () => {
    const text = 'elements:\n  - id: offence/x\n    title: X\n    category: offence\n    requirement: x\n    obligations: [{ instrument: budapest, articles: ["99(9)"] }]\n    detector: { kind: offence-conduct, conduct: ["x"] }\n';
    const { catalogue, problems } = buildCatalogue([...builtinFiles(), { path: 'elements.x.yaml', text, origin: 'user' }]);
    expect(catalogue.elementsById.has('offence/x')).toBe(false);
    expect(problems[0]?.message).toMatch(/Budapest Convention Art 99\(9\), which is not in the instrument file/);
  });
});
