/**
 * Definition elements: the age that makes a person a child, the definition of the material, and
 * the limbs that definition must carry (simulated conduct, sexual parts, appearing minors,
 * realistic images, any means).
 */
import type { Element, Lexicon } from '../catalogue/schema.js';
import type { Bill, Definition, Provision, Span } from '../parse/types.js';
import type { AnalysisContext, Unit } from './context.js';
import { compile, findFirst, findInSpans, firstInSpans } from './patterns.js';
import type { Evidence, Hit, KeyFigures, Weakening } from './types.js';

type Detector<K extends Element['detector']['kind']> = Extract<Element['detector'], { kind: K }>;

/** Evidence labelled with the most specific provision under `provisionId` that holds the span. */
export function provisionEvidence(bill: Bill, provisionId: string, span: Span): Evidence {
  let provision = bill.byId.get(provisionId);
  while (provision) {
    const child: Provision | undefined = provision.childIds
      .map((id) => bill.byId.get(id))
      .find((c) => c !== undefined && c.span.start <= span.start && span.end <= c.span.end);
    if (!child) break;
    provision = child;
  }
  return { provisionId: provision?.id ?? provisionId, label: provision?.label ?? provisionId, span, provisionSpan: provision?.span ?? span };
}

/** The words a definition governs: its body, or its whole provision when the body runs into sub-paragraphs. */
export function definitionSpans(bill: Bill, definition: Definition): Span[] {
  const provision = bill.byId.get(definition.provisionId);
  const spans: Span[] = [definition.span];
  if (provision && provision.childIds.length > 0 && provision.kind === 'subdivision') spans.push(provision.span);
  return spans;
}

/**
 * A material definition together with the definitions it relies on: "child pornography" means a
 * visual depiction of "sexually explicit conduct", itself defined as actual or simulated … .
 */
export function materialDefinitionSpans(bill: Bill, definition: Definition): Span[] {
  return [...definitionSpans(bill, definition), ...definitionsUsedBy(bill, definition).flatMap((used) => definitionSpans(bill, used))];
}

function definitionsUsedBy(bill: Bill, definition: Definition): Definition[] {
  const body = bill.plain.slice(definition.bodySpan.start, definition.bodySpan.end).toLowerCase().replace(/\s+/g, ' ');
  return bill.definitions.filter((other) => other !== definition && other.normalizedTerm.length >= 4 && body.includes(other.normalizedTerm));
}

// ------------------------------------------------------------------ ages

export interface AgeMention {
  age: number;
  span: Span;
  provisionId: string;
}

/** Per lexicon (the catalogue's, so built once): findAges runs for every unit of a definition. */
const ageRes = new WeakMap<Lexicon, RegExp>();

/** The ages a text may state; `matchAll` searches with a copy, so one RegExp is shared. */
function ageRe(lexicon: Lexicon): RegExp {
  let re = ageRes.get(lexicon);
  if (!re) ageRes.set(lexicon, (re = buildAgeRe(lexicon)));
  return re;
}

function buildAgeRe(lexicon: Lexicon): RegExp {
  const words = Object.keys(lexicon.numberWords)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/-/g, '[- ]'))
    .join('|');
  const number = `(\\d{1,3}|${words})`;
  return new RegExp(
    `(?:(?:under|below|younger than|less than|not (?:yet )?(?:attained|reached|completed)|(?:has|have) not (?:yet )?(?:attained|reached|completed))\\s+(?:the\\s+)?(?:full\\s+)?(?:age\\s+of\\s+)?${number}(?:\\s+years)?|${number}\\s+years\\s+of\\s+age|aged\\s+(?:under|below)\\s+${number})`,
    'giu',
  );
}

export function findAges(text: string, span: Span, lexicon: Lexicon, provisionId: string): AgeMention[] {
  const re = ageRe(lexicon);
  const slice = text.slice(span.start, span.end);
  const out: AgeMention[] = [];
  for (const m of slice.matchAll(re)) {
    const raw = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase().replace(/\s+/g, '-');
    const age = /^\d+$/.test(raw) ? Number(raw) : lexicon.numberWords[raw];
    if (age === undefined || age < 10 || age > 25) continue; // not an age of a child
    const start = span.start + (m.index ?? 0);
    out.push({ age, span: { start, end: start + m[0].length }, provisionId });
  }
  return out;
}

