/**
 * Occurrences of defined terms: one pass over the words of `plain` for all definitions at once
 * (a per-term regex over a 5 MB code would be quadratic in the number of definitions). A term matches
 * whole words, case-insensitively, with any run of blanks between its words and the usual plural or
 * singular of its last word ("computer systems", "children"); the longest term wins at a position, so
 * "child" inside "child sexual abuse material" is not counted as a use of "child".
 */
import type { Bill, Definition, Span } from '../parse/types.js';

export interface TermKey {
  /** The words joined by one space: identifies the term. */
  id: string;
  /** Lower-cased words of the term as written. */
  words: string[];
  definitions: Definition[];
}

/** A term found in the text; its wording is read from `plain` only when asked for. */
export class Occurrence {
  constructor(
    readonly key: TermKey,
    readonly span: Span,
    private readonly plain: string,
  ) {}

  /** The occurrence as written (from `plain`, so Markdown emphasis is already blanked). */
  get text(): string {
    return this.plain.slice(this.span.start, this.span.end);
  }

  /** Written exactly as `form`? (without building the string) */
  is(form: string): boolean {
    return this.span.end - this.span.start === form.length && this.plain.startsWith(form, this.span.start);
  }
}

const CHARS = 'A-Za-z0-9\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const TOKEN = new RegExp(`[${CHARS}]+(?:[-\\u2010][${CHARS}]+)*`, 'g');
const IRREGULAR: Record<string, string> = {
  child: 'children', person: 'persons', man: 'men', woman: 'women', medium: 'media', datum: 'data', criterion: 'criteria', people: 'person',
};
const IRREGULAR_BACK: Record<string, string> = Object.fromEntries(Object.entries(IRREGULAR).map(([k, v]) => [v, k]));
const MAX_TERM_WORDS = 8;
const ARTICLES = new Set(['the', 'a', 'an']);
const FUNCTION_WORDS = new Set(['of', 'to', 'in', 'for', 'on', 'by', 'with', 'from', 'at', 'as', 'than', 'but', 'not', 'no', 'be', 'is', 'are', 'was', 'shall', 'may', 'must', 'that', 'which', 'who', 'whom', 'whose', 'it', 'this', 'these', 'those', 'such', 'each', 'any', 'all', 'the', 'a', 'an', 'and', 'or', 'if', 'where', 'when', 'there', 'he', 'she', 'they']);

/** The words of a term as the scanner sees them (lower case). */
export function termWords(term: string): string[] {
  return (term.toLowerCase().match(TOKEN) ?? []) as string[];
}

/** The forms of a last word that count as the same term: itself, its plural, its singular. */
export function variantsOf(word: string): string[] {
  const out = new Set([word]);
  const irregular = IRREGULAR[word] ?? IRREGULAR_BACK[word];
  if (irregular) out.add(irregular);
  if (/(?:s|x|z|ch|sh)$/.test(word)) out.add(`${word}es`);
  if (/[^aeiou]y$/.test(word)) out.add(`${word.slice(0, -1)}ies`);
  out.add(`${word}s`);
  if (/ies$/.test(word)) out.add(`${word.slice(0, -3)}y`);
  else if (/[^s]s$/.test(word) && word.length > 3) out.add(word.slice(0, -1));
  return [...out];
}

interface Entry {
  key: TermKey;
  /** Accepted forms of each word (all but the last: the word itself), and their hashes. */
  forms: Array<ReadonlySet<string>>;
  hashes: Array<ReadonlySet<number>>;
}

/** Groups definitions by the words of their term; definitions with unusable terms are left out. */
export function termKeys(definitions: readonly Definition[]): TermKey[] {
  const byWords = new Map<string, TermKey>();
  for (const d of definitions) {
    // "the Administrator" is used as "Administrator" too; a "term" that starts with a function word
    // ("that", "of the …") is the parser reading "(B) that includes …" as a definition.
    const words = termWords(d.term);
    while (words.length > 1 && ARTICLES.has(words[0] as string)) words.shift();
    if (words.length === 0 || words.length > MAX_TERM_WORDS || FUNCTION_WORDS.has(words[0] as string)) continue;
    const id = words.join(' ');
    const key = byWords.get(id);
    if (key) key.definitions.push(d);
    else byWords.set(id, { id, words, definitions: [d] });
  }
  return [...byWords.values()];
}

