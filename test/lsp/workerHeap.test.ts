// The server runs with a larger young generation (SERVER_EXEC_ARGV); its index workers must not get
// it (server RSS during "Check Workspace" ≤ 300 MB). Started for real: a Node process with the
// server's options starts a worker before and after restoreWorkerYoungGeneration(), each filling its
// young generation, and reports how large V8 let it grow. Uses the built modules (npm run build).
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVER_EXEC_ARGV } from '../../server/src/lsp/protocol.js';
import { ROOT } from '../helpers/catalogue.js';

// Keeps ~200,000 small objects alive in a ring, so that survivors make V8 grow the young generation to its limit.
const FILL = `const v8 = require('node:v8'); const ring = new Array(200000); let max = 0;
for (let i = 0; i < 3e6; i++) { ring[i % 200000] = { a: i, b: [i] }; if (i % 10000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); }`;

const SCRIPT = `
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
const require = createRequire(import.meta.url);
const { restoreWorkerYoungGeneration } = await import(${JSON.stringify(pathToFileURL(`${ROOT}/out/server/src/lsp/workspaceIndex.js`).href)});
const worker = () => new Promise((resolve, reject) => {
  const w = new Worker(${JSON.stringify(`${FILL}\nrequire('node:worker_threads').parentPort.postMessage(max / 1048576);`)}, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 96 } });
  w.once('message', resolve);
  w.once('error', reject);
});
const before = await worker();
restoreWorkerYoungGeneration();
const after = await worker();
${FILL}
console.log(JSON.stringify({ before, after, server: max / 1048576 }));
`;

describe('the index workers’ young generation', () => {
  it('is V8’s default, while the server keeps the larger one it was started with', () => {
    expect(SERVER_EXEC_ARGV.some((a) => a.startsWith('--max-semi-space-size='))).toBe(true);
    const out = execFileSync(process.execPath, [...SERVER_EXEC_ARGV, '--input-type=module', '-e', SCRIPT], { encoding: 'utf8', timeout: 60_000 });
    const { before, after, server } = JSON.parse(out.trim().split('\n').pop() as string) as { before: number; after: number; server: number };
    const semiSpaceMB = Number(SERVER_EXEC_ARGV.find((a) => a.startsWith('--max-semi-space-size='))!.split('=')[1]);
    // Two semi-spaces: the server's flag makes the young generation twice its size.
    expect(server).toBe(2 * semiSpaceMB);
    // Without the reset a worker gets the server's size whatever its resourceLimits say …
    expect(before).toBe(2 * semiSpaceMB);
    // … and with it, V8's default (two 16 MB semi-spaces on a 64-bit heap).
    expect(after).toBeLessThanOrEqual(32);
  }, 60_000);
});
