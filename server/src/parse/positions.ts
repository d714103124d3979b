/**
 * Offset <-> LSP position conversion. Lines split at "\n", "\r\n" and a lone "\r"; characters are
 * UTF-16 code units (JavaScript string indices), as in LSP's default position encoding.
 */
import type { Position, Range, Span } from './types.js';

export class LineIndex {
  /** Offset of the first character of each line; lineStarts[0] === 0. */
  readonly lineStarts: number[];
  readonly length: number;

  constructor(readonly text: string) {
    this.length = text.length;
    const starts = [0];
    let i = text.indexOf('\r');
    let j = text.indexOf('\n');
    // Merge the two indexOf streams: linear, and fast for LF-only and CRLF files alike.
    while (i !== -1 || j !== -1) {
      if (j === -1 || (i !== -1 && i < j)) {
        // a CR (possibly followed by LF)
        if (text.charCodeAt(i + 1) === 10) {
          starts.push(i + 2);
          j = text.indexOf('\n', i + 2);
          i = text.indexOf('\r', i + 2);
        } else {
          starts.push(i + 1);
          i = text.indexOf('\r', i + 1);
        }
      } else {
        starts.push(j + 1);
        j = text.indexOf('\n', j + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line holding `offset` (clamped to the text). */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    const o = clamp(offset, 0, this.length);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = clamp(Number.isFinite(offset) ? Math.floor(offset) : 0, 0, this.length);
    const line = this.lineAt(o);
    let character = o - (this.lineStarts[line] as number);
    // An offset between "\r" and "\n" of a CRLF belongs to the end of the line's content.
    const end = this.lineContentEnd(line);
    if (character > end - (this.lineStarts[line] as number)) character = end - (this.lineStarts[line] as number);
    return { line, character };
  }

  offsetAt(position: Position): number {
    const line = Math.floor(position.line);
    if (!(line >= 0)) return 0;
    if (line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[line] as number;
    const end = this.lineContentEnd(line);
    const ch = Math.floor(position.character);
    if (!(ch >= 0)) return start;
    return Math.min(start + ch, end);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  spanOf(range: Range): Span {
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return a <= b ? { start: a, end: b } : { start: b, end: a };
  }

  /** Offset just past the last content character of `line` (before its line break). */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? (this.lineStarts[line + 1] as number) : this.length;
    let end = next;
    if (line + 1 < this.lineStarts.length) {
      end = next - 1;
      if (this.text.charCodeAt(end) === 10 && end > 0 && this.text.charCodeAt(end - 1) === 13) end -= 1;
    }
    return Math.max(end, this.lineStarts[line] as number);
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}
