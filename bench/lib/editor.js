// The editor's view: one keystroke in a 300 KB bill (didChange → diagnostics published, through the
// real server over stdio), and the server's memory over 10,000 edits.
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BenchServer } from './lsp.js';
import { bareParse, median, round, time, timeAsync } from './measure.js';

/** A 300 KB slice of US Code Title 49 from a division heading to a division heading. */
export function midSizeBill(title49) {
  const start = title49.indexOf('\n## ', 1_000_000) + 1;
  const end = title49.indexOf('\n#', start + 300_000) + 1;
  return title49.slice(start, end);
}

/** Deterministic pseudo-random offsets (mulberry32), so every run types in the same places. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class OpenBill {
  constructor(server, uri, text) {
    this.server = server;
    this.document = TextDocument.create(uri, 'markdown', 1, text);
  }

  async open() {
    const published = this.server.diagnosticsFor(this.document.uri, 1);
    await this.server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.document.uri, languageId: 'markdown', version: 1, text: this.document.getText() } });
    return published;
  }

  /** Types `insert` at `offset`; resolves when the diagnostics of the new version are published (if `wait`). */
  async type(offset, insert, wait = true) {
    const position = this.document.positionAt(offset);
    const change = { range: { start: position, end: position }, text: insert };
    const version = this.document.version + 1;
    this.document = TextDocument.update(this.document, [change], version);
    const published = wait ? this.server.diagnosticsFor(this.document.uri, version) : undefined;
    await this.server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.document.uri, version }, contentChanges: [change] });
    return published;
  }
}

/**
 * 101 keystrokes at deterministic random places; the median of all of them. The server's code is
 * not optimised by V8 until some 40 keystrokes after the bill is opened (~75 ms each at first, ~30 ms
 * after): the median of the first 41 (what this row measured until 2026-11-23) is reported beside it.
 */
export async function keystrokeBench(root, bill, { keystrokes = 101 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-bench-'));
  mkdirSync(path.join(dir, 'bills'));
  const file = path.join(dir, 'bills', 'title-49-slice.md');
  writeFileSync(file, bill);
  const server = await BenchServer.start(root, { folders: [dir] });
  try {
    bareParse(bill);
    // The reference parse is taken before the keystrokes and again between them: on a shared machine
    // the load moves during a run, and the ratio should compare like with like.
    const parseTimes = [0, 1, 2].map(() => time(() => bareParse(bill)).ms);
    const open = new OpenBill(server, pathToFileURL(file).href, bill);
    const first = await timeAsync(() => open.open());
    const next = random(49);
    const times = [];
    for (let i = 0; i < keystrokes; i++) {
      const offset = Math.floor(next() * open.document.getText().length);
      times.push((await timeAsync(() => open.type(offset, 'x'))).ms);
      if (i % 10 === 9) parseTimes.push(time(() => bareParse(bill)).ms);
    }
    return { parseMs: median(parseTimes), openMs: first.ms, keystrokeMs: median(times), firstMs: median(times.slice(0, 41)), findings: first.value.diagnostics.length };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Server memory over 10,000 edits of a bill, typed in bursts of ten (as a drafter types). */
export async function memoryBench(root, bill, { edits = 10_000, burst = 10 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-bench-'));
  mkdirSync(path.join(dir, 'bills'));
  const file = path.join(dir, 'bills', 'sample.bill.md');
  writeFileSync(file, bill);
  const server = await BenchServer.start(root, { folders: [dir], exposeGc: true });
  try {
    const open = new OpenBill(server, pathToFileURL(file).href, bill);
    await open.open();
    const next = random(2026);
    const typeBurst = async () => {
      for (let i = 0; i < burst - 1; i++) await open.type(Math.floor(next() * open.document.getText().length), next() < 0.1 ? '\n' : 'x', false);
      await open.type(Math.floor(next() * open.document.getText().length), 'y');
    };
    // Warm up (JIT, caches) before the first reading.
    for (let i = 0; i < 50; i++) await typeBurst();
    const before = server.memory();
    const heapBefore = await server.liveHeapMB();
    const readings = [];
    for (let typed = 0; typed < edits; typed += burst) {
      await typeBurst();
      if ((typed + burst) % 1000 === 0) readings.push(server.memory().rssMB);
    }
    const after = server.memory();
    const heapAfter = await server.liveHeapMB();
    return { edits, beforeMB: before.rssMB, afterMB: after.rssMB, heapBefore, heapAfter, growth: round(heapAfter / heapBefore, 2), peakMB: after.peakMB, readings, bytes: Buffer.byteLength(bill) };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readBill(file) {
  return readFileSync(file, 'utf8');
}
