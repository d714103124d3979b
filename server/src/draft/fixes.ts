/**
 * Quick-fixes for findings, drafted in the bill's own style. Each fix is a list of text edits that
 * touch only what the fix names: an inserted provision, a raised age, a struck purpose clause, an
 * added definition limb. Every inserted provision carries a provenance comment naming the element
 * and the articles it implements.
 */
import type { Catalogue } from '../catalogue/load.js';
import type { Element } from '../catalogue/schema.js';
import type { Analysis, ElementFinding, Weakening } from '../analysis/types.js';
import type { Bill, Provision, Span } from '../parse/types.js';
import { nextSectionNumber, readStyle, sectionsOf, type BillStyle } from './style.js';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  elementId: string;
  title: string;
  kind: 'insert-provision' | 'insert-definition' | 'raise-age' | 'strike-qualifier' | 'add-limb' | 'raise-penalty';
  /** Preferred fixes are applied by "fix all" and `concordance fix`. */
  preferred: boolean;
  edits: TextEdit[];
}

interface DraftContext {
  bill: Bill;
  catalogue: Catalogue;
  analysis: Analysis;
  style: BillStyle;
  takenNumbers: Set<string>;
}

export interface DraftOptions {
  materialTerm?: string;
  childTerm?: string;
  /**
   * Number inserted sections as one set (fix all: 8A, 8B, 8C) rather than each as if it were the
   * only fix applied (a single quick-fix: always the next free number).
   */
  shareNumbering?: boolean;
}

export function draftFixes(bill: Bill, catalogue: Catalogue, analysis: Analysis, options: DraftOptions = {}): Fix[] {
  const ctx: DraftContext = { bill, catalogue, analysis, style: readStyle(bill, options.materialTerm, options.childTerm), takenNumbers: new Set() };
  const fixes: Fix[] = [];
  for (const finding of analysis.findings) {
    if (!options.shareNumbering) ctx.takenNumbers = new Set();
    const element = catalogue.elementsById.get(finding.elementId);
    if (!element || (finding.status !== 'missing' && finding.status !== 'partial')) continue;
    // A partial element gets a targeted edit where one fits (raise the age, strike the qualifier);
    // otherwise the full provision is drafted, as for a missing one.
    // A partial definition of the material is completed through its limb elements' own fixes.
    if (finding.status === 'partial' && element.detector.kind === 'material-definition') continue;
    const fix = (finding.status === 'partial' ? targetedFix(ctx, element, finding) : undefined) ?? insertionFix(ctx, element);
    if (fix) fixes.push(fix);
  }
  return fixes;
}

function provenance(ctx: DraftContext, element: Element): string {
  const cites = element.obligations
    .filter((o) => ctx.analysis.instruments.includes(o.instrument))
    .map((o) => `${shortName(ctx, o.instrument)} ${o.articles.join(', ')}`)
    .join('; ');
  return `<!-- concordance: implements ${element.id} (${cites}) -->`;
}

function shortName(ctx: DraftContext, id: string): string {
  const name = ctx.catalogue.instruments.get(id)?.shortName ?? id;
  return name.replace(/ Convention$/, '').replace(/^Directive /, 'Dir ');
}