/** Word characters of TOKEN, as a table of char codes (a hand-written scan allocates nothing per word). */
const WORD_CODE = new Uint8Array(0x500);
for (let c = 0; c < 0x500; c++) {
  WORD_CODE[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c >= 0x370 ? 1 : 0;
}

function isWordCode(c: number): boolean {
  return c < 0x500 && WORD_CODE[c] === 1;
}

const LOWER = new Uint16Array(0x500);
for (let c = 0; c < 0x500; c++) LOWER[c] = String.fromCharCode(c).toLowerCase().charCodeAt(0);

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Reads the word at or after `from` (across at most 40 characters of blanks) into slot `k` of the
 * look-ahead arrays: start, end, lower-case hash, and whether only blanks separate it from `prevEnd`.
 */
function readWord(plain: string, prevEnd: number, k: number, la: LookAhead): void {
  const n = plain.length;
  let s = prevEnd;
  while (s < n && !isWordCode(plain.charCodeAt(s)) && s - prevEnd <= 40) s++;
  let e = s;
  let h = 0;
  for (;;) {
    let c = 0;
    while (e < n && isWordCode((c = plain.charCodeAt(e)))) {
      h = (Math.imul(h, 31) + (c < 0x500 ? (LOWER[c] as number) : c)) | 0;
      e++;
    }
    if ((c === 45 || c === 0x2010) && e + 1 < n && isWordCode(plain.charCodeAt(e + 1))) {
      h = (Math.imul(h, 31) + c) | 0;
      e++;
    } else break;
  }
  la.start[k] = s;
  la.end[k] = e;
  la.hash[k] = h;
  la.joined[k] = e > s && blanksOnly(plain, prevEnd, s) ? 1 : 0;
}

interface LookAhead {
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  joined: Uint8Array;
}

export function findOccurrences(bill: Bill, keys: readonly TermKey[]): Occurrence[] {
  // First words by hash; a word is only compared as a string when its hash is a first word.
  const index = new Map<number, Array<{ first: string; entries: Entry[] }>>();
  for (const key of keys) {
    const forms = key.words.map((w, i) => new Set(i === key.words.length - 1 ? variantsOf(w) : [w]));
    const entry: Entry = { key, forms, hashes: forms.map((f) => new Set([...f].map(hashString))) };
    for (const first of forms[0] as Set<string>) {
      const h = hashString(first);
      let bucket = index.get(h);
      if (!bucket) index.set(h, (bucket = []));
      let slot = bucket.find((b) => b.first === first);
      if (!slot) bucket.push((slot = { first, entries: [] }));
      slot.entries.push(entry);
    }
  }
  for (const bucket of index.values()) for (const slot of bucket) slot.entries.sort((a, b) => b.key.words.length - a.key.words.length);
  const out: Occurrence[] = [];
  if (index.size === 0) return out;
  // A 64K-bit filter on the hash spares the Map lookup for almost every word of a long text.
  const filter = new Uint8Array(0x10000);
  for (const h of index.keys()) filter[h & 0xffff] = 1;
  const la: LookAhead = { start: new Int32Array(MAX_TERM_WORDS), end: new Int32Array(MAX_TERM_WORDS), hash: new Int32Array(MAX_TERM_WORDS), joined: new Uint8Array(MAX_TERM_WORDS) };
  const plain = bill.plain;
  const n = plain.length;
  let i = 0;
  while (i < n) {
    let c = plain.charCodeAt(i);
    if (!isWordCode(c)) {
      i++;
      continue;
    }
    // One pass per word: find its end (hyphenated compounds included) and hash it in lower case.
    const start = i;
    let h = 0;
    for (;;) {
      while (i < n && isWordCode((c = plain.charCodeAt(i)))) {
        h = (Math.imul(h, 31) + (c < 0x500 ? (LOWER[c] as number) : c)) | 0;
        i++;
      }
      if ((c === 45 || c === 0x2010) && i + 1 < n && isWordCode(plain.charCodeAt(i + 1))) {
        h = (Math.imul(h, 31) + c) | 0;
        i++;
      } else break;
    }
    const firstEnd = i;
    if (filter[h & 0xffff] === 0) continue;
    const bucket = index.get(h);
    if (!bucket) continue;
    let entries: Entry[] | undefined;
    for (const slot of bucket) if (sameLower(plain, start, firstEnd, slot.first)) entries = slot.entries;
    if (!entries) continue;
    // The following words are read once, on demand, and shared by all terms with this first word.
    let read = 1;
    la.end[0] = firstEnd;
    for (const entry of entries) {
      const len = entry.forms.length;
      let ok = true;
      for (let k = 1; k < len && ok; k++) {
        if (k >= read) readWord(plain, la.end[k - 1] as number, read++, la);
        ok = la.joined[k] === 1 && (entry.hashes[k] as Set<number>).has(la.hash[k] as number) && anyLower(plain, la.start[k] as number, la.end[k] as number, entry.forms[k] as Set<string>);
      }
      if (!ok) continue;
      const end = la.end[len - 1] as number;
      out.push(new Occurrence(entry.key, { start, end }, plain));
      i = end;
      break;
    }
  }
  return out;
}

/** plain[start, end) in lower case equals `word` (already lower case), compared in place. */
function sameLower(plain: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = plain.charCodeAt(start + i);
    if ((c < 0x500 ? (LOWER[c] as number) : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

function anyLower(plain: string, start: number, end: number, forms: ReadonlySet<string>): boolean {
  for (const f of forms) if (sameLower(plain, start, end, f)) return true;
  return false;
}

/** Blanks between two words of one term (a line break is fine, a blank line or punctuation is not). */
function blanksOnly(plain: string, from: number, to: number): boolean {
  if (to - from > 40 || to <= from) return false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = plain.charCodeAt(i);
    if (c === 10) newlines++;
    else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xa0) return false;
  }
  return newlines < 2;
}
