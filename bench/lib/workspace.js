// A reviewer opens a folder of Acts: 500 bills generated from the fixture bills, indexed by the real
// server ("Check Workspace", in its worker thread), against remark-parse of them all.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchServer } from './lsp.js';
import { bareParse, median, time, timeAsync } from './measure.js';

export function generateBills(root, count = 500) {
  const fixtures = path.join(root, 'test', 'fixtures', 'bills');
  const sources = readdirSync(fixtures).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(path.join(fixtures, f), 'utf8'));
  sources.push(readFileSync(path.join(root, 'examples', 'bills', 'sample.bill.md'), 'utf8'));
  // Each copy differs (its title carries its number), so nothing can be shared between them by text.
  return Array.from({ length: count }, (_, i) => sources[i % sources.length].replace(/^(# .*)$/m, `$1 (No. ${i + 1})`));
}

/**
 * The first index of the folder by a freshly started server, `runs` times (each in a new server, so
 * each is a first index: new worker, nothing kept), against remark-parse of every bill. A single
 * index moves by ±15% on a shared 2-core machine, so the row is the median of the runs, like every
 * other row; memory is the highest peak of any run.
 */
export async function workspaceBench(root, count = 500, runs = Number(process.env.BENCH_INDEX_RUNS ?? 3)) {
  const bills = generateBills(root, count);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-ws-'));
  mkdirSync(path.join(dir, 'bills'));
  bills.forEach((text, i) => writeFileSync(path.join(dir, 'bills', `bill-${String(i + 1).padStart(3, '0')}.md`), text));
  for (const text of bills.slice(0, 20)) bareParse(text);
  // The reference is a median too: two parses before the first index and one after each (the load
  // may move while the indexes run).
  const parseAll = () =>
    time(() => {
      for (const text of bills) bareParse(text);
    }).ms;
  const parseTimes = [parseAll(), parseAll()];
  const indexes = [];
  let idleMB = 0;
  let peakMB = 0;
  let published = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const server = await BenchServer.start(root, { folders: [dir] });
      try {
        const idle = server.memory();
        const index = await timeAsync(() => server.connection.sendRequest('workspace/executeCommand', { command: 'concordance.server.checkWorkspace', arguments: [] }));
        if (index.value.checked !== count) throw new Error(`workspace index checked ${index.value.checked} of ${count} bills`);
        const after = server.memory();
        indexes.push(index.ms);
        idleMB = Math.max(idleMB, idle.rssMB);
        peakMB = Math.max(peakMB, after.peakMB);
        published = server.count;
      } finally {
        await server.stop();
      }
      parseTimes.push(parseAll());
    }
    return { count, runs, bytes: bills.reduce((n, t) => n + Buffer.byteLength(t), 0), parseMs: median(parseTimes), indexMs: median(indexes), indexes, idleMB, peakMB, published };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
