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

export async function workspaceBench(root, count = 500) {
  const bills = generateBills(root, count);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-ws-'));
  mkdirSync(path.join(dir, 'bills'));
  bills.forEach((text, i) => writeFileSync(path.join(dir, 'bills', `bill-${String(i + 1).padStart(3, '0')}.md`), text));
  for (const text of bills.slice(0, 20)) bareParse(text);
  // The reference is the median of five runs, three before the index and two after: one run moves
  // by ±30% on a shared 2-core machine, and the load may move while the index runs.
  const parseAll = () =>
    time(() => {
      for (const text of bills) bareParse(text);
    }).ms;
  const parseTimes = [0, 1, 2].map(parseAll);
  const server = await BenchServer.start(root, { folders: [dir] });
  try {
    const idle = server.memory();
    const index = await timeAsync(() => server.connection.sendRequest('workspace/executeCommand', { command: 'concordance.server.checkWorkspace', arguments: [] }));
    if (index.value.checked !== count) throw new Error(`workspace index checked ${index.value.checked} of ${count} bills`);
    const after = server.memory();
    parseTimes.push(parseAll(), parseAll());
    return { count, bytes: bills.reduce((n, t) => n + Buffer.byteLength(t), 0), parseMs: median(parseTimes), indexMs: index.ms, idleMB: idle.rssMB, peakMB: after.peakMB, published: server.count };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
