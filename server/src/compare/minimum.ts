/**
 * The common minimum standard per element: what every applicable binding instrument requires, so a
 * bill that meets it meets them all. Derived from the catalogue (obligations, accepted weakenings,
 * permitted ages, the Directive's minimum maxima), never hand-written: the standard moves with the
 * data. E.g. the child is every person under 18 (Budapest alone would permit 16); possession is an
 * offence without any purpose (only OPSC accepts "for the above purposes").
 */
import type { Catalogue } from '../catalogue/load.js';
import type { Element } from '../catalogue/schema.js';
import { minimumMaxima } from '../report/model.js';

export interface MinimumStandard {
  elementId: string;
  requirement: string;
  /** Instruments that require the element (binding), with their articles. */
  required: { instrument: string; shortName: string; articles: string[] }[];
  /** Instruments that only advise it. */
  advisory: { instrument: string; shortName: string; articles: string[] }[];
  /** Age threshold every required instrument accepts. */
  age?: number;
  /** Minimum maximum term (years) for this offence. */
  minimumMaximum?: number;
  /** Qualifiers at least one required instrument refuses, so the common standard has none of them. */
  withoutQualifiers: string[];
  /** One line for a matrix cell. */
  summary: string;
}

const QUALIFIER_WORDS: Record<string, string> = {
  'purpose-qualified': 'no purpose requirement',
};

function short(name: string): string {
  return name.replace(/ Convention$/, '').replace(/^Directive 2011\/93\/EU$/, 'Directive').replace(/ Model Legislation$/, '');
}

export function minimumStandard(element: Element, catalogue: Catalogue, instruments?: readonly string[]): MinimumStandard {
  const applicable = element.obligations.filter((o) => !instruments || instruments.includes(o.instrument));
  const describe = (o: (typeof applicable)[number]) => ({ instrument: o.instrument, shortName: short(catalogue.instruments.get(o.instrument)?.shortName ?? o.instrument), articles: o.articles });
  const binding = applicable.filter((o) => o.level === 'required' && catalogue.instruments.get(o.instrument)?.force !== 'advisory');
  const advisory = applicable.filter((o) => !binding.includes(o));
  const parts: string[] = [];
  const standard: MinimumStandard = {
    elementId: element.id,
    requirement: element.requirement,
    required: binding.map(describe),
    advisory: advisory.map(describe),
    withoutQualifiers: [],
    summary: '',
  };

  if (element.detector.kind === 'child-age') {
    // Only if every binding instrument permits a lower age is the common standard lower.
    const threshold = element.detector.threshold;
    const lowest = binding.map((o) => o.lowestPermittedAge ?? threshold);
    standard.age = lowest.length ? Math.max(...lowest) : threshold;
    parts.push(`age ${standard.age}`);
  }
  if (element.detector.kind === 'offence-conduct') {
    const ids = element.detector.weakenings.map((w) => w.id);
    standard.withoutQualifiers = ids.filter((id) => binding.some((o) => !o.accepts.includes(id)));
    for (const id of standard.withoutQualifiers) parts.push(QUALIFIER_WORDS[id] ?? `not limited by "${id}"`);
    const { instrument, minima } = minimumMaxima(catalogue);
    if (minima[element.id] !== undefined && (!instrument || !instruments || instruments.includes(instrument))) {
      standard.minimumMaximum = minima[element.id];
      parts.push(`max. penalty ≥ ${minima[element.id]} year${minima[element.id] === 1 ? '' : 's'}`);
    }
  }
  if (element.detector.kind === 'penalties') {
    const { minima } = minimumMaxima(catalogue);
    const byYears = new Map<number, string[]>();
    for (const [id, years] of Object.entries(minima)) byYears.set(years, [...(byYears.get(years) ?? []), id.replace(/^offence\//, '')]);
    parts.push(`imprisonment; max. ≥ ${[...byYears].sort((a, b) => b[0] - a[0]).map(([years, ids]) => `${years} (${ids.join(', ')})`).join(', ')} years`);
  }
  const who = binding.length ? `required by ${standard.required.map((r) => r.shortName).join(', ')}` : advisory.length ? `advisory (${standard.advisory.map((a) => a.shortName).join(', ')})` : 'no instrument checked';
  standard.summary = [who, ...parts].join(' · ');
  return standard;
}

export function minimumStandards(catalogue: Catalogue, instruments?: readonly string[]): Map<string, MinimumStandard> {
  return new Map(catalogue.elements.map((element) => [element.id, minimumStandard(element, catalogue, instruments)]));
}
