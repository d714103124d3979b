/**
 * The server's side of the workspace index (see indexWorker.ts): starts the worker with what it
 * needs, hands each batch of checked bills to the caller as it arrives, and ends the worker.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import type { CheckOptions } from '../service/check.js';
import type { Catalogue } from '../catalogue/load.js';

export interface IndexFolder {
  path: string;
  include: string[];
  /** The folder's settings as check options (plain data: they cross to the worker). */
  options: CheckOptions;
}

export interface IndexJob {
  builtinDir: string;
  /** User definitions (only in a trusted workspace). */
  userPaths: string[];
  /**
   * The catalogue loaded from those, when the server has it: a copy reaches each worker with its
   * data, which spares every worker reading and validating the definitions again (a third of a
   * second or more each, while the editor waits for the index).
   */
  catalogue?: Catalogue;
  folders: IndexFolder[];
  /** Open documents: checked as they are typed, not from disk. */
  skip: string[];
  /** This worker checks the bills whose position in the walk is `index` modulo `count`. */
  shard?: { index: number; count: number };
  /** Bills larger than this (bytes) are passed back as `deferred`, for a worker without a heap cap. */
  maxBillBytes?: number;
  /** Check these files instead of walking the folder (with the first folder's options). */
  only?: string[];
}

/** One bill of the index, as the caller receives it. */
export type IndexBill = { uri: string; diagnostics: Diagnostic[] } | { uri: string; error: string } | { uri: string; skipped: true };

/** What a worker posts: a bill, or one too large for a capped worker (checked afterwards by one without a cap). */
export type WorkerBill = IndexBill | { uri: string; deferred: string };

export type IndexMessage =
  | { kind: 'bills'; bills: WorkerBill[] }
  | { kind: 'truncated'; folder: string }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

export interface IndexOutcome {
  truncated: boolean;
}

/** The worker script beside this module (out/…/lsp/indexWorker.js, or client/out/indexWorker.js in the bundle). */
function workerUrl(): URL {
  return new URL('./indexWorker.js', import.meta.url);
}

/**
 * How many workers share an index: one per two cores, at most two (the server's memory stays
 * bounded: bench ≤ 300 MB). A worker keeps a second core busy by itself: V8 compiles its hot code
 * and collects its garbage on background threads (one worker checking 500 bills used 1.6 cores).
 * On two cores, two workers each compiled the same code and fought over both cores for it: the
 * 500-bill index took 3.0–3.3 × its parse against 2.6–2.8 × with one, at twice the memory.
 */
export function indexWorkers(): number {
  return Math.max(1, Math.min(2, Math.floor(availableParallelism() / 2)));
}

/**
 * Bills up to this size are checked by workers whose heap is capped (SMALL_WORKER_HEAP_MB): a
 * workspace of ordinary bills then keeps the server's memory low. Larger ones (a whole code) are
 * checked afterwards, one at a time, by a worker without a cap.
 */
const SMALL_BILL_BYTES = 512 * 1024;
const SMALL_WORKER_HEAP_MB = 96;

/**
 * Runs the index over `indexWorkers()` workers, each walking the folders and checking its share of
 * the bills, then the large bills in one more worker; `onBills` is called for each batch, one at a
 * time. Rejects if a worker fails or cannot start; the caller reports it and the server carries on.
 */
export async function runWorkspaceIndex(job: IndexJob, onBills: (bills: IndexBill[]) => Promise<void> | void): Promise<IndexOutcome> {
  const count = indexWorkers();
  const deferred: string[] = [];
  let queue = Promise.resolve();
  const serialised = (bills: WorkerBill[]): Promise<void> => {
    const ready: IndexBill[] = [];
    for (const bill of bills) {
      if ('deferred' in bill) deferred.push(bill.deferred);
      else ready.push(bill);
    }
    return (queue = queue.then(() => (ready.length > 0 ? onBills(ready) : undefined)));
  };
  const capped = { maxOldGenerationSizeMb: SMALL_WORKER_HEAP_MB };
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, index) => runWorker({ ...job, shard: { index, count }, maxBillBytes: SMALL_BILL_BYTES }, serialised, capped)),
  );
  await queue;
  if (deferred.length > 0) {
    await runWorker({ ...job, only: deferred.sort() }, serialised, undefined);
    await queue;
  }
  return { truncated: outcomes.some((o) => o.truncated) };
}

/**
 * The server runs with a larger young generation (SERVER_EXEC_ARGV: `--max-semi-space-size`). V8
 * reads that flag when it creates an isolate and lets it override a worker's `resourceLimits`, so
 * every index worker would get it too (+60 MB of RSS during an index). Setting it back to 0 (V8's
 * "not set") before a worker starts gives workers the default again; the server's own heap was sized
 * when it started and keeps its setting. Tested by starting a worker under the flag
 * (test/lsp/workerHeap.test.ts).
 */
export function restoreWorkerYoungGeneration(): void {
  if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) return;
  try {
    setFlagsFromString('--max-semi-space-size=0');
  } catch {
    // Not fatal: the workers get the server's setting, as before.
  }
}

function runWorker(job: IndexJob, onBills: (bills: WorkerBill[]) => Promise<void>, resourceLimits: ResourceLimits | undefined): Promise<IndexOutcome> {
  restoreWorkerYoungGeneration();
  return new Promise((resolve, reject) => {
    let truncated = false;
    let queue = Promise.resolve();
    let settled = false;
    const worker = new Worker(workerUrl(), { workerData: job, ...(resourceLimits ? { resourceLimits } : {}) });
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      queue.then(() => (error ? reject(error) : resolve({ truncated })), reject);
    };
    worker.on('message', (message: IndexMessage) => {
      switch (message.kind) {
        case 'bills':
          queue = queue.then(() => onBills(message.bills));
          break;
        case 'truncated':
          truncated = true;
          break;
        case 'done':
          finish();
          break;
        case 'failed':
          finish(new Error(`workspace index failed: ${message.message}`));
          break;
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(code === 0 ? undefined : new Error(`workspace index stopped (exit code ${code})`)));
  });
}
