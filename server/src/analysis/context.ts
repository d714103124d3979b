/**
 * What every detector needs to read a bill: its own vocabulary (what it calls the material and the
 * child), reading units (a provision's words plus the chapeau and closing words that govern them),
 * and which sections are about the material at all.
 *
 * Only sections that mention the material or the child are read closely; this is what keeps a
 * check of a whole code (thousands of unrelated sections) close to the cost of parsing it.
 */
import type { Bill, Definition, Provision, Span } from '../parse/types.js';
import type { Catalogue } from '../catalogue/load.js';
import type { PieceScans } from '../parse/scans.js';
import { compile, findAll, findFirst, firstInSpans, literalPattern, type Match } from './patterns.js';

const relocate = (m: Match, delta: number): Match => ({ span: { start: m.span.start + delta, end: m.span.end + delta }, text: m.text });

export interface Unit {
  provision: Provision;
  /** The provision's own words (no children). */
  own: Span[];
  /** Governing words: ancestors' chapeaux and closing words up to the section, and the section heading. */
  context: Span[];
  section: Provision;
}

export interface Vocabulary {
  materialRe: RegExp | undefined;
  /** "such material": counts as the material only in a section that names it. */
  anaphoraRe: RegExp | undefined;
  childRe: RegExp | undefined;
  /** Definitions of the material (by term or by what the body describes). */
  materialDefinitions: Definition[];
  /** Definitions of the child ("child", "minor", or a body giving an age). */
  childDefinitions: Definition[];
  /** The bill's own name for the material and the child, for drafting. */
  materialTerm?: string;
  childTerm?: string;
}

export interface AnalysisContext {
  bill: Bill;
  catalogue: Catalogue;
  vocabulary: Vocabulary;
  /** Section-level provisions that mention the material or the child, document order. */
  relevantSections: Provision[];
  /** Ids of the relevant sections that name the material itself (not only the child). */
  materialSectionIds: ReadonlySet<string>;
  /** Reading units inside relevant sections, document order. */
  units: Unit[];
  parentOf(provision: Provision): Provision | undefined;
  sectionOf(provision: Provision): Provision;
  /** Reading units of any section (built on demand for sections outside `relevantSections`). */
  unitsOf(section: Provision): Unit[];
  /** Does the unit (its words or the words governing it) name the material? Cached. */
  mentionsMaterial(unit: Unit): boolean;
  /** Every match of `re` in the whole of `bill.plain` (in the editor, searched per piece and kept). */
  searchAll(re: RegExp | undefined): Match[];
}

const NOT_MATERIAL_TERM = /\b(?:offen[cs]es?|person|provider|service|officer|court|agency)\b/i;
const SECTION_KINDS = new Set(['section', 'article']);
// A body that fixes an age ("a person under the age of 18 years", "aged under eighteen").
const AGE_IN_BODY = /(?:(?:under|below|younger than|less than|not (?:yet )?(?:attained|reached))\s+(?:the\s+)?(?:full\s+)?age\s+of|(?:\d{1,2}|[a-z-]+teen)\s+years\s+of\s+age|aged\s+(?:under|below))/i;