function fill(ctx: DraftContext, text: string, extra: Record<string, string> = {}): string {
  const values: Record<string, string> = { material: ctx.style.materialPhrase, child: ctx.style.child, shall: ctx.style.modal, age: '18', ...extra };
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ------------------------------------------------------------------ insertions

function insertionFix(ctx: DraftContext, element: Element): Fix | undefined {
  if (!element.draft) return undefined;
  // A missing limb extends the bill's definition of the material; with no such definition, the
  // drafted definition of the material carries every limb, so no rival definition is drafted here.
  if (element.detector.kind === 'definition-limb') return limbFix(ctx, element);
  if (element.draft.placement === 'definitions') return definitionFix(ctx, element);
  return sectionFix(ctx, element);
}

/** A new section after the last offence (offences) or at the end of the operative part (general). */
function sectionFix(ctx: DraftContext, element: Element): Fix {
  const { bill, style } = ctx;
  const draft = element.draft!;
  const after = placementSection(ctx, draft.placement);
  const number = nextSectionNumber(bill, after, ctx.takenNumbers);
  const heading = capitalise(fill(ctx, draft.heading ?? element.title, { material: ctx.style.material }));
  const eol = style.eol;
  const lines = [provenance(ctx, element), style.section.template.replace('{n}', number).replace('{heading}', heading), ''];
  const body = fill(ctx, draft.text, { years: String(penaltyYears(ctx, element)) });
  if (element.category === 'offence') {
    lines.push(`${style.subsection(0)} ${body}`, '');
    lines.push(`${style.subsection(1)} ${penaltySentence(ctx, element, `${style.subsection(0)}`)}`, '');
  } else {
    lines.push(body, '');
  }
  const at = after ? after.span.end : bill.text.length;
  return {
    elementId: element.id,
    title: `Add a provision: ${element.title.toLowerCase()} (section ${number})`,
    kind: 'insert-provision',
    preferred: true,
    edits: [{ span: { start: at, end: at }, newText: blockAt(bill.text, at, lines.join(eol), eol) }],
  };
}

function penaltySentence(ctx: DraftContext, element: Element, subsection: string): string {
  return `A person who commits an offence under subsection ${subsection} is liable on conviction to imprisonment for a term not exceeding ${penaltyYears(ctx, element)} years.`;
}

/** The Directive's minimum maximum for the conduct, or the bill's own usual maximum if higher. */
function penaltyYears(ctx: DraftContext, element: Element): number {
  const penalties = ctx.catalogue.elements.find((e) => e.detector.kind === 'penalties');
  const minimum = penalties?.detector.kind === 'penalties' ? penalties.detector.minimumMaxima[element.id] ?? 1 : 1;
  const figures = ctx.analysis.findings.find((f) => f.elementId === penalties?.id)?.figures.maxYears ?? {};
  const known = Object.values(figures).filter((n): n is number => typeof n === 'number' && Number.isFinite(n));
  const usual = known.length > 0 ? known.sort((a, b) => a - b)[Math.floor(known.length / 2)]! : 0;
  return Math.max(minimum, usual);
}

function placementSection(ctx: DraftContext, placement: 'definitions' | 'offences' | 'general' | 'end'): Provision | undefined {
  const sections = sectionsOf(ctx.bill);
  if (sections.length === 0) return undefined;
  if (placement === 'offences') {
    const offenceSections = new Set(
      ctx.analysis.findings
        .filter((f) => f.category === 'offence' && f.status !== 'missing')
        .flatMap((f) => f.evidence.map((e) => sectionIdOf(ctx.bill, e.provisionId))),
    );
    const last = [...sections].reverse().find((s) => offenceSections.has(s.id));
    if (last) return last;
  }
  // General provisions go after the last section of the operative part (before any schedule).
  return sections[sections.length - 1];
}

function sectionIdOf(bill: Bill, provisionId: string): string {
  let current = bill.byId.get(provisionId);
  while (current && current.kind !== 'section' && current.kind !== 'article' && current.parentId) current = bill.byId.get(current.parentId);
  return current?.id ?? provisionId;
}

/** Surround an inserted block with exactly one blank line on each side, whatever blank lines are there already. */
function blockAt(text: string, at: number, block: string, eol: string): string {
  const newlinesBefore = countNewlines(text.slice(Math.max(0, at - 4), at), 'end');
  const newlinesAfter = countNewlines(text.slice(at, at + 4), 'start');
  const lead = at === 0 ? '' : eol.repeat(Math.max(0, 2 - newlinesBefore));
  const trail = at >= text.length ? eol : eol.repeat(Math.max(0, 2 - newlinesAfter));
  return `${lead}${block.replace(/(?:\r?\n)+$/, '')}${trail}`;
}

function countNewlines(chunk: string, side: 'start' | 'end'): number {
  const m = side === 'end' ? /(?:\r?\n)*$/.exec(chunk) : /^(?:\r?\n)*/.exec(chunk);
  return (m?.[0].match(/\n/g) ?? []).length;
}

// ------------------------------------------------------------------ definitions

function definitionFix(ctx: DraftContext, element: Element): Fix {
  const { bill, style } = ctx;
  const term = element.id === 'definition/child-under-18' ? style.child : style.material;
  const body = fill(ctx, element.draft!.text).replace(/^["“«]?[^"”»]+["”»] means /, '');
  const text = style.definition(term, body);
  const { at, position } = definitionPlace(ctx, term);
  const block = `${provenance(ctx, element)}${style.eol}${text}`;
  return {
    elementId: element.id,
    title: `Define "${term}" (${element.title.toLowerCase()})`,
    kind: 'insert-definition',
    preferred: true,
    edits: [{ span: { start: at, end: at }, newText: position === 'block' ? blockAt(bill.text, at, block, style.eol) : `${block}${style.eol}${style.eol}` }],
  };
}

/** Alphabetically among unnumbered definitions; else at the end of the definitions section; else after the title. */
function definitionPlace(ctx: DraftContext, term: string): { at: number; position: 'before' | 'block' } {
  const { bill } = ctx;
  const definitions = bill.definitions.filter((d) => d.scope.kind === 'act');
  const unnumbered = definitions.filter((d) => bill.byId.get(d.provisionId)?.kind !== 'subdivision' || bill.text.slice(d.span.start - 1, d.span.start) === '\n');
  const following = unnumbered.find((d) => d.normalizedTerm.localeCompare(term.toLowerCase()) > 0);
  if (following) {
    const lineStart = bill.text.lastIndexOf('\n', following.span.start - 1) + 1;
    if (/^\s*$/.test(bill.text.slice(lineStart, following.span.start).replace(/[*"“«‘]/g, ''))) return { at: lineStart, position: 'before' };
  }
  const last = definitions[definitions.length - 1];
  if (last) {
    const provision = bill.byId.get(last.provisionId);
    return { at: provision && provision.kind !== 'section' && provision.kind !== 'article' ? provision.span.end : lineEnd(bill.text, last.span.end), position: 'block' };
  }
  const title = bill.provisions.find((p) => p.kind === 'title');
  return { at: title ? lineEnd(bill.text, title.headSpan.end) : bill.frontMatterSpan?.end ?? 0, position: 'block' };
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

/** Missing limb of the material definition: an "includes" clause right after that definition. */
function limbFix(ctx: DraftContext, element: Element): Fix | undefined {
  const { bill, style } = ctx;
  const definition = bill.definitions.find((d) => d.normalizedTerm === style.material.toLowerCase()) ?? undefined;
  if (!definition || !element.draft) return undefined;
  if (element.id === 'definition/real-or-simulated') {
    const body = bill.text.slice(definition.bodySpan.start, definition.bodySpan.end);
    const m = /sexual(?:ly)? (?:explicit )?(?:conduct|activit(?:y|ies))/i.exec(body);
    if (m) {
      const at = definition.bodySpan.start + m.index;
      return { elementId: element.id, title: 'Add "real or simulated" to the definition', kind: 'add-limb', preferred: true, edits: [{ span: { start: at, end: at }, newText: 'real or simulated ' }] };
    }
  }
  const provision = bill.byId.get(definition.provisionId);
  const at = provision && provision.kind === 'subdivision' ? provision.span.end : lineEnd(bill.text, definition.span.end);
  const clause = style.definition(style.material, '').replace(/ means $/, ' includes ').replace(/: $/, ' includes: ');
  const text = `${provenance(ctx, element)}${style.eol}${clause}${fill(ctx, element.draft.text)}.`;
  return { elementId: element.id, title: `Extend "${style.material}" to ${element.title.toLowerCase()}`, kind: 'add-limb', preferred: true, edits: [{ span: { start: at, end: at }, newText: blockAt(bill.text, at, text, style.eol) }] };
}

// ------------------------------------------------------------------ targeted edits

function targetedFix(ctx: DraftContext, element: Element, finding: ElementFinding): Fix | undefined {
  const weakening = finding.weakenings.find((w) => w.span);
  if (!weakening?.span) return element.detector.kind === 'definition-limb' ? limbFix(ctx, element) : undefined;
  if (weakening.id === 'age-below-threshold') return raiseAge(ctx, element, finding);
  if (weakening.id === 'purpose-qualified') return strikeQualifier(ctx, element, weakening);
  if (weakening.id === 'below-minimum-maximum') return raisePenalty(element, ctx.bill.text, weakening);
  if (element.detector.kind === 'definition-limb') return limbFix(ctx, element);
  return undefined;
}

function raiseAge(ctx: DraftContext, element: Element, finding: ElementFinding): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const w of finding.weakenings) {
    if (w.id !== 'age-below-threshold' || !w.span) continue;
    const words = ctx.bill.text.slice(w.span.start, w.span.end);
    const m = /(\d{1,2})|\b(sixteen|seventeen|fifteen|fourteen|thirteen|twelve)\b/i.exec(words);
    if (!m) continue;
    const start = w.span.start + m.index;
    edits.push({ span: { start, end: start + m[0].length }, newText: m[1] ? '18' : m[0][0] === m[0][0]!.toUpperCase() ? 'Eighteen' : 'eighteen' });
  }
  if (edits.length === 0) return undefined;
  return { elementId: element.id, title: 'Raise the age to 18', kind: 'raise-age', preferred: true, edits };
}

/** Strike "with intent to distribute or sell it" (to the end of its clause), leaving the offence itself. */
function strikeQualifier(ctx: DraftContext, element: Element, weakening: Weakening): Fix {
  const text = ctx.bill.text;
  const span = weakening.span!;
  const rest = text.slice(span.end, span.end + 200);
  const stop = rest.search(/[,;.\n]|\s(?:commits|is guilty|shall be|is liable)\b/);
  let end = span.end + (stop < 0 ? 0 : stop);
  let start = span.start;
  if (text[start - 1] === ' ') start--;
  if (text[start - 1] === ',' && text[end] === ',') {
    start--;
    end++;
  }
  return { elementId: element.id, title: 'Strike the purpose requirement', kind: 'strike-qualifier', preferred: true, edits: [{ span: { start, end }, newText: '' }] };
}

function raisePenalty(element: Element, text: string, weakening: Weakening): Fix | undefined {
  if (weakening.expected === undefined || !weakening.span) return undefined;
  const sentence = text.slice(weakening.span.start, Math.min(text.length, weakening.span.start + 200));
  const m = /(\d{1,2})\s+years?/i.exec(sentence);
  if (!m || Number(m[1]) >= weakening.expected) return undefined;
  const start = weakening.span.start + m.index;
  return {
    elementId: element.id,
    title: `Raise the maximum term to ${weakening.expected} years`,
    kind: 'raise-penalty',
    preferred: true,
    edits: [{ span: { start, end: start + m[1]!.length }, newText: String(weakening.expected) }],
  };
}
