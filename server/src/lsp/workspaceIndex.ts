/**
 * The server's side of the workspace index (see indexWorker.ts): starts the worker with what it
 * needs, hands each batch of checked bills to the caller as it arrives, and ends the worker.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import type { CheckOptions } from '../service/check.js';

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
  folders: IndexFolder[];
  /** Open documents: checked as they are typed, not from disk. */
  skip: string[];
  /** This worker checks the bills whose position in the walk is `index` modulo `count`. */
  shard?: { index: number; count: number };
}

export type IndexBill = { uri: string; diagnostics: Diagnostic[] } | { uri: string; error: string } | { uri: string; skipped: true };

export type IndexMessage =
  | { kind: 'bills'; bills: IndexBill[] }
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
 * How many workers share an index: two where there are two cores (the server's own thread is mostly
 * idle meanwhile), never more, so that the server's memory stays bounded (bench: ≤ 300 MB).
 */
export function indexWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/**
 * Runs the index over `indexWorkers()` workers, each walking the folders and checking its share of
 * the bills; `onBills` is called for each batch, one at a time. Rejects if a worker fails or cannot
 * start; the caller reports it and the server carries on.
 */
export async function runWorkspaceIndex(job: IndexJob, onBills: (bills: IndexBill[]) => Promise<void> | void): Promise<IndexOutcome> {
  const count = indexWorkers();
  let queue = Promise.resolve();
  const serialised = (bills: IndexBill[]): Promise<void> => (queue = queue.then(() => onBills(bills)));
  const outcomes = await Promise.all(Array.from({ length: count }, (_, index) => runWorker({ ...job, shard: { index, count } }, serialised)));
  await queue;
  return { truncated: outcomes.some((o) => o.truncated) };
}

function runWorker(job: IndexJob, onBills: (bills: IndexBill[]) => Promise<void>): Promise<IndexOutcome> {
  return new Promise((resolve, reject) => {
    let truncated = false;
    let queue = Promise.resolve();
    let settled = false;
    const worker = new Worker(workerUrl(), { workerData: job });
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