export function buildContext(bill: Bill, catalogue: Catalogue, scans?: PieceScans): AnalysisContext {
  const parentOf = (p: Provision): Provision | undefined => (p.parentId ? bill.byId.get(p.parentId) : undefined);
  const sectionOf = (p: Provision): Provision => {
    let current: Provision | undefined = p;
    let topmost = p;
    while (current && current.kind !== 'document') {
      if (SECTION_KINDS.has(current.kind)) return current;
      topmost = current;
      current = parentOf(current);
    }
    return topmost;
  };

  const whole: Span = { start: 0, end: bill.plain.length };
  // After a keystroke only the touched piece is searched again.
  const searchAll = (re: RegExp | undefined): Match[] =>
    re && scans && bill.pieces ? scans.findAll(`${re.source}/${re.flags}`, bill.plain, bill.pieces, (text, span) => findAll(re, text, span), relocate) : findAll(re, bill.plain, whole);
  const vocabulary = buildVocabulary(bill, catalogue);
  const { sections: relevantSections, materialSectionIds } = findRelevantSections(bill, catalogue, vocabulary, sectionOf, searchAll);

  const unitCache = new Map<string, Unit[]>();
  const unitsOf = (section: Provision): Unit[] => {
    let cached = unitCache.get(section.id);
    if (!cached) {
      cached = [];
      collectUnits(section, section, cached, bill, parentOf);
      unitCache.set(section.id, cached);
    }
    return cached;
  };
  const units = relevantSections.flatMap(unitsOf);
  const mentions = new WeakMap<Unit, boolean>();
  const mentionsMaterial = (unit: Unit): boolean => {
    let cached = mentions.get(unit);
    if (cached === undefined) {
      cached = !!firstInSpans(vocabulary.materialRe, bill.plain, [...unit.own, ...unit.context]);
      mentions.set(unit, cached);
    }
    return cached;
  };
  return { bill, catalogue, vocabulary, relevantSections, materialSectionIds, units, parentOf, sectionOf, unitsOf, mentionsMaterial, searchAll };
}

/** Depth-first, document order: the provision and every descendant that has words of its own. */
function collectUnits(provision: Provision, section: Provision, out: Unit[], bill: Bill, parentOf: (p: Provision) => Provision | undefined): void {
  if (provision.kind !== 'document' && provision.kind !== 'title' && provision.ownSpans.some((s) => s.end > s.start)) {
    out.push({ provision, own: provision.ownSpans, context: governingSpans(provision, section, parentOf), section });
  }
  for (const childId of provision.childIds) {
    const child = bill.byId.get(childId);
    // A nested section is its own reading context (a Part's sections are not the Part's words).
    if (child && (child.kind === 'subdivision' || child.kind === 'heading')) collectUnits(child, section, out, bill, parentOf);
  }
}

/** Chapeaux and closing words of the ancestors up to the section, plus the section's heading. */
function governingSpans(provision: Provision, section: Provision, parentOf: (p: Provision) => Provision | undefined): Span[] {
  const spans: Span[] = [];
  let current = provision === section ? undefined : parentOf(provision);
  while (current) {
    if (current.chapeau) spans.push(current.chapeau);
    if (current.closingWords) spans.push(current.closingWords);
    if (current === section) break;
    current = parentOf(current);
  }
  spans.push(section.headSpan);
  return spans;
}

/** A body that gives a person's age. Every form of AGE_IN_BODY has "age" in it: one quick search first. */
function fixesAnAge(body: string): boolean {
  return /age/i.test(body) && AGE_IN_BODY.test(body) && /person|individual|human/i.test(body);
}

function buildVocabulary(bill: Bill, catalogue: Catalogue): Vocabulary {
  const { lexicon } = catalogue;
  const materialTermRe = compile(lexicon.materialTerms);
  const childTermRe = compile(lexicon.childTerms);
  const depictionRe = compile(materialCue(catalogue, 'depictionCues'));
  const sexualRe = compile(materialCue(catalogue, 'sexualCues'));
  const materialDefinitions: Definition[] = [];
  const childDefinitions: Definition[] = [];
  for (const definition of bill.definitions) {
    const term = definition.term;
    const bodyHasChild = !!findFirst(childTermRe, bill.plain, definition.bodySpan);
    // "child pornography offence" names offences, not the material.
    const termIsMaterial = wholeMatch(materialTermRe, term) && !NOT_MATERIAL_TERM.test(term);
    const termIsChild = wholeMatch(childTermRe, term);
    if (termIsMaterial || (!termIsChild && !NOT_MATERIAL_TERM.test(term) && bodyHasChild && !!findFirst(depictionRe, bill.plain, definition.bodySpan) && !!findFirst(sexualRe, bill.plain, definition.bodySpan))) {
      materialDefinitions.push(definition);
    } else if (termIsChild || fixesAnAge(bill.plain.slice(definition.bodySpan.start, definition.bodySpan.end))) {
      childDefinitions.push(definition);
    }
  }
  const materialTerm = materialDefinitions[0]?.term;
  const childTerm = childDefinitions[0]?.term;
  return {
    materialRe: compile([...lexicon.materialTerms, ...materialDefinitions.map((d) => literalPattern(d.term))]),
    anaphoraRe: compile(lexicon.materialAnaphora),
    childRe: compile([...lexicon.childTerms, ...childDefinitions.map((d) => literalPattern(d.term))]),
    materialDefinitions,
    childDefinitions,
    ...(materialTerm ? { materialTerm } : {}),
    ...(childTerm ? { childTerm } : {}),
  };
}

