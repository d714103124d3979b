/**
 * Placing numbered units ("(1)", "(a)", "1.", list items) under a division: nesting is decided by
 * Markdown list nesting where present and otherwise by numbering-scheme changes; the roman/letter
 * ambiguity of (i), (v), (x), (I) … is settled by the sibling sequence. Unnumbered text attaches to
 * the innermost open provision, or becomes the closing words of the parent ("commits an offence").
 */
import type { Table } from 'mdast';
import type { NumberingScheme, ParseProblem, Provision, Span } from './types.js';
import type { Candidate, NumberToken } from './numbering.js';
import { follows } from './numbering.js';
import { lastNonSpace } from './search.js';
import type { TreeBuilder } from './tree.js';

export const MAX_SUBDIVISION_DEPTH = 40;

export interface Unit {
  /** The unit's own text (after its number token), trimmed. May be empty ("(1)" alone on a line). */
  text: Span;
  token?: NumberToken;
  /** Markdown list nesting (1 = top-level list item); 0 outside lists. */
  listDepth: number;
  kind: 'text' | 'table' | 'other';
  table?: Table;
}

/** Every unit is made here, with all its fields and in one order: one hidden class (see tree.ts newProvision). */
export function newUnit(text: Span, listDepth: number, kind: Unit['kind'], token?: NumberToken, table?: Table): Unit {
  return { text, token, listDepth, kind, table };
}

interface Level {
  prov: Provision;
  scheme: NumberingScheme;
  ordinal: number;
  listDepth: number;
}

interface Decision {
  index: number;
  cand: Candidate;
}

/** Open subdivision levels of one container; kept between calls so a re-opened division continues its numbering. */
export type LevelState = Level[];

/**
 * Places `units` under `container` and pushes each one's provision onto `placed`, in order. Units
 * are never changed: they are kept with their piece's text and shared by the checks of later versions.
 */
export function placeUnits(container: Provision, units: Unit[], builder: TreeBuilder, plain: string, problems: ParseProblem[], levels: LevelState, placed: Provision[]): void {
  let tooDeepReported = false;
  // Lookahead: the next numbered unit, to settle "(i)" after "(h)" when "(ii)" follows.
  const nextNumbered: Array<NumberToken | undefined> = new Array<NumberToken | undefined>(units.length);
  let next: NumberToken | undefined;
  for (let i = units.length - 1; i >= 0; i--) {
    nextNumbered[i] = next;
    const t = (units[i] as Unit).token;
    if (t) next = t;
  }
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as Unit;
    const token = unit.token;
    if (token) {
      const d = decide(levels, token, unit.listDepth, nextNumbered[i]);
      if (d.index >= MAX_SUBDIVISION_DEPTH) {
        if (!tooDeepReported) {
          tooDeepReported = true;
          problems.push({
            code: 'structure/too-deep',
            message: `Subdivisions are nested more than ${MAX_SUBDIVISION_DEPTH} levels deep; deeper numbers are read as text.`,
            severity: 'warning',
            span: { start: token.start, end: token.end },
          });
        }
        const target = levels.length > 0 ? (levels[levels.length - 1] as Level).prov : container;
        builder.attach(target, { start: token.start, end: Math.max(token.end, unit.text.end) });
        placed.push(target);
        continue;
      }
      levels.length = d.index;
      const parent = d.index === 0 ? container : (levels[d.index - 1] as Level).prov;
      const prov = builder.addSubdivision(parent, token.number, { start: token.start, end: token.end }, d.cand.scheme, token.style);
      levels.push({ prov, scheme: d.cand.scheme, ordinal: d.cand.ordinal, listDepth: unit.listDepth });
      builder.attach(prov, unit.text);
      if (unit.text.end <= unit.text.start && prov.span.end < token.end) prov.span.end = token.end;
      placed.push(prov);
      continue;
    }
    if (levels.length > 0 && unit.kind === 'text') {
      if (isClosingWords(unit, levels, container, plain)) {
        // Closing words continue the sentence of the nearest provision whose text leads in ("who—").
        let j = levels.length - 2;
        while (j >= 0 && !leadsIn(plain, (levels[j] as Level).prov)) j--;
        levels.length = j >= 0 ? j + 1 : leadsIn(plain, container) ? 0 : levels.length - 1;
      } else if (levels.length >= 2 && startsDefinition(unit, plain)) {
        levels.pop();
      }
    }
    const target = levels.length > 0 ? (levels[levels.length - 1] as Level).prov : container;
    builder.attach(target, unit.text);
    placed.push(target);
  }
}

/** Is `scheme` one of the first `upTo` open levels? */
function schemeOpen(levels: readonly Level[], scheme: NumberingScheme, upTo: number): boolean {
  for (let j = 0; j < upTo; j++) if ((levels[j] as Level).scheme === scheme) return true;
  return false;
}

