import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../server/src/parse/index.js';

describe('LineIndex', () => {
  it.each([
    ['LF', 'ab\ncd\n', [[0, 0, 0], [2, 0, 2], [3, 1, 0], [5, 1, 2], [6, 2, 0]]],
    ['CRLF', 'ab\r\ncd', [[0, 0, 0], [2, 0, 2], [3, 0, 2], [4, 1, 0], [6, 1, 2]]],
    ['lone CR', 'ab\rcd\r', [[3, 1, 0], [6, 2, 0]]],
    ['mixed', 'a\r\nb\rc\nd', [[3, 1, 0], [5, 2, 0], [7, 3, 0]]],
    ['UTF-16 units', '😀x\ny', [[2, 0, 2], [3, 0, 3], [4, 1, 0]]],
  ] as const)('%s: positionAt / offsetAt round-trip', (_name, text, cases) => {
    const index = new LineIndex(text);
    for (const [offset, line, character] of cases) {
      expect(index.positionAt(offset)).toEqual({ line, character });
      if (!(text[offset - 1] === '\r' && text[offset] === '\n')) expect(index.offsetAt({ line, character })).toBe(offset);
    }
  });

  it('clamps out-of-range positions and offsets', () => {
    const index = new LineIndex('ab\ncd');
    expect(index.positionAt(-5)).toEqual({ line: 0, character: 0 });
    expect(index.positionAt(99)).toEqual({ line: 1, character: 2 });
    expect(index.offsetAt({ line: 0, character: 99 })).toBe(2);
    expect(index.offsetAt({ line: 9, character: 0 })).toBe(5);
    expect(index.rangeOf({ start: 1, end: 4 })).toEqual({ start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
  });

  it('counts lines like LSP', () => {
    expect(new LineIndex('').lineCount).toBe(1);
    expect(new LineIndex('a\r\n\r\nb\r').lineCount).toBe(4);
  });
});
