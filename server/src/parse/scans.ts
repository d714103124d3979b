/**
 * Whole-text scans, piece by piece: a search over the whole bill (for the material's name, the
 * child, cross-references) is run on each division piece of the last parse (chunks.ts) and its
 * result kept under the piece's text, so after a keystroke only the touched piece is searched again.
 *
 * A match that would run across a cut (rare: the cuts are at heading lines) is found by searching a
 * window around each cut; where one exists, the piece matches it overlaps are dropped, as a
 * whole-text search would not have found them. Results are the whole-text results in document order.
 */
import type { Span } from './types.js';

export interface Found {
  span: Span;
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

interface Slices {
  pieces: readonly ScanPiece[];
  pieceKeys: Key[];
  windows: Array<{ from: number; at: number; to: number; key: Key }>;
}

export class PieceScans {
  /** Per search kind, per piece (or cut window): matches relative to that piece's text. */
  private results: Memo = new Map();
  private used: Memo = new Map();
  private generation = '';
  /** The current text's piece and window keys, made once: every search keys its results by the same keys. */
  private slices: Slices | undefined;
  hits = 0;
  misses = 0;

  /**
   * `find(text, span)` searches `text` within `span` and returns matches with offsets into `text`.
   * `kind` names the search (e.g. the pattern's source): results are kept per kind and piece.
   */
  findAll<T extends Found>(kind: string, text: string, pieces: readonly ScanPiece[], find: (text: string, span: Span) => T[], relocate: (found: T, delta: number) => T): T[] {
    this.startGeneration(text);
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
    const straddling: T[] = [];
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) {
        // Windows around the cuts are kept like pieces: after a keystroke only the touched ones are searched.
        const { from, at, to, key } = slices.windows[i - 1]!;
        const across = lookup(key, () => {
          const windowText = text.slice(from, to);
          return find(windowText, { start: 0, end: windowText.length }).filter((m) => m.span.start < at && m.span.end > at && m.span.start > 0);
        });
        for (const m of across) straddling.push(relocate(m, from));
      }
      const relative = lookup(slices.pieceKeys[i]!, () => {
        const pieceText = text.slice(piece.start, piece.end);
        return find(pieceText, { start: 0, end: pieceText.length });
      });
      for (const m of relative) out.push(piece.start === 0 ? m : relocate(m, piece.start));
    }
    if (straddling.length === 0) return out;
    const kept = out.filter((m) => !straddling.some((s) => m.span.start < s.span.end && s.span.start < m.span.end));
    return [...kept, ...straddling].sort((a, b) => a.span.start - b.span.start);
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
  }
}
