/**
 * Whole-text scans, piece by piece: a search over the whole bill (for the material's name, the
 * child, cross-references) is run on each division piece of the last parse (chunks.ts) and its
 * result kept under the piece's text, so after a keystroke only the touched piece is searched again.
 *
 * A match that would run across a cut (rare: the cuts are at heading lines) is found by searching a
 * window around each cut; where one exists, the piece matches it overlaps are dropped, as a
 * whole-text search would not have found them. Results are the whole-text results in document order.
 *
 * After a keystroke most pieces are those of the last text (same ids): the leading ones where they
 * were, the trailing ones moved by the edit's length. Where nothing ran across a cut, the new result
 * is then the last one's head, the touched pieces' matches and the last one's tail moved: work in
 * proportion to the matches, not to the pieces (a per-piece lookup over a long bill's thousand
 * pieces, for every search, was itself a tenth of a keystroke's check).
 */
import type { Span } from './types.js';

export interface Found {
  span: Span;
}

/** A match that is only a span, moved by `delta` (a copy: kept results are never changed). */
export function relocateFound(found: Found, delta: number): Found {
  return { span: { start: found.span.start + delta, end: found.span.end + delta } };
}

/** Index of the first of `found` (sorted by start) that starts at or after `offset`: binary search. */
export function firstFrom(found: readonly Found[], offset: number): number {
  let lo = 0;
  let hi = found.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (found[mid]!.span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far around a cut a match may start or end and still be found whole. */
const WINDOW = 120;

/**
 * A piece of the searched text. `id`, when given, stands for the piece's exact text (chunks.ts
 * DocumentCache gives an unchanged piece the same id): results are then keyed by ids, which spares
 * hashing and comparing every piece's text on every keystroke.
 */
export interface ScanPiece extends Span {
  id?: number;
}

type Key = string | number;
type Memo = Map<string, Map<Key, Found[]>>;
type Find<T> = (text: string, span: Span) => T[];
type Relocate<T> = (found: T, delta: number) => T;

interface Window {
  from: number;
  at: number;
  to: number;
  key: Key;
}

interface Slices {
  pieces: readonly ScanPiece[];
  pieceKeys: Key[];
  windows: Window[];
}

/** One search's whole-text result over one list of pieces. */
interface KindResult {
  pieces: readonly ScanPiece[];
  out: Found[];
  /**
   * Where each piece's matches begin in `out` (one more entry: `out.length`). Only when no match
   * runs across a cut, so that `out` is the pieces' matches one after another.
   */
  firsts?: Int32Array;
}

/**
 * The matches in the window [from, to) of `text` that run across the cut `at` characters into it
 * (offsets relative to the window). One starting where a window starts mid-text may be the tail of a
 * longer match: the whole-text search would not find it there.
 */
function acrossCut<T extends Found>(text: string, from: number, at: number, to: number, find: Find<T>): T[] {
  const windowText = text.slice(from, to);
  return find(windowText, { start: 0, end: windowText.length }).filter((m) => m.span.start < at && m.span.end > at && (m.span.start > 0 || from === 0));
}

export class PieceScans {
  /** Per search kind, per piece (or cut window): matches relative to that piece's text. */
  private results: Memo = new Map();
  private used: Memo = new Map();
  /** Per search kind, its last whole-text result (this text's, or the one before). */
  private lastWhole = new Map<string, KindResult>();
  private usedWhole = new Map<string, KindResult>();
  private generation = '';
  /** The current text's piece and window keys, made once: every search keys its results by the same keys. */
  private slices: Slices | undefined;
  hits = 0;
  misses = 0;

  /**
   * `find(text, span)` searches `text` within `span` and returns matches with offsets into `text`.
   * `kind` names the search (e.g. the pattern's source): results are kept per kind and piece.
   */
  findAll<T extends Found>(kind: string, text: string, pieces: readonly ScanPiece[], find: Find<T>, relocate: Relocate<T>): T[] {
    this.startGeneration(text);
    const before = this.usedWhole.get(kind) ?? this.lastWhole.get(kind);
    if (before?.pieces === pieces) return before.out.slice() as T[];
    const result = (before && this.around(before as KindResult, text, pieces, find, relocate)) ?? this.piecewise(kind, text, pieces, find, relocate);
    this.usedWhole.set(kind, result);
    return result.out.slice() as T[];
  }

  /**
   * The result from the last one, when the two piece lists share their leading and trailing pieces
   * (by id) and no match ran across a cut before or does around the pieces in between. Undefined
   * when that does not hold (the caller then searches piece by piece).
   */
  private around<T extends Found>(before: KindResult, text: string, pieces: readonly ScanPiece[], find: Find<T>, relocate: Relocate<T>): KindResult | undefined {
    const oldFirsts = before.firsts;
    if (!oldFirsts) return undefined;
    const old = before.pieces;
    const n = pieces.length;
    const m = old.length;
    let p = 0;
    while (p < n && p < m && pieces[p]!.id !== undefined && pieces[p]!.id === old[p]!.id) p += 1;
    let s = 0;
    while (s < n - p && s < m - p && pieces[n - 1 - s]!.id !== undefined && pieces[n - 1 - s]!.id === old[m - 1 - s]!.id) s += 1;
    if (p + s === 0) return undefined;
    // The changed characters: [a, b). A window around a cut lying wholly outside them has the text it
    // had before, and found nothing across that cut then.
    const a = p < n ? pieces[p]!.start : text.length;
    const b = n - s > p ? pieces[n - s - 1]!.end : a;
    let first = Math.max(1, p);
    while (first > 1 && pieces[first - 1]!.start + WINDOW > a) first -= 1;
    for (let i = first; i < n; i++) {
      const cut = pieces[i]!.start;
      const from = Math.max(0, cut - WINDOW);
      if (from >= b) break;
      const to = Math.min(text.length, cut + WINDOW);
      if (to <= a) continue;
      if (acrossCut(text, from, cut - from, to, find).length > 0) return undefined;
    }
    const tailStart = oldFirsts[m - s]!;
    const out: Found[] = before.out.slice(0, oldFirsts[p]!);
    const firsts = new Int32Array(n + 1);
    firsts.set(oldFirsts.subarray(0, p + 1));
    for (let i = p; i < n - s; i++) {
      firsts[i] = out.length;
      this.misses += 1;
      const piece = pieces[i]!;
      for (const f of find(text.slice(piece.start, piece.end), { start: 0, end: piece.end - piece.start })) out.push(piece.start === 0 ? f : relocate(f, piece.start));
    }
    const shift = out.length - tailStart;
    for (let i = n - s; i <= n; i++) firsts[i] = oldFirsts[i - n + m]! + shift;
    const delta = s > 0 ? pieces[n - s]!.start - old[m - s]!.start : 0;
    for (let k = tailStart; k < before.out.length; k++) out.push(delta === 0 ? before.out[k]! : relocate(before.out[k] as T, delta));
    this.hits += p + s;
    return { pieces, out, firsts };
  }

  /** Every piece and every window around a cut, each result looked up by its key or searched. */
  private piecewise<T extends Found>(kind: string, text: string, pieces: readonly ScanPiece[], find: Find<T>, relocate: Relocate<T>): KindResult {
    const previous = (this.results.get(kind) ?? new Map()) as Map<Key, T[]>;
    let current = this.used.get(kind) as Map<Key, T[]> | undefined;
    if (!current) this.used.set(kind, (current = new Map()));
    const lookup = (key: Key, search: () => T[]): T[] => {
      let found = previous.get(key) ?? current.get(key);
      if (found) this.hits += 1;
      else {
        this.misses += 1;
        found = search();
      }
      current.set(key, found);
      return found;
    };
    const slices = this.slicesOf(text, pieces);
    const out: T[] = [];
    const firsts = new Int32Array(pieces.length + 1);
    const straddling: T[] = [];
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) {
        // Windows around the cuts are kept like pieces: after a keystroke only the touched ones are searched.
        const { from, at, to, key } = slices.windows[i - 1]!;
        const across = lookup(key, () => acrossCut(text, from, at, to, find));
        for (const m of across) straddling.push(relocate(m, from));
      }
      const relative = lookup(slices.pieceKeys[i]!, () => {
        const pieceText = text.slice(piece.start, piece.end);
        return find(pieceText, { start: 0, end: pieceText.length });
      });
      firsts[i] = out.length;
      for (const m of relative) out.push(piece.start === 0 ? m : relocate(m, piece.start));
    }
    firsts[pieces.length] = out.length;
    if (straddling.length === 0) return { pieces, out, firsts };
    const kept = out.filter((m) => !straddling.some((s) => m.span.start < s.span.end && s.span.start < m.span.end));
    return { pieces, out: [...kept, ...straddling].sort((a, b) => a.span.start - b.span.start) };
  }

  private slicesOf(text: string, pieces: readonly ScanPiece[]): Slices {
    if (this.slices?.pieces === pieces) return this.slices;
    const keyed = pieces.every((p) => p.id !== undefined);
    const pieceKeys = pieces.map((p) => (keyed ? p.id! : text.slice(p.start, p.end)));
    let first = 0;
    const windows = pieces.slice(1).map((p) => {
      const from = Math.max(0, p.start - WINDOW);
      const to = Math.min(text.length, p.start + WINDOW);
      const at = p.start - from;
      if (!keyed) {
        const windowText = text.slice(from, to);
        return { from, at, to, key: at === WINDOW ? windowText : `${at}\u0000${windowText}` };
      }
      // The window's text is fixed by the pieces it overlaps (by id) and where it starts and ends in them.
      while (pieces[first]!.end <= from) first += 1;
      const ids: number[] = [];
      for (let j = first; j < pieces.length && pieces[j]!.start < to; j++) ids.push(pieces[j]!.id!);
      return { from, at, to, key: `${from - pieces[first]!.start}/${at}/${to - from}:${ids.join(',')}` };
    });
    this.slices = { pieces, pieceKeys, windows };
    return this.slices;
  }

  /** A new text: results not used by the previous text's scans are dropped (memory stays flat). */
  private startGeneration(text: string): void {
    if (text === this.generation) return;
    this.generation = text;
    this.slices = undefined;
    this.results = this.used;
    this.used = new Map();
    this.lastWhole = this.usedWhole;
    this.usedWhole = new Map();
  }
}