function materialCue(catalogue: Catalogue, key: 'depictionCues' | 'sexualCues'): string[] {
  for (const element of catalogue.elements) {
    if (element.detector.kind === 'material-definition') return element.detector[key];
  }
  return [];
}

function wholeMatch(re: RegExp | undefined, term: string): boolean {
  if (!re) return false;
  re.lastIndex = 0;
  const m = re.exec(term);
  return !!m && m.index === 0 && m[0].length === term.length;
}

/** Sections (or top divisions) whose text mentions the material, or the child together with sexual words. */
function findRelevantSections(
  bill: Bill,
  catalogue: Catalogue,
  vocabulary: Vocabulary,
  sectionOf: (p: Provision) => Provision,
  searchAll: (re: RegExp | undefined) => Match[],
): { sections: Provision[]; materialSectionIds: Set<string> } {
  const sectionsByStart = collectSections(bill, sectionOf);
  const hits = new Set<Provision>();
  const mark = (offset: number): void => {
    const section = containing(sectionsByStart, offset);
    if (section) hits.add(section);
  };
  for (const match of searchAll(vocabulary.materialRe)) mark(match.span.start);
  for (const definition of vocabulary.materialDefinitions) mark(definition.span.start);
  const materialSectionIds = new Set([...hits].map((s) => s.id));
  for (const definition of vocabulary.childDefinitions) mark(definition.span.start);
  // The child in a sexual context (pornographic performances, solicitation) without the material.
  const sexualRe = compile(catalogue.lexicon.sexualContext);
  const childSections = new Set<Provision>();
  for (const match of searchAll(vocabulary.childRe)) {
    const section = containing(sectionsByStart, match.span.start);
    if (section && !hits.has(section)) childSections.add(section);
  }
  for (const section of childSections) if (findFirst(sexualRe, bill.plain, section.span)) hits.add(section);
  // Annotated provisions are read whatever they say.
  for (const annotation of bill.annotations) {
    const provision = bill.byId.get(annotation.provisionId);
    if (provision) hits.add(sectionOf(provision));
  }
  return { sections: sectionsByStart.filter((s) => hits.has(s)), materialSectionIds };
}

function collectSections(bill: Bill, sectionOf: (p: Provision) => Provision): Provision[] {
  const seen = new Set<string>();
  const out: Provision[] = [];
  for (const provision of bill.provisions) {
    if (provision.kind === 'document' || provision.kind === 'title') continue;
    const section = sectionOf(provision);
    if (!seen.has(section.id)) {
      seen.add(section.id);
      out.push(section);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Innermost-first binary search over non-overlapping, sorted sections. */
function containing(sections: readonly Provision[], offset: number): Provision | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  let found: Provision | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const section = sections[mid]!;
    if (section.span.start <= offset) {
      found = section;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset < found.span.end ? found : undefined;
}

/** Text of a set of spans joined by spaces, for sentence-level tests. */
export function textOf(bill: Bill, spans: readonly Span[]): string {
  return spans.map((s) => bill.plain.slice(s.start, s.end)).join(' ');
}
