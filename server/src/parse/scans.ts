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
const WINDOW = 400;

export class PieceScans {
  private results = new Map<string, Found[]>();
  private used = new Map<string, Found[]>();
  private generation = '';
  hits = 0;
  misses = 0;

  /**
   * `find(text, span)` searches `text` within `span` and returns matches with offsets into `text`.
   * `kind` names the search (e.g. the pattern's source): results are kept per kind and piece text.
   */
  findAll<T extends Found>(kind: string, text: string, pieces: readonly Span[], find: (text: string, span: Span) => T[], relocate: (found: T, delta: number) => T): T[] {
    this.startGeneration(text);
    const out: T[] = [];
    const straddling: T[] = [];
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) {
        const cut = piece.start;
        for (const m of find(text, { start: Math.max(0, cut - WINDOW), end: Math.min(text.length, cut + WINDOW) })) {
          if (m.span.start < cut && m.span.end > cut && m.span.start > cut - WINDOW) straddling.push(m);
        }
      }
      const pieceText = text.slice(piece.start, piece.end);
      const key = `${kind}\u0000${pieceText}`;
      let relative = (this.results.get(key) ?? this.used.get(key)) as T[] | undefined;
      if (relative) this.hits += 1;
      else {
        this.misses += 1;
        relative = find(pieceText, { start: 0, end: pieceText.length });
      }
      this.used.set(key, relative);
      for (const m of relative) out.push(piece.start === 0 ? m : relocate(m, piece.start));
    }
    if (straddling.length === 0) return out;
    const kept = out.filter((m) => !straddling.some((s) => m.span.start < s.span.end && s.span.start < m.span.end));
    return [...kept, ...straddling].sort((a, b) => a.span.start - b.span.start);
  }

  /** A new text: results not used by the previous text's scans are dropped (memory stays flat). */
  private startGeneration(text: string): void {
    if (text === this.generation) return;
    this.generation = text;
    this.results = this.used;
    this.used = new Map();
  }
}
