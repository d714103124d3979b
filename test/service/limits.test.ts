// The size limit of the core (service/limits.ts): a bill over it is not parsed; one diagnostic at
// the start of the document names its size, the limit and how to raise it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/service/check.js';
import { DEFAULT_MAX_SIZE_MB, exceedsLimit, MB, utf8Length } from '../../server/src/service/limits.js';
import { builtinCatalogue, ROOT } from '../helpers/catalogue.js';

const SAMPLE = readFileSync(path.join(ROOT, 'examples', 'bills', 'sample.bill.md'), 'utf8');

describe('size limit', () => {
  it('reports a bill over the limit as too large, with one diagnostic at the start, instead of checking it', () => {
    const result = checkText(SAMPLE, 'file:///sample.bill.md', builtinCatalogue(), { maxSizeMB: 0.001 });
    expect(result.tooLarge).toEqual({ size: utf8Length(SAMPLE), limit: 0.001 * MB });
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d!.code).toBe('file/too-large');
    expect(d!.severity).toBe(1);
    expect(d!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(d!.message).toContain(`${utf8Length(SAMPLE)} bytes`);
    expect(d!.message).toMatch(/^This file is too large to check: 5\.\d KB \(\d+ bytes\), over the limit of 1 KB\./);
    expect(d!.message).toContain('concordance.maxFileSizeMB');
    expect(result.analysis.findings).toEqual([]);
    expect(result.bill.text).toBe(SAMPLE);
  });

  it(`defaults to ${DEFAULT_MAX_SIZE_MB} MB and answers at once for a larger text`, () => {
    const huge = 'x'.repeat(DEFAULT_MAX_SIZE_MB * MB + 1);
    const started = Date.now();
    const result = checkText(huge, 'file:///huge.md', builtinCatalogue());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['file/too-large']);
    expect(result.diagnostics[0]!.message).toContain('20 MB');
    expect(checkText(SAMPLE, 'file:///sample.bill.md', builtinCatalogue()).tooLarge).toBeUndefined();
  });

  it('counts the size in UTF-8 bytes, as on disk', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\uD800x')).toBe(3 + 1); // a lone surrogate is written as U+FFFD
    const limit = 0.0001 * MB; // 104.8576 bytes
    expect(exceedsLimit('€'.repeat(34), { maxSizeMB: 0.0001 })).toBeUndefined(); // 102 bytes
    expect(exceedsLimit('€'.repeat(35), { maxSizeMB: 0.0001 })).toEqual({ size: 105, limit });
  });

  it('names the setting the caller gives', () => {
    const { diagnostics } = checkText(SAMPLE, 'file:///sample.bill.md', builtinCatalogue(), { maxSizeMB: 0.001, maxSizeHint: '--max-size MB' });
    expect(diagnostics[0]!.message).toContain('--max-size MB');
  });
});