export function detectChildAge(ctx: AnalysisContext, detector: Detector<'child-age'>): { hits: Hit[]; figures: KeyFigures } {
  const { bill } = ctx;
  const lexicon = ctx.catalogue.lexicon;
  const depictionRe = compile(ctx.catalogue.elements.flatMap((e) => (e.detector.kind === 'material-definition' ? e.detector.depictionCues : [])));
  const defined: AgeMention[] = [];
  for (const definition of ctx.vocabulary.childDefinitions) {
    for (const span of definitionSpans(bill, definition)) defined.push(...findAges(bill.plain, span, lexicon, definition.provisionId));
  }
  // Ages used for the material elsewhere (offences, includes-clauses): they must agree.
  const used: AgeMention[] = [];
  for (const unit of ctx.units) {
    // Only ages used for the material count; an age of consent elsewhere governs other offences.
    if (!ctx.materialSectionIds.has(unit.section.id) && !firstInSpans(depictionRe, bill.plain, [...unit.own, ...unit.context])) continue;
    if (!firstInSpans(ctx.vocabulary.childRe, bill.plain, unit.own)) continue;
    // A younger age in a sentencing rule ("where the minor was under 12, the maximum is doubled")
    // aggravates; it does not narrow who is a child.
    if (SENTENCING_RE.test(textOfSpans(bill, [...unit.own, ...unit.context]))) continue;
    for (const span of unit.own) used.push(...findAges(bill.plain, span, lexicon, unit.provision.id));
  }
  const governing = defined[0] ?? used[0];
  if (!governing) return { hits: [], figures: {} };
  const others = dedupeAges([...defined, ...used].filter((a) => a.age !== governing.age));
  const weakenings: Weakening[] = [];
  if (governing.age < detector.threshold) {
    weakenings.push({
      id: 'age-below-threshold',
      reason: `The ${ctx.vocabulary.childTerm ?? 'child'} is a person under ${governing.age}; the standards protect every person under ${detector.threshold}: raise the age to ${detector.threshold}.`,
      span: governing.span,
      provisionId: governing.provisionId,
      age: governing.age,
    });
  }
  for (const other of others) {
    if (other.age < detector.threshold) {
      weakenings.push({
        id: 'age-below-threshold',
        reason: `Another provision uses an age of ${other.age} for the material, lower than the ${detector.threshold} the standards require: use the defined term or raise the age to ${detector.threshold}.`,
        span: other.span,
        provisionId: other.provisionId,
        age: other.age,
      });
    }
  }
  const evidence = [governing, ...others].map((a) => provisionEvidence(bill, a.provisionId, a.span));
  return {
    hits: [{ evidence, weakenings }],
    figures: { age: governing.age, ...(others.length > 0 ? { otherAges: others.map((a) => a.age) } : {}) },
  };
}

