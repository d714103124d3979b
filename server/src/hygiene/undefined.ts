/**
 * A term used in the defined-term form but never defined: where the bill marks its definitions with
 * quotation marks (“child”) or bold (**child**), a short term-like phrase written the same way in the
 * running text reads as a defined term, and a reader will look for its definition. Precision first:
 * only the marker the bill's own definitions use counts, and quoted titles, quoted words in
 * amendments ("omit “x”"), inline definitions ("(the “Convention”)") and the ordinary words the
 * drafter marked are left alone.
 */
import type { Bill, Definition, Span } from '../parse/types.js';
import type { TextContext } from './text.js';
import type { HygieneFinding } from './types.js';
import { termWords, variantsOf } from './uses.js';

type Marker = 'quote' | 'bold';

interface Candidate {
  /** The phrase without its marks. */
  inner: Span;
  /** The phrase with its marks. */
  outer: Span;
}

const OPEN_QUOTES = '“"‘«„';
const TITLE_WORDS = /\b(?:Act|Bill|Code|Convention|Protocol|Directive|Regulations?|Order|Rules|Treaty|Charter|Law|Constitution|Ordinance|Statute|Decree)\b/;
const PHRASE = /^[\p{L}][\p{L}'’ -]{0,59}$/u;
// Words quoted as words (amendments, titles, labels and ratings), not used as terms.
const WORDS_BEFORE = /\b(?:omit(?:ting)?|substitut\w*|insert(?:ing)?|the\s+(?:words?|expressions?|terms?|phrases?|heading|title|designation|label)|cited\s+as|entitled|titled|known\s+as|called|named|headed|labell?ed|marked|rating\s+of|rated|defin(?:e|es|ing|ition\s+of)|classified\s+as(?:\s+being\s+in)?|treated\s+as|put|stamp(?:ed)?|referred\s+to\s+as)\b/i;
// Defined on the spot, whatever the parser made of it: "“x”, “y” and “z” have the meaning …",
// "shall be deemed a “non-Federal entity”", "(referred to in this section as the “Committee”)".
const DEFINING_AFTER = /^\s*(?:,?\s*(?:and|or)?\s*[“"‘«„][^”"’»\n]{1,80}[”"’»]\s*)*(?:\([^)\n]{0,80}\)\s*)?(?:,[^,;.\n]{0,100},\s*)?(?:means?|shall mean|includes?|shall include|ha(?:s|ve) (?:a|the)(?: same| corresponding)? meanings?|(?:is|are) defined|refers? to)\b/i;
const DEFINING_BEFORE = /\b(?:deemed(?:\s+to\s+be)?|referred\s+to\b[^.;()]{0,40}\bas)(?:\s+(?:a|an|the))?\s*$/i;
const PAREN_BEFORE = /\(\s*(?:(?:in this \p{L}+\s+)?(?:the|hereinafter(?: called)?|referred to as|called|a|an)\s+)?$/iu;

/** Which marker the bill's definitions use, if one clearly dominates. */
function markerOf(bill: Bill): { marker: Marker; opens: Set<string> } | undefined {
  let quotes = 0;
  let bold = 0;
  const opens = new Set<string>();
  for (const d of bill.definitions) {
    if (d.form === 'table') continue;
    let k = d.termSpan.start - 1;
    while (k >= 0 && (bill.text[k] === ' ' || bill.text[k] === '\t')) k--;
    const c = bill.text[k] ?? '';
    if (OPEN_QUOTES.includes(c)) {
      quotes++;
      opens.add(c);
    } else if ((c === '*' || c === '_') && bill.text[k - 1] === c) bold++;
  }
  if (quotes >= 2 && quotes > bold) return { marker: 'quote', opens };
  if (bold >= 2 && bold > quotes) return { marker: 'bold', opens };
  return undefined;
}

function candidates(ctx: TextContext, marker: Marker, opens: Set<string>): Candidate[] {
  const { text } = ctx.bill;
  const out: Candidate[] = [];
  if (marker === 'quote') {
    // Every quotation (merged where two touch) opened by one of the marks the bill's definitions use.
    for (const q of ctx.quotations) if (opens.has(ctx.bill.plain[q.start]!)) out.push({ inner: { start: q.start + 1, end: q.end - 1 }, outer: q });
    return out;
  }
  const re = /(\*\*|__)(?=\S)([^*_\n]{1,80}?)(?<=\S)\1/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    // Real emphasis only: the Markdown parse blanked the markers in `plain`.
    if (ctx.bill.plain.charCodeAt(m.index) !== 32) continue;
    out.push({ inner: { start: m.index + 2, end: m.index + m[0].length - 2 }, outer: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}

/** Every accepted spelling of a defined term, lower case, words joined by one space. */
function knownTerms(definitions: readonly Definition[]): Set<string> {
  const known = new Set<string>();
  for (const d of definitions) addTerm(known, d.term);
  return known;
}

function addTerm(known: Set<string>, term: string): void {
  const words = termWords(term.replace(/^(?:the|a|an)\s+/i, ''));
  if (words.length === 0) return;
  const head = words.slice(0, -1).join(' ');
  for (const v of variantsOf(words[words.length - 1] as string)) known.add(head ? `${head} ${v}` : v);
}

function isKnown(known: Set<string>, phrase: string): boolean {
  const words = termWords(phrase.replace(/^(?:the|a|an)\s+/i, ''));
  return known.has(words.join(' '));
}

export function checkUndefined(ctx: TextContext, out: HygieneFinding[]): void {
  const bill = ctx.bill;
  const style = markerOf(bill);
  if (!style) return;
  const known = knownTerms(bill.definitions);
  for (const form of ctx.ordinary.forms) addTerm(known, form);
  const defined = bill.definitions.map((d) => d.termSpan);
  const multiWordTitleTerms = bill.definitions.some((d) => /^\p{Lu}\S*(?:\s+\p{Lu}\S*)+$/u.test(d.term));
  const found = new Map<string, Candidate[]>();
  for (const c of candidates(ctx, style.marker, style.opens)) {
    const { plain } = bill;
    const phrase = plain.slice(c.inner.start, c.inner.end).replace(/\s+/g, ' ').trim();
    if (!PHRASE.test(phrase) || phrase.split(' ').length > 5) continue;
    if (ctx.blockquotes.has(c.outer.start) || ctx.headings.has(c.outer.start)) continue;
    if (defined.some((s) => s.start < c.outer.end + 2 && c.outer.start - 2 < s.end)) continue;
    if (TITLE_WORDS.test(phrase)) continue;
    if (!multiWordTitleTerms && /^\p{Lu}\S*(?:\s+\p{Lu}\S*)+$/u.test(phrase)) continue;
    const lineStart = plain.lastIndexOf('\n', c.outer.start) + 1;
    const before = plain.slice(Math.max(lineStart, c.outer.start - 160), c.outer.start);
    const after = plain.slice(c.outer.end, c.outer.end + 200);
    if (style.marker === 'bold' && (/^\s*[:.—–-]/.test(after) || before.trim() === '')) continue; // a label or a run-in heading
    // Defined on the spot: "«child» has a corresponding meaning", "(the “Convention”)".
    if (DEFINING_AFTER.test(after) || DEFINING_BEFORE.test(before) || (PAREN_BEFORE.test(before) && /^\s*\)/.test(after))) {
      addTerm(known, phrase);
      continue;
    }
    if (WORDS_BEFORE.test(before)) continue;
    const key = termWords(phrase.replace(/^(?:the|a|an)\s+/i, '')).join(' ');
    const list = found.get(key);
    if (list) list.push(c);
    else found.set(key, [c]);
  }
  for (const list of found.values()) {
    const first = list[0] as Candidate;
    const phrase = bill.plain.slice(first.inner.start, first.inner.end).replace(/\s+/g, ' ').trim();
    if (isKnown(known, phrase)) continue; // defined later on the spot
    const marks = style.marker === 'quote' ? 'quotation marks' : 'bold';
    out.push({
      code: 'drafting/undefined-term',
      span: first.inner,
      message: `“${phrase}” is written like a defined term (in ${marks}) but the bill does not define it${list.length > 1 ? ` (${list.length} places)` : ''}: define it, or write it as an ordinary phrase`,
      ...(list.length > 1 ? { related: list.slice(1, 6).map((c) => ({ span: c.inner, message: `“${phrase}” again` })) } : {}),
      fixes: () => [
        {
          title: `Write “${phrase}” as an ordinary phrase (drop the ${marks})`,
          edits: list.flatMap((c) => [
            { span: { start: c.outer.start, end: c.inner.start }, newText: '' },
            { span: { start: c.inner.end, end: c.outer.end }, newText: '' },
          ]),
          preferred: false,
        },
      ],
    });
  }
}
