/**
 * The workspace index, run in a worker thread so that the server keeps answering the editor while
 * hundreds of bills are read and checked ("Check Workspace", the first index of a folder).
 *
 * The worker loads its own catalogue (the same files the server uses), walks each folder for bills,
 * checks each one and posts back only what the server needs: the diagnostics of each bill, in
 * batches. Bills, trees and analyses stay in the worker and are freed when it ends, so the server's
 * memory does not grow with the size of the workspace.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checkText, type CheckOptions } from '../service/check.js';
import { loadCatalogueFrom } from './catalogue.js';
import { pathToUri, walkBills } from './files.js';
import type { IndexBill, IndexJob, IndexMessage } from './workspaceIndex.js';

const BATCH = 25;

function run(job: IndexJob, post: (message: IndexMessage) => void): void {
  const { catalogue } = loadCatalogueFrom(job.builtinDir, job.userPaths);
  let batch: IndexBill[] = [];
  for (const folder of job.folders) {
    const walk = walkBills(folder.path, folder.include);
    if (walk.truncated && (job.shard?.index ?? 0) === 0) post({ kind: 'truncated', folder: folder.path });
    const options: CheckOptions = folder.options;
    const shard = job.shard ?? { index: 0, count: 1 };
    for (const [position, file] of walk.files.entries()) {
      if (position % shard.count !== shard.index) continue;
      const uri = pathToUri(file);
      let bill: IndexBill;
      if (job.skip.includes(uri)) {
        bill = { uri, skipped: true };
      } else try {
        const text = readFileSync(file, 'utf8');
        bill = { uri, diagnostics: checkText(text, uri, catalogue, options).diagnostics };
      } catch (error) {
        bill = { uri, error: (error as Error)?.message ?? String(error) };
      }
      batch.push(bill);
      if (batch.length >= BATCH) {
        post({ kind: 'bills', bills: batch });
        batch = [];
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