function dedupeAges(ages: AgeMention[]): AgeMention[] {
  const seen = new Set<string>();
  return ages.filter((a) => {
    const key = `${a.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ------------------------------------------------------------------ the material

export function detectMaterialDefinition(ctx: AnalysisContext, detector: Detector<'material-definition'>): Hit[] {
  const { bill } = ctx;
  const hits: Hit[] = [];
  for (const definition of ctx.vocabulary.materialDefinitions) {
    if (definition.form === 'has-meaning') continue; // defined only by reference to another Act
    const spans = materialDefinitionSpans(bill, definition);
    const weakenings: Weakening[] = [];
    for (const limb of detector.limbs) {
      if (!firstInSpans(compile(limb.patterns), bill.plain, spans) && limb.required) {
        weakenings.push({
          id: `missing-limb:${limb.id}`,
          reason: `The definition of "${definition.term}" does not reach ${limb.describes}.`,
          span: definition.termSpan,
          provisionId: definition.provisionId,
        });
      }
    }
    hits.push({ evidence: [provisionEvidence(bill, definition.provisionId, definition.termSpan)], weakenings });
  }
  return hits;
}

/**
 * A limb is met inside a definition of the material (or a clause extending it: "a reference to
 * X includes …"); found only in an offence it is partial, since it then reaches one offence only.
 */
export function detectDefinitionLimb(ctx: AnalysisContext, detector: Detector<'definition-limb'>): Hit[] {
  const { bill } = ctx;
  const re = compile(detector.patterns);
  const partials = detector.partial.map((w) => ({ weakening: w, re: compile([w.pattern]) }));
  const hits: Hit[] = [];
  const scopes: { spans: Span[]; provisionId: string; inDefinition: boolean }[] = [];
  for (const definition of ctx.vocabulary.materialDefinitions) {
    if (definition.form === 'has-meaning') continue;
    scopes.push({ spans: definitionSpans(bill, definition), provisionId: definition.provisionId, inDefinition: true });
    for (const used of definitionsUsedBy(bill, definition)) scopes.push({ spans: definitionSpans(bill, used), provisionId: used.provisionId, inDefinition: true });
  }
  for (const definition of ctx.vocabulary.childDefinitions) {
    scopes.push({ spans: definitionSpans(bill, definition), provisionId: definition.provisionId, inDefinition: true });
  }
  for (const unit of ctx.units) {
    const extendsTerm = extendsDefinition(ctx, unit);
    const material = ctx.mentionsMaterial(unit);
    // "A reference in this Act to a child includes a person who appears to be a child" extends the
    // definitions as much as a clause about the material does.
    const childExtension = extendsTerm && !!firstInSpans(ctx.vocabulary.childRe, bill.plain, unit.own);
    if (!material && !childExtension) continue;
    scopes.push({ spans: unit.own, provisionId: unit.provision.id, inDefinition: extendsTerm });
  }
  for (const scope of scopes) {
    const match = firstInSpans(re, bill.plain, scope.spans);
    // "lascivious exhibition of the genitals" names the limb only inside a narrower phrase.
    const narrowing = match ? partials.map(({ weakening, re: partialRe }) => ({ weakening, hit: firstInSpans(partialRe, bill.plain, scope.spans) })).find(({ hit }) => hit && hit.span.start <= match.span.start && match.span.end <= hit.span.end + 40) : undefined;
    if (match && narrowing?.hit && scope.inDefinition && !findAllOutside(re, bill.plain, scope.spans, narrowing.hit.span)) {
      hits.push({
        evidence: [provisionEvidence(bill, scope.provisionId, narrowing.hit.span)],
        weakenings: [{ id: narrowing.weakening.id, reason: narrowing.weakening.reason, span: narrowing.hit.span, provisionId: scope.provisionId }],
      });
      continue;
    }
    if (match) {
      const weakenings: Weakening[] = scope.inDefinition
        ? []
        : [{ id: 'outside-definition', reason: `"${match.text}" appears only in ${labelOf(bill, scope.provisionId)}, not in the definition of the material: put it in the definition so it reaches every offence.`, span: match.span, provisionId: scope.provisionId }];
      hits.push({ evidence: [provisionEvidence(bill, scope.provisionId, match.span)], weakenings });
      continue;
    }
    if (!scope.inDefinition) continue;
    for (const { weakening, re: partialRe } of partials) {
      const partial = firstInSpans(partialRe, bill.plain, scope.spans);
      if (partial) {
        hits.push({
          evidence: [provisionEvidence(bill, scope.provisionId, partial.span)],
          weakenings: [{ id: weakening.id, reason: weakening.reason, span: partial.span, provisionId: scope.provisionId }],
        });
        break;
      }
    }
  }
  return hits;
}

/** Does the limb also occur outside the narrowing phrase (then the limb is met on its own)? */
function findAllOutside(re: RegExp | undefined, text: string, spans: readonly Span[], phrase: Span): boolean {
  return findInSpans(re, text, spans).some((m) => m.span.end <= phrase.start || m.span.start >= phrase.end + 40);
}

const SENTENCING_RE = /\b(?:aggravat\w*|sentenc\w*|imprison\w*|maximum|penalt(?:y|ies)|increased|doubled)\b/i;

function textOfSpans(bill: Bill, spans: readonly Span[]): string {
  return spans.map((s) => bill.plain.slice(s.start, s.end)).join(' ');
}

const EXTENDS_RE = /\b(?:includes?|shall include|(?:is|are) to be (?:treated|regarded) as|shall be (?:treated|regarded) as|extends to|also means)\b/i;

function extendsDefinition(ctx: AnalysisContext, unit: Unit): boolean {
  return unit.own.some((s) => EXTENDS_RE.test(ctx.bill.plain.slice(s.start, s.end)));
}

function labelOf(bill: Bill, provisionId: string): string {
  return bill.byId.get(provisionId)?.label ?? provisionId;
}

export function headingMatches(bill: Bill, provision: Provision, patterns: readonly string[]): boolean {
  return !!findFirst(compile(patterns), bill.plain, provision.headSpan);
}