function decide(levels: Level[], token: NumberToken, listDepth: number, next: NumberToken | undefined): Decision {
  const cands = token.candidates;
  let lo = 0;
  let hi = levels.length;
  if (listDepth > 0) {
    for (let j = levels.length - 1; j >= 0; j--) {
      const l = levels[j] as Level;
      if (l.listDepth === 0) continue;
      if (l.listDepth > listDepth) {
        hi = j;
        continue;
      }
      if (l.listDepth === listDepth) {
        // A sibling item of the same Markdown list level.
        const same = cands.find((c) => c.scheme === l.scheme) ?? (cands[0] as Candidate);
        return { index: j, cand: same };
      }
      lo = j + 1;
      break;
    }
  }
  const t = hi - 1;
  // 1. Next in the sequence of the innermost open level ("(h)" → "(i)" is a letter) …
  if (t >= lo) {
    const top = levels[t] as Level;
    const c = cands.find((c) => c.scheme === top.scheme && follows(top.ordinal, c.ordinal));
    if (c) {
      // … unless "(i)" is immediately followed by "(ii)": then it opens a roman level.
      const roman = cands.find((r) => r.ordinal === 1 && (r.scheme === 'lower-roman' || r.scheme === 'upper-roman'));
      const nextIsRoman2 = next?.candidates.some((n) => n.scheme === roman?.scheme && n.ordinal === 2) === true;
      if (roman && roman.scheme !== c.scheme && nextIsRoman2 && !schemeOpen(levels, roman.scheme, hi)) return { index: hi, cand: roman };
      return { index: t, cand: c };
    }
  }
  // 2. The first number of a scheme not already open starts a deeper level.
  for (const c of cands) if (c.ordinal === 1 && !schemeOpen(levels, c.scheme, hi)) return { index: hi, cand: c };
  // 3. Next in the sequence of an outer level (closing the inner ones).
  for (let j = t - 1; j >= lo; j--) {
    const l = levels[j] as Level;
    const c = cands.find((c) => c.scheme === l.scheme && follows(l.ordinal, c.ordinal));
    if (c) return { index: j, cand: c };
  }
  // 4. A later number of an open scheme (a gap in the numbering).
  for (let j = t; j >= lo; j--) {
    const l = levels[j] as Level;
    const c = cands.find((c) => c.scheme === l.scheme && c.ordinal > l.ordinal);
    if (c) return { index: j, cand: c };
  }
  // 5. A scheme not open yet, starting mid-sequence ("(2)" with no "(1)").
  for (const c of cands) if (!schemeOpen(levels, c.scheme, hi)) return { index: hi, cand: c };
  // 6. Same scheme again (duplicate or out of order): a sibling at that level.
  for (let j = t; j >= lo; j--) {
    const l = levels[j] as Level;
    const c = cands.find((c) => c.scheme === l.scheme);
    if (c) return { index: j, cand: c };
  }
  return { index: hi, cand: cands[0] as Candidate };
}

export const CLOSING_START =
  /^[\s"“]*(?:commits?\b|shall\b|is (?:guilty|liable|punishable|subject|to be)\b|are (?:guilty|liable|punishable|subject)\b|must\b|may be\b|be liable\b|is an offence\b|and (?:is|shall|commits|be)\b|penalty\b)/i;

/**
 * Closing words: an unnumbered paragraph after the last child that continues the parent's sentence
 * ("commits an offence and is liable …", or lower-case text after a child ending in ";", "," or "or").
 * Only when the parent has a lead-in (it is a subdivision, or the division's chapeau ends with "—").
 */
function isClosingWords(unit: Unit, levels: Level[], container: Provision, plain: string): boolean {
  if (unit.text.end <= unit.text.start) return false;
  if (levels.length < 2) {
    const own = container.ownSpans;
    const last = own.length > 0 ? (own[own.length - 1] as Span) : undefined;
    const first = (levels[0] as Level).prov;
    if (!last || last.end > first.span.start) return false;
    const lead = plain.slice(Math.max(last.start, last.end - 20), last.end).trimEnd();
    if (!/[—–:,-]$|\b(?:who|which|that|if|where|whoever)$/i.test(lead)) return false;
  }
  const head = plain.slice(unit.text.start, Math.min(unit.text.end, unit.text.start + 120));
  if (CLOSING_START.test(head)) return true;
  if (!/^[\s"“]*\p{Ll}/u.test(head)) return false;
  if (/\b(?:means|includes|has the (?:same )?meaning)\b/.test(head)) return false;
  const k = lastNonSpace(plain, 0, unit.text.start);
  const tail = plain.slice(Math.max(0, k - 3), k + 1);
  return /[;,—–:]$|\b(?:and|or)$/.test(tail);
}

const DEFINITION_START = /^[\s]*(?:(?:the\s+)?(?:term|expression)\s+)?["“‘«][^"”’»\n]{1,120}["”’»][^.;\n]{0,80}?\b(?:means|includes|has the (?:same )?meaning)\b|^\s*\p{Ll}[\p{L}\p{N} '’-]{0,80}?\s(?:means|has the (?:same )?meaning)\b/u;

/** An unnumbered paragraph that starts a new definition belongs beside the last child's parent entry, not inside it. */
function startsDefinition(unit: Unit, plain: string): boolean {
  if (unit.text.end <= unit.text.start) return false;
  return DEFINITION_START.test(plain.slice(unit.text.start, Math.min(unit.text.end, unit.text.start + 200)));
}

const LEAD_IN = /(?:[—–:]|\b(?:who|which|that|whoever|if|where|any person who))\s*$/i;

function leadsIn(plain: string, p: Provision): boolean {
  const last = p.ownSpans[p.ownSpans.length - 1];
  if (!last) return false;
  return LEAD_IN.test(plain.slice(Math.max(last.start, last.end - 24), last.end));
}
