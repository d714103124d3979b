/**
 * Occurrences of defined terms: one pass over the words of `plain` for all definitions at once (a
 * regex per term would read a 5 MB code once per definition, a thousand times over). A term matches
 * whole words, case-insensitively, with any run of blanks between its words and the usual plural or
 * singular of its last word ("computer systems", "children"); the longest term wins at a position, so
 * "child" inside "child sexual abuse material" is not counted as a use of "child".
 */
import type { PieceScans } from '../parse/scans.js';
import type { Bill, Definition, Span } from '../parse/types.js';

export interface TermKey {
  /** The words joined by one space: identifies the term. */
  id: string;
  /** Lower-cased words of the term as written. */
  words: string[];
  definitions: Definition[];
}

/**
 * A term found in the text. A code has a hundred thousand of them, so they are kept lean: offsets
 * as numbers, and the wording and a Span object made only when a finding needs them.
 */
export class Occurrence {
  constructor(
    readonly key: TermKey,
    readonly start: number,
    readonly end: number,
    private readonly plain: string,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  /** The occurrence as written (from `plain`, so Markdown emphasis is already blanked). */
  get text(): string {
    return this.plain.slice(this.start, this.end);
  }

  /** Written exactly as `form`? (without building the string) */
  is(form: string): boolean {
    return this.end - this.start === form.length && this.plain.startsWith(form, this.start);
  }
}

/**
 * The occurrences of a text, in typed arrays: a code has a hundred thousand of them and nearly all
 * are plain uses, counted and forgotten, so objects are made only for the few a finding needs
 * (`at`). `view` lends one reused object for reading only.
 */
export class OccurrenceList {
  count = 0;
  private starts: Int32Array = new Int32Array(1024);
  private ends: Int32Array = new Int32Array(1024);
  private keyIds: Int32Array = new Int32Array(1024);
  private readonly cursor: { key: TermKey; start: number; end: number; plain: string; text: string; is(form: string): boolean };

  constructor(
    readonly keys: readonly TermKey[],
    readonly plain: string,
  ) {
    this.cursor = {
      key: keys[0] as TermKey,
      start: 0,
      end: 0,
      plain,
      get text(): string {
        return this.plain.slice(this.start, this.end);
      },
      is(form: string): boolean {
        return this.end - this.start === form.length && this.plain.startsWith(form, this.start);
      },
    };
  }

