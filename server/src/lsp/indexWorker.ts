/**
 * The workspace index, run in a worker thread so that the server keeps answering the editor while
 * hundreds of bills are read and checked ("Check Workspace", the first index of a folder).
 *
 * The worker is handed the server's catalogue (or loads it from the same files), walks each folder for bills,
 * checks each one and posts back only what the server needs: the diagnostics of each bill, in
 * batches. Bills, trees and analyses stay in the worker and are freed when it ends, so the server's
 * memory does not grow with the size of the workspace.
 */
import { readFileSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checkText, type CheckOptions } from '../service/check.js';
import { limitBytes, tooLargeDiagnostic } from '../service/limits.js';
import { loadCatalogueFrom } from './catalogue.js';
import { pathToUri, walkBills } from './files.js';
import type { IndexJob, IndexMessage, WorkerBill } from './workspaceIndex.js';

const BATCH = 25;

function run(job: IndexJob, post: (message: IndexMessage) => void): void {
  const catalogue = job.catalogue ?? loadCatalogueFrom(job.builtinDir, job.userPaths).catalogue;
  let batch: WorkerBill[] = [];
  const add = (bill: WorkerBill): void => {
    batch.push(bill);
    if (batch.length >= BATCH) {
      post({ kind: 'bills', bills: batch });
      batch = [];
    }
  };
  for (const folder of job.folders) {
    const options: CheckOptions = folder.options;
    let files: string[];
    if (job.only) {
      files = job.only;
    } else {
      const walk = walkBills(folder.path, folder.include);
      if (walk.truncated && (job.shard?.index ?? 0) === 0) post({ kind: 'truncated', folder: folder.path });
      const shard = job.shard ?? { index: 0, count: 1 };
      files = walk.files.filter((_file, position) => position % shard.count === shard.index);
    }
    for (const file of files) {
      const uri = pathToUri(file);
      if (job.skip.includes(uri)) {
        add({ uri, skipped: true });
        continue;
      }
      try {
        // A file over the size limit is reported without being read; a large one is left to the
        // worker without a heap cap (workspaceIndex.ts).
        const size = statSync(file).size;
        const limit = limitBytes(options);
        if (size > limit) add({ uri, diagnostics: [tooLargeDiagnostic({ size, limit }, options.maxSizeHint)] });
        else if (job.maxBillBytes !== undefined && size > job.maxBillBytes) add({ uri, deferred: file });
        else add({ uri, diagnostics: checkText(readFileSync(file, 'utf8'), uri, catalogue, options).diagnostics });
      } catch (error) {
        add({ uri, error: (error as Error)?.message ?? String(error) });
      }
    }
  }
  if (batch.length > 0) post({ kind: 'bills', bills: batch });
  post({ kind: 'done' });
}

if (parentPort) {
  const port = parentPort;
  try {
    run(workerData as IndexJob, (message) => port.postMessage(message));
  } catch (error) {
    port.postMessage({ kind: 'failed', message: (error as Error)?.stack ?? String(error) } satisfies IndexMessage);
  }
}
