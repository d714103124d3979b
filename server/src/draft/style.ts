/**
 * The bill's own drafting style, read off its text so that drafted provisions look like their
 * neighbours: section heading shape and level, subsection numbering, "shall" or "must", its
 * defined terms, and how it writes a definition.
 */
import type { Bill, Definition, Provision } from '../parse/types.js';

export interface SectionStyle {
  /** Heading line with {n} for the number and {heading} for the words, e.g. "### {n}. {heading}". */
  template: string;
  depth: number;
}

export interface BillStyle {
  section: SectionStyle;
  /** First-level subdivision numbers: ["(1)", "(2)"] or ["(a)", "(b)"] or ["1.", "2."]. */
  subsection: (index: number) => string;
  modal: 'shall' | 'must';
  /** The bill's term for the material, as defined ("indecent image"). */
  material: string;
  /** The term as it reads inside a sentence ("an indecent image"; mass nouns stay bare). */
  materialPhrase: string;
  child: string;
  definition: (term: string, body: string) => string;
  eol: string;
}

const NUMBER_IN_HEADING = /^(#{1,6}\s+(?:(?:section|sec\.|article|art\.|§)\s*)?)([0-9]+[A-Za-z]*)(.*)$/i;

export function readStyle(bill: Bill, materialTerm: string | undefined, childTerm: string | undefined): BillStyle {
  const eol = bill.text.includes('\r\n') ? '\r\n' : '\n';
  return {
    section: sectionStyle(bill),
    subsection: subsectionStyle(bill),
    modal: countWord(bill.plain, 'must') > countWord(bill.plain, 'shall') ? 'must' : 'shall',
    material: materialTerm ?? 'child sexual abuse material',
    materialPhrase: asPhrase(materialTerm ?? 'child sexual abuse material'),
    child: childTerm ?? 'child',
    definition: definitionStyle(bill),
    eol,
  };
}

function countWord(text: string, word: string): number {
  return text.match(new RegExp(`\\b${word}\\b`, 'gi'))?.length ?? 0;
}

export function sectionsOf(bill: Bill): Provision[] {
  return bill.provisions.filter((p) => (p.kind === 'section' || p.kind === 'article') && p.headingDepth !== undefined);
}

function sectionStyle(bill: Bill): SectionStyle {
  const sections = sectionsOf(bill);
  const model = sections[sections.length - 1];
  if (model) {
    const line = bill.text.slice(model.headSpan.start, model.headSpan.end).split(/\r?\n/)[0] ?? '';
    const m = NUMBER_IN_HEADING.exec(line);
    if (m) {
      const rest = m[3] ?? '';
      const separator = /^(\.?\s*[—–-]\s*|\.\s+|:\s+|\s+)/.exec(rest)?.[0] ?? '. ';
      return { template: `${m[1]}{n}${separator}{heading}`, depth: model.headingDepth ?? 2 };
    }
  }
  return { template: '## Section {n}. {heading}', depth: 2 };
}

function subsectionStyle(bill: Bill): (index: number) => string {
  const first = bill.provisions.find((p) => p.kind === 'subdivision' && p.number !== undefined && (bill.byId.get(p.parentId ?? '')?.kind === 'section' || bill.byId.get(p.parentId ?? '')?.kind === 'article'));
  const scheme = first?.scheme ?? 'arabic';
  const style = first?.style ?? 'paren';
  return (index: number) => {
    const n = scheme === 'lower-alpha' ? String.fromCharCode(97 + index) : scheme === 'upper-alpha' ? String.fromCharCode(65 + index) : String(index + 1);
    if (style === 'dot' || style === 'list') return `${n}.`;
    if (style === 'close-paren') return `${n})`;
    return `(${n})`;
  };
}

/** Copies the quoting of the bill's first definition: “x” means, "x" means, **x** means, «x» means. */
function definitionStyle(bill: Bill): (term: string, body: string) => string {
  const model: Definition | undefined = bill.definitions.find((d) => d.form === 'means') ?? bill.definitions[0];
  let open = '"';
  let close = '"';
  let verb = 'means';
  if (model) {
    const before = bill.text.slice(Math.max(0, model.termSpan.start - 2), model.termSpan.start);
    const after = bill.text.slice(model.termSpan.end, model.termSpan.end + 2);
    if (before.endsWith('**') && after.startsWith('**')) [open, close] = ['**', '**'];
    else if (before.endsWith('“')) [open, close] = ['“', '”'];
    else if (before.endsWith('«')) [open, close] = ['«', '»'];
    else if (before.endsWith('‘')) [open, close] = ['‘', '’'];
    if (model.form === 'colon') verb = ':';
  }
  return (term, body) => (verb === ':' ? `${term}: ${body}` : `${open}${term}${close} ${verb} ${body}`);
}

/** Next free section number: after the last section "max + 1"; in the middle of a bill "8A", "8B"… */
export function nextSectionNumber(bill: Bill, after: Provision | undefined, taken: Set<string>): string {
  const sections = sectionsOf(bill);
  const numbers = sections.map((s) => s.number ?? '').filter(Boolean);
  for (const n of numbers) taken.add(n.toUpperCase());
  const isLast = !after || sections[sections.length - 1] === after;
  if (isLast) {
    const max = Math.max(0, ...numbers.map((n) => parseInt(n, 10)).filter((n) => Number.isFinite(n)), ...[...taken].map((n) => parseInt(n, 10)).filter((n) => Number.isFinite(n)));
    const next = String(max + 1);
    taken.add(next);
    return next;
  }
  const base = after.number ?? '';
  for (let i = 0; i < 26; i++) {
    const candidate = `${base}${String.fromCharCode(65 + i)}`;
    if (!taken.has(candidate.toUpperCase())) {
      taken.add(candidate.toUpperCase());
      return candidate;
    }
  }
  const fallback = `${base}-${taken.size}`;
  taken.add(fallback.toUpperCase());
  return fallback;
}

/** "material", "pornography" and "content" are mass nouns; anything else takes an article. */
function asPhrase(term: string): string {
  if (/(?:material|pornography|content|matter)$/i.test(term)) return term;
  return `${/^[aeiou]/i.test(term) ? 'an' : 'a'} ${term}`;
}
