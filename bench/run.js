// npm run bench — speed and memory, always as ratios measured in the same run on the same machine
// (the reference is a bare remark-parse parse of the same text), against issue 6's targets:
//
//   full check of US Code Title 49 (5.3 MB)            ≤ 1.2 × remark-parse      (Title 18 for orientation)
//   one keystroke in a 300 KB bill (didChange → diagnostics published, real server)  ≤ 0.1 × remark-parse
//   first index of a 500-bill workspace (real server, worker thread; median of 3)  ≤ 3 × remark-parse of all
//   server memory after that index                                                ≤ 300 MB
//   server memory over 10,000 edits: live heap after a full GC                    flat (after ≤ 1.1 × before), RSS reported
//   extension activation (production bundle)                                      ≤ 50 ms
//
// Prints a table, writes bench/results.json, exits 1 if a target is missed. Needs `npm run build`
// and ../shared/bench. BENCH_ONLY=full,keystroke,workspace,memory,activation runs a subset.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkText } from '../out/server/src/service/check.js';
import { loadCatalogueFrom } from '../out/server/src/lsp/catalogue.js';
import { activationBench } from './lib/activation.js';
import { keystrokeBench, memoryBench, midSizeBill } from './lib/editor.js';
import { bareParse, median, round, time } from './lib/measure.js';
import { workspaceBench } from './lib/workspace.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const shared = path.resolve(root, '..', 'shared', 'bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const wanted = (name) => !only || only.has(name);
const MB = (bytes) => round(bytes / 1e6, 2);

const rows = [];
const row = (r) => {
  rows.push(r);
  console.error(`bench: ${r.input}: ${r.ratio ?? r.checkMs} ${r.pass === undefined ? '' : r.pass ? '(ok)' : '(above target)'}`);
};

function fullCheck(file, target, cat) {
  const text = readFileSync(file, 'utf8');
  // Warm up both paths once so neither pays for JIT compilation alone.
  bareParse(text.slice(0, 200_000));
  checkText(text.slice(0, 200_000), 'bench:warmup', cat);
  const parseTimes = [];
  const checkTimes = [];
  for (let i = 0; i < RUNS; i++) {
    parseTimes.push(time(() => bareParse(text)).ms);
    checkTimes.push(time(() => checkText(text, `file://${file}`, cat)).ms);
  }
  const parseMs = median(parseTimes);
  const checkMs = median(checkTimes);
  const ratio = round(checkMs / parseMs, 2);
  row({
    input: `full check: ${path.basename(file)}`,
    sizeMB: MB(Buffer.byteLength(text)),
    parseMs: round(parseMs),
    checkMs: round(checkMs),
    ratio,
    target: target === undefined ? '(orientation)' : `≤ ${target}`,
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
    ...(target === undefined ? {} : { pass: ratio <= target }),
  });
}

const title49 = path.join(shared, 'usc-title-49.md');
const title18 = path.join(shared, 'usc-title-18.md');
if (!existsSync(title49)) {
  console.error(`bench: ${title49} not found (the bench reads ../shared/bench)`);
  process.exit(2);
}

if (wanted('full')) {
  // The built-in catalogue, loaded as the language server loads it.
  const { catalogue, problems } = loadCatalogueFrom(path.join(root, 'definitions'), []);
  if (problems.length > 0) throw new Error(`catalogue problems: ${JSON.stringify(problems)}`);
  fullCheck(title49, 1.2, catalogue);
  if (existsSync(title18)) fullCheck(title18, undefined, catalogue);
}

if (wanted('keystroke')) {
  const bill = midSizeBill(readFileSync(title49, 'utf8'));
  const k = await keystrokeBench(root, bill);
  const ratio = round(k.keystrokeMs / k.parseMs, 3);
  row({
    input: 'keystroke: 300 KB slice of Title 49 (didChange → diagnostics published, median of 101)',
    sizeMB: MB(Buffer.byteLength(bill)),
    parseMs: round(k.parseMs),
    checkMs: round(k.keystrokeMs, 1),
    ratio,
    target: '≤ 0.1',
    rssMB: undefined,
    pass: ratio <= 0.1,
    note: `opening it: ${round(k.openMs)} ms; the first 41 keystrokes alone (V8 still optimising): median ${round(k.firstMs, 1)} ms, ratio ${round(k.firstMs / k.parseMs, 3)}`,
  });
}

if (wanted('workspace')) {
  const w = await workspaceBench(root, 500);
  const ratio = round(w.indexMs / w.parseMs, 2);
  row({
    input: 'workspace: first index of 500 bills (worker thread)',
    sizeMB: MB(w.bytes),
    parseMs: round(w.parseMs),
    checkMs: round(w.indexMs),
    ratio,
    target: '≤ 3',
    rssMB: w.peakMB,
    pass: ratio <= 3,
    note: `median of ${w.runs} first indexes, each by a newly started server: ${w.indexes.map((ms) => round(ms / w.parseMs, 2)).join(', ')} × parse`,
  });
  row({ input: 'workspace: server peak RSS during those indexes', sizeMB: MB(w.bytes), ratio: round(w.peakMB / 300, 2), target: '≤ 300 MB', rssMB: w.peakMB, pass: w.peakMB <= 300, note: `the highest of the ${w.runs} runs; idle ${w.idleMB} MB` });
}

if (wanted('memory')) {
  const bill = readFileSync(path.join(root, 'examples', 'bills', 'sample.bill.md'), 'utf8');
  const m = await memoryBench(root, bill);
  row({
    input: `memory: server live heap over ${m.edits.toLocaleString('en')} edits of the sample bill (after a full GC)`,
    sizeMB: MB(m.bytes),
    ratio: m.growth,
    target: 'after ≤ 1.1 × before',
    rssMB: m.afterMB,
    pass: m.growth <= 1.1,
    note: `live heap ${m.heapBefore} MB → ${m.heapAfter} MB; RSS ${m.beforeMB} MB → ${m.afterMB} MB (every 1,000 edits: ${m.readings.join(', ')} MB; V8 keeps freed pages)`,
  });
}

if (wanted('activation')) {
  const a = activationBench(root);
  row({
    input: 'activation: load + activate() of the production extension bundle',
    sizeMB: MB(a.extensionKB * 1024),
    checkMs: round(a.totalMs, 1),
    ratio: round(a.totalMs / 50, 2),
    target: '≤ 50 ms',
    pass: a.totalMs <= 50,
    note: `extension.js ${a.extensionKB} KB (load ${round(a.loadMs, 1)} ms, activate ${round(a.activateMs, 1)} ms), server.js ${a.serverKB} KB`,
  });
}

const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
console.log(`machine: ${machine}; full checks: median of ${RUNS} runs`);
console.table(rows.map(({ input, sizeMB, parseMs, checkMs, ratio, target, rssMB, pass }) => ({ input, 'size MB': sizeMB, 'parse ms': parseMs, 'check ms': checkMs, ratio, target, 'RSS MB': rssMB, ok: pass === undefined ? '' : pass ? 'yes' : 'NO' })));
for (const r of rows.filter((r) => r.note)) console.log(`  ${r.input}: ${r.note}`);
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, rows }, null, 2)}\n`);
const failing = rows.filter((r) => r.pass === false);
if (failing.length > 0) {
  console.log(`above target: ${failing.map((r) => `${r.input} (${r.ratio}, target ${r.target})`).join('; ')}`);
  process.exitCode = 1;
}
