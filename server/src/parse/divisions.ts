/**
 * Division headings across drafting traditions: "Part 2 — Offences", "PART II", "Section 3. Possession",
 * "3. Possession", "§ 2252A. Certain activities", "Article 5", "Art. 5 — …", "Chapter II",
 * "Division 3", "Schedule 1", "Annex". Anything else is an unnumbered heading.
 */
import type { ProvisionKind } from './types.js';
import { romanValue } from './numbering.js';

export interface DivisionInfo {
  kind: ProvisionKind;
  number?: string;
  /** Printed word used in labels: "Part", "Section", "§", "Article". */
  word: string;
  /** Id segment prefix: "part", "s", "art", "ch". */
  idPrefix: string;
  heading?: string;
  /** Containment order at equal heading depth: a lower rank contains a higher one. */
  rank: number;
}

/** Every DivisionInfo is made here, with all its fields in one order: one hidden class (see tree.ts newProvision). */
export function divisionInfo(kind: ProvisionKind, number: string | undefined, word: string, idPrefix: string, heading: string | undefined, rank: number): DivisionInfo {
  return { kind, number, word, idPrefix, heading, rank };
}

interface Keyword { kind: ProvisionKind; word: string; idPrefix: string; rank: number }

const KEYWORDS: Record<string, Keyword> = {
  title: { kind: 'title', word: 'Title', idPrefix: 'title', rank: 1 },
  subtitle: { kind: 'title', word: 'Subtitle', idPrefix: 'subtitle', rank: 1.5 },
  part: { kind: 'part', word: 'Part', idPrefix: 'part', rank: 2 },
  subpart: { kind: 'subpart', word: 'Subpart', idPrefix: 'subpart', rank: 2.5 },
  chapter: { kind: 'chapter', word: 'Chapter', idPrefix: 'ch', rank: 2 },
  subchapter: { kind: 'chapter', word: 'Subchapter', idPrefix: 'subch', rank: 2.5 },
  division: { kind: 'division', word: 'Division', idPrefix: 'div', rank: 2 },
  subdivision: { kind: 'division', word: 'Subdivision', idPrefix: 'subdiv', rank: 2.5 },
  schedule: { kind: 'schedule', word: 'Schedule', idPrefix: 'sch', rank: 2 },
  annex: { kind: 'schedule', word: 'Annex', idPrefix: 'annex', rank: 2 },
  appendix: { kind: 'schedule', word: 'Appendix', idPrefix: 'app', rank: 2 },
  article: { kind: 'article', word: 'Article', idPrefix: 'art', rank: 3 },
  section: { kind: 'section', word: 'Section', idPrefix: 's', rank: 3 },
  '§': { kind: 'section', word: '§', idPrefix: 's', rank: 3 },
  regulation: { kind: 'section', word: 'Regulation', idPrefix: 'reg', rank: 3 },
  rule: { kind: 'section', word: 'Rule', idPrefix: 'r', rank: 3 },
};

const ALIASES: Record<string, string> = {
  'sub-part': 'subpart', 'sub-chapter': 'subchapter', 'sub-division': 'subdivision', 'art.': 'article', art: 'article',
  'sec.': 'section', sec: 'section', 's.': 'section', '§§': '§', 'reg.': 'regulation',
};

export const HEADING_RANK = 4;

const KEYWORD_HEADING =
  /^(title|subtitle|part|sub-?part|chapter|sub-?chapter|division|sub-?division|schedule|annex|appendix|article|art\.?|section|sec\.?|s\.|§§?|regulation|reg\.|rule)(?:(?:(?<=[.§])\s*|\s+)(\d{1,5}[A-Za-z]{0,3}(?:[.-]\d{1,4}[A-Za-z]{0,2})*|[IVXLCDMivxlcdm]{1,8}|[A-Za-z]))?(?=$|[\s.:—–\-,)])[\s.:—–\-]*(.*)$/i;
const BARE_NUMBER = /^(\d{1,4}[A-Z]{0,3}(?:\.\d{1,3})?)(?:\.(?!\d)|(?=\s)|$)[\s—–:-]*(.*)$/;

export function classifyHeading(text: string): DivisionInfo {
  const t = text.trim();
  let m = KEYWORD_HEADING.exec(t);
  if (m) {
    const raw = (m[1] as string).toLowerCase();
    const key = ALIASES[raw] ?? raw;
    const kw = KEYWORDS[key];
    let number = m[2];
    const rest = (m[3] ?? '').trim();
    if (kw && number !== undefined && /^[A-Za-z]+$/.test(number) && number.length > 1 && romanValue(number) === undefined) number = undefined;
    // "Part of the Act" is a heading; "Schedule" alone or "Schedule — Forms" is an unnumbered schedule.
    const separated = number !== undefined || rest === '' || /^[\s.:—–-]/.test(t.slice((m[1] as string).length));
    if (kw && (number !== undefined || (separated && (kw.kind === 'schedule')))) {
      return divisionInfo(kw.kind, number !== undefined ? normaliseNumber(number) : undefined, kw.word, kw.idPrefix, rest || undefined, kw.rank);
    }
  }
  m = BARE_NUMBER.exec(t);
  if (m) {
    const rest = (m[2] ?? '').trim();
    return divisionInfo('section', m[1] as string, 'Section', 's', rest || undefined, 3);
  }
  return divisionInfo('heading', undefined, '', 'h', t || undefined, HEADING_RANK);
}

function normaliseNumber(n: string): string {
  // Roman numerals are conventionally upper case in division numbers ("Part ii" → "II").
  if (/^[ivxlcdm]+$/.test(n) && n.length > 1 && romanValue(n) !== undefined) return n.toUpperCase();
  return n;
}

export function divisionLabel(info: DivisionInfo): string {
  if (info.number === undefined) return info.kind === 'heading' ? (info.heading ?? '') : info.word;
  return info.word === '§' ? `§ ${info.number}` : `${info.word} ${info.number}`;
}

/** A "**3.** Possession" or "**Section 3.**" bold paragraph opener. */
export const BOLD_SECTION = /^\s*(?:(section|sec\.|s\.|§|article|art\.)\s*)?(\d{1,5}[A-Z]{0,3})\.?\s*$/i;
