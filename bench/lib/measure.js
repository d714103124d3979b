// Shared helpers for the bench: catalogue, timing, medians, bare remark-parse.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

export function builtinCatalogue(root, buildCatalogue) {
  const dir = path.join(root, 'definitions');
  const files = [{ path: 'elements.yaml', text: readFileSync(path.join(dir, 'elements.yaml'), 'utf8'), origin: 'builtin' }];
  for (const name of readdirSync(path.join(dir, 'instruments')).sort()) {
    files.push({ path: `instruments/${name}`, text: readFileSync(path.join(dir, 'instruments', name), 'utf8'), origin: 'builtin' });
  }
  const { catalogue, problems } = buildCatalogue(files);
  if (problems.length > 0) throw new Error(`catalogue problems: ${JSON.stringify(problems)}`);
  return catalogue;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function time(fn) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function timeAsync(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** The reference every ratio is measured against: a bare remark-parse parse of the same text. */
export function bareParse(text) {
  return unified().use(remarkParse).parse(text);
}

export function round(n, digits = 0) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