  push(keyId: number, start: number, end: number): void {
    if (this.count === this.starts.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.keyIds = grow(this.keyIds);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.keyIds[this.count] = keyId;
    this.count++;
  }

  keyId(i: number): number {
    return this.keyIds[i] as number;
  }

  /** A fresh Occurrence, to keep. */
  at(i: number): Occurrence {
    return new Occurrence(this.keys[this.keyIds[i] as number] as TermKey, this.starts[i] as number, this.ends[i] as number, this.plain);
  }

  /** The i-th occurrence in a shared object, valid until the next call: for reading, never keeping. */
  view(i: number): OccurrenceLike {
    const c = this.cursor;
    c.key = this.keys[this.keyIds[i] as number] as TermKey;
    c.start = this.starts[i] as number;
    c.end = this.ends[i] as number;
    return c;
  }
}

export interface OccurrenceLike {
  readonly key: TermKey;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  is(form: string): boolean;
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
  keyId: number;
  /** Accepted forms of each word (all but the last: the word itself), and their hashes; plain
   * arrays of one to four items, read with index loops (a Set iterator per word would be garbage). */
  forms: string[][];
  hashes: number[][];
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

/** One use found by a piece-by-piece search. */
interface FoundUse {
  span: Span;
  keyId: number;
}

const relocate = (o: FoundUse, delta: number): FoundUse => ({ span: { start: o.span.start + delta, end: o.span.end + delta }, keyId: o.keyId });

/**
 * Every use of every term, in document order. With `scans` (the editor's per-document cache) the
 * search runs piece by piece and an unchanged piece's uses are reused (parse/scans.ts).
 */
export function findOccurrences(bill: Bill, keys: readonly TermKey[], scans?: PieceScans): OccurrenceList {
  // First words by hash; a word is only compared as a string when its hash is a first word.
  const index = new Map<number, Array<{ first: string; entries: Entry[] }>>();
  for (const [keyId, key] of keys.entries()) {
    const forms = key.words.map((w, i) => (i === key.words.length - 1 ? variantsOf(w) : [w]));
    const entry: Entry = { key, keyId, forms, hashes: forms.map((f) => f.map(hashString)) };
    for (const first of forms[0] as string[]) {
      const h = hashString(first);
      let bucket = index.get(h);
      if (!bucket) index.set(h, (bucket = []));
      let slot = bucket.find((b) => b.first === first);
      if (!slot) bucket.push((slot = { first, entries: [] }));
      slot.entries.push(entry);
    }
  }
  for (const bucket of index.values()) for (const slot of bucket) slot.entries.sort((a, b) => b.key.words.length - a.key.words.length);
  const out = new OccurrenceList(keys, bill.plain);
  if (index.size === 0) return out;
  // A 64K-bit filter on the hash spares the Map lookup for almost every word of a long text.
  const filter = new Uint8Array(0x10000);
  for (const h of index.keys()) filter[h & 0xffff] = 1;
  const la: LookAhead = { start: new Int32Array(MAX_TERM_WORDS), end: new Int32Array(MAX_TERM_WORDS), hash: new Int32Array(MAX_TERM_WORDS), joined: new Uint8Array(MAX_TERM_WORDS) };
  const scan = (plain: string, span: Span): FoundUse[] => {
    const found: FoundUse[] = [];
    scanText(plain, span, index, filter, la, (keyId, start, end) => found.push({ span: { start, end }, keyId }));
    return found;
  };
  if (scans && bill.pieces) {
    const kind = `terms\u0000${keys.map((k) => k.id).join('\u0000')}`;
    for (const o of scans.findAll(kind, bill.plain, bill.pieces, scan, relocate)) out.push(o.keyId, o.span.start, o.span.end);
  } else {
    scanText(bill.plain, { start: 0, end: bill.plain.length }, index, filter, la, (keyId, start, end) => out.push(keyId, start, end));
  }
  return out;
}

function scanText(
  plain: string,
  span: Span,
  index: Map<number, Array<{ first: string; entries: Entry[] }>>,
  filter: Uint8Array,
  la: LookAhead,
  push: (keyId: number, start: number, end: number) => void,
): void {
  const n = span.end;
  let i = span.start;
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
    for (let b = 0; b < bucket.length; b++) {
      const slot = bucket[b] as (typeof bucket)[number];
      if (sameLower(plain, start, firstEnd, slot.first)) entries = slot.entries;
    }
    if (!entries) continue;
    // The following words are read once, on demand, and shared by all terms with this first word.
    let read = 1;
    la.end[0] = firstEnd;
    for (let x = 0; x < entries.length; x++) {
      const entry = entries[x] as Entry;
      const len = entry.forms.length;
      let ok = true;
      for (let k = 1; k < len && ok; k++) {
        if (k >= read) readWord(plain, la.end[k - 1] as number, read++, la);
        ok = la.joined[k] === 1 && (entry.hashes[k] as number[]).includes(la.hash[k] as number) && anyLower(plain, la.start[k] as number, la.end[k] as number, entry.forms[k] as string[]);
      }
      if (!ok) continue;
      const end = la.end[len - 1] as number;
      push(entry.keyId, start, end);
      i = end;
      break;
    }
  }
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

function anyLower(plain: string, start: number, end: number, forms: readonly string[]): boolean {
  for (let i = 0; i < forms.length; i++) if (sameLower(plain, start, end, forms[i] as string)) return true;
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
