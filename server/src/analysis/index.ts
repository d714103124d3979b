/**
 * analyseBill: structure × catalogue → one finding per element, deterministic and in catalogue order.
 */
import type { Catalogue } from '../catalogue/load.js';
import type { Element } from '../catalogue/schema.js';
import type { Bill } from '../parse/types.js';
import { candidateSections, detectClause, offenceReferrers } from './clauses.js';
import { buildContext } from './context.js';
import { detectChildAge, detectDefinitionLimb, detectMaterialDefinition } from './definitions.js';
import { detectOffence, offenceUnits, type OffenceHit } from './offences.js';
import { detectPenalties } from './penalties.js';
import { resolveFinding, titleSpan } from './status.js';
import type { Analysis, AnalysisOptions, AnalysisProblem, ElementFinding, Hit, KeyFigures } from './types.js';

export type { Analysis, AnalysisOptions, ElementFinding, ElementStatus, Evidence, Weakening, Citation } from './types.js';

export function chooseInstruments(bill: Bill, catalogue: Catalogue, options: AnalysisOptions, problems: AnalysisProblem[]): string[] {
  const requested = options.instruments ?? bill.settings.instruments;
  const defaults = [...catalogue.instruments.values()].filter((i) => i.defaultEnabled).map((i) => i.id);
  if (!requested) return defaults;
  const known = requested.filter((id) => catalogue.instruments.has(id));
  for (const id of requested) {
    if (!catalogue.instruments.has(id)) {
      problems.push({
        code: 'settings/unknown-instrument',
        message: `Unknown instrument "${id}"; known instruments: ${[...catalogue.instruments.keys()].join(', ')}.`,
        span: bill.frontMatterSpan ?? titleSpan(bill),
        severity: 'error',
      });
    }
  }
  return known.length > 0 ? known : defaults;
}

export function analyseBill(bill: Bill, catalogue: Catalogue, options: AnalysisOptions = {}): Analysis {
  const problems: AnalysisProblem[] = [];
  const instruments = chooseInstruments(bill, catalogue, options, problems);
  checkDeclarations(bill, catalogue, problems);
  const ctx = buildContext(bill, catalogue, options.documentCache?.scans);

  const units = offenceUnits(ctx);
  const offenceHits = new Map<string, OffenceHit[]>();
  for (const element of catalogue.elements) {
    if (element.detector.kind === 'offence-conduct') {
      offenceHits.set(element.id, detectOffence(ctx, element as Element & { detector: typeof element.detector }, units));
    }
  }
  const offenceSections = new Set<string>();
  for (const hits of offenceHits.values()) for (const hit of hits) offenceSections.add(hit.unit.section.id);
  const referrers = offenceReferrers(ctx, offenceSections);
  const sections = candidateSections(ctx, offenceSections, referrers);
  const refersToOffence = (provisionId: string): boolean => referrers.has(provisionId);

  const findings: ElementFinding[] = catalogue.elements.map((element) => {
    let hits: Hit[] = [];
    let figures: KeyFigures = {};
    const detector = element.detector;
    switch (detector.kind) {
      case 'offence-conduct':
        hits = offenceHits.get(element.id) ?? [];
        break;
      case 'child-age':
        ({ hits, figures } = detectChildAge(ctx, detector));
        break;
      case 'material-definition':
        hits = detectMaterialDefinition(ctx, detector);
        break;
      case 'definition-limb':
        hits = detectDefinitionLimb(ctx, detector);
        break;
      case 'clause':
        hits = detectClause(ctx, detector, sections, refersToOffence);
        break;
      case 'penalties':
        ({ hits, figures } = detectPenalties(ctx, detector, offenceHits));
        break;
    }
    return resolveFinding({ bill, catalogue, element, instruments, hits, figures });
  });
  const vocabulary = {
    ...(ctx.vocabulary.materialTerm ? { materialTerm: ctx.vocabulary.materialTerm } : {}),
    ...(ctx.vocabulary.childTerm ? { childTerm: ctx.vocabulary.childTerm } : {}),
  };
  return { instruments, vocabulary, findings, problems };
}

/** Reservations and annotations must name things that exist. */
function checkDeclarations(bill: Bill, catalogue: Catalogue, problems: AnalysisProblem[]): void {
  for (const reservation of bill.settings.reservations) {
    const instrument = catalogue.instruments.get(reservation.instrument);
    if (!instrument) {
      problems.push({ code: 'settings/unknown-instrument', message: `Reservation names unknown instrument "${reservation.instrument}".`, span: reservation.span, severity: 'error' });
    } else if (!instrument.articles.some((a) => a.article === reservation.article || a.article.startsWith(`${reservation.article}(`) || reservation.article.startsWith(`${a.article}(`))) {
      problems.push({ code: 'settings/unknown-article', message: `${instrument.shortName} has no Art ${reservation.article} in the catalogue.`, span: reservation.span, severity: 'error' });
    }
  }
  for (const annotation of bill.annotations) {
    if (!catalogue.elementsById.has(annotation.elementId)) {
      problems.push({ code: 'annotation/unknown-element', message: `Unknown element "${annotation.elementId}" in annotation; element ids look like "offence/access".`, span: annotation.span, severity: 'error' });
    }
  }
}
