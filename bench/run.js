// npm run bench — speed and memory of a full check (parse + analysis) as a ratio to a bare
// remark-parse parse of the same text, measured in the same run on the same machine.
// Inputs: ../shared/bench (real US Code titles). Prints a table and writes bench/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { checkText } from '../out/server/src/service/check.js';
import { buildCatalogue } from '../out/server/src/catalogue/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const shared = path.resolve(root, '..', 'shared', 'bench');
// Issue 2's target for the full check of US Code Title 49 (the goal is 1.2); Title 18, a criminal
// code full of real elements, is reported for orientation.
const TARGETS = { 'usc-title-49.md': 2.0 };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function catalogue() {
  const dir = path.join(root, 'definitions');
  const files = [{ path: 'elements.yaml', text: readFileSync(path.join(dir, 'elements.yaml'), 'utf8'), origin: 'builtin' }];
  for (const name of ['opsc', 'budapest', 'lanzarote', 'eu-2011-93', 'icmec', 'crc']) {
    files.push({ path: `instruments/${name}.yaml`, text: readFileSync(path.join(dir, 'instruments', `${name}.yaml`), 'utf8'), origin: 'builtin' });
  }
  const { catalogue: c, problems } = buildCatalogue(files);
  if (problems.length > 0) throw new Error(`catalogue problems: ${JSON.stringify(problems)}`);
  return c;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const cat = catalogue();
const inputs = ['usc-title-49.md', 'usc-title-18.md'].map((name) => path.join(shared, name)).filter(existsSync);
if (inputs.length === 0) {
  console.error(`bench: no inputs found in ${shared}`);
  process.exit(2);
}
const rows = [];
for (const file of inputs) {
  const text = readFileSync(file, 'utf8');
  // Warm up both paths once so neither pays for JIT compilation alone.
  unified().use(remarkParse).parse(text.slice(0, 200_000));
  checkText(text.slice(0, 200_000), 'bench:warmup', cat);
  const parseTimes = [];
  const checkTimes = [];
  let met = 0;
  for (let i = 0; i < RUNS; i++) {
    parseTimes.push(time(() => unified().use(remarkParse).parse(text)).ms);
    const { ms, value } = time(() => checkText(text, `file://${file}`, cat));
    checkTimes.push(ms);
    met = value.analysis.findings.filter((f) => f.status === 'met').length;
  }
  const parseMs = median(parseTimes);
  const checkMs = median(checkTimes);
  rows.push({
    input: path.basename(file),
    sizeMB: +(Buffer.byteLength(text) / 1e6).toFixed(2),
    parseMs: Math.round(parseMs),
    checkMs: Math.round(checkMs),
    ratio: +(checkMs / parseMs).toFixed(2),
    target: TARGETS[path.basename(file)] ?? '—',
    elementsMet: met,
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
  });
}
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}; median of ${RUNS} runs`);
console.table(rows);
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, rows }, null, 2)}\n`);
const failing = rows.filter((r) => typeof r.target === 'number' && r.ratio > r.target);
if (failing.length > 0) {
  console.log(`above target: ${failing.map((r) => `${r.input} ${r.ratio} > ${r.target}`).join(', ')}`);
  process.exitCode = 1;
}
