// Shared by the report tests: a bill checked into a report model, and the CLI spawned as users run it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildReport, type BillReport } from '../../server/src/report/model.js';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue, ROOT } from '../helpers/catalogue.js';

export const FIXTURES = path.join(ROOT, 'test', 'report', 'fixtures');
export const WORKSPACE = path.join(ROOT, 'examples', 'workspace');
export const SAMPLE = path.join(ROOT, 'examples', 'bills', 'sample.bill.md');
const BIN = path.join(ROOT, 'bin', 'concordance.js');

export function reportFor(file: string): BillReport {
  const display = path.relative(ROOT, file).split(path.sep).join('/');
  return buildReport(display, checkText(readFileSync(file, 'utf8'), `file://${file}`, builtinCatalogue()), builtinCatalogue());
}

export function cli(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every (element, instrument, article) a report's concordance table must have a row for. */
export function expectedConcordanceKeys(report: BillReport): string[] {
  const keys = new Set<string>();
  for (const element of report.elements) {
    for (const citation of element.citations) {
      if (element.perInstrument[citation.instrument] === undefined) continue;
      keys.add(`${element.id}|${citation.instrument}|${citation.article}`);
    }
  }
  return [...keys].sort();
}
