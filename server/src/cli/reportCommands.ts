/**
 * `concordance report | matrix | diff`: the exports, the harmonisation matrix and the version
 * comparison. This adapter reads files, makes the page nonce and writes the output; everything it
 * prints is rendered by the pure report/ and compare/ layers.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalogue } from '../catalogue/load.js';
import { diffReports } from '../compare/diff.js';
import { diffJson, diffText, renderDiffHtml } from '../compare/diffFormat.js';
import { buildMatrix, peersFromMatrix, type Matrix } from '../compare/matrix.js';
import { elementCsv, elementMarkdown, elementText, findRow, matrixCsv, matrixJson, matrixMarkdown, matrixText } from '../compare/matrixFormat.js';
import { renderMatrixHtml } from '../compare/matrixHtml.js';
import { selectProfiles, type Profile } from '../compare/profiles.js';
import { concordanceCsv } from '../report/csv.js';
import { concordanceDocx } from '../report/docx.js';
import { renderReportHtml } from '../report/html/report.js';
import { reportJson } from '../report/jsonReport.js';
import { concordanceMarkdown } from '../report/markdown.js';
import { buildReport, type BillReport } from '../report/model.js';
import type { CheckOptions } from '../service/check.js';
import { checkFile, collectBills, loadCatalogue, loadProfiles, MAX_SIZE_HINT, parseMaxSize, UsageError } from './workspace.js';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const REPORT_USAGE = `  concordance report [--format html|md|csv|json|docx] [--out FILE] [--profiles all|none|LIST] [--instruments LIST] [--definitions PATH] [--max-size MB] FILE|DIR...
  concordance matrix [--format text|html|md|csv|json] [--element ID] [--out FILE] [--profiles all|none|LIST] [--instruments LIST] [--definitions PATH] [--max-size MB] FILE|DIR...
  concordance diff [--format text|json|html] [--out FILE] [--instruments LIST] [--definitions PATH] [--max-size MB] OLD NEW`;

const FORMATS = {
  report: ['html', 'md', 'csv', 'json', 'docx'],
  matrix: ['text', 'html', 'md', 'csv', 'json'],
  diff: ['text', 'json', 'html'],
} as const;

type Command = keyof typeof FORMATS;

interface Setup {
  catalogue: Catalogue;
  options: CheckOptions;
  profiles: Profile[];
  values: { format: string; out?: string; element?: string };
  positionals: string[];
}

function nonce(): string {
  return randomBytes(18).toString('base64');
}

function display(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join('/') || file;
}

function setup(command: Command, args: readonly string[], io: CommandIo): Setup {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: command === 'report' ? 'html' : 'text' },
        out: { type: 'string' },
        element: { type: 'string' },
        profiles: { type: 'string', default: 'all' },
        instruments: { type: 'string' },
        definitions: { type: 'string', multiple: true },
        'max-size': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage:\n${REPORT_USAGE}`);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(FORMATS[command] as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" for ${command} (${FORMATS[command].join(', ')})`);
  if (command === 'report' && format === 'docx' && !values.out) throw new UsageError('--format docx needs --out FILE (a Word document is not written to a terminal)');
  if (command === 'diff' && positionals.length !== 2) throw new UsageError(`diff takes exactly two files, OLD and NEW\nUsage:\n${REPORT_USAGE}`);
  if (positionals.length === 0) throw new UsageError(`no FILE or DIR given\nUsage:\n${REPORT_USAGE}`);
  if (values.element && command !== 'matrix') throw new UsageError('--element is a matrix option');

  const { catalogue, problems } = loadCatalogue(values.definitions ?? []);
  for (const problem of problems) io.stderr(`concordance: definitions ${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}\n`);
  const instruments = values.instruments?.split(',').map((s) => s.trim()).filter(Boolean);
  if (instruments) {
    const unknown = instruments.filter((id) => !catalogue.instruments.has(id));
    if (unknown.length > 0) throw new UsageError(`unknown instrument(s) ${unknown.join(', ')}; known: ${[...catalogue.instruments.keys()].join(', ')}`);
  }
  if (values.element && !catalogue.elementsById.has(values.element)) {
    throw new UsageError(`unknown element "${values.element}"; known: ${[...catalogue.elementsById.keys()].join(', ')}`);
  }
  const loaded = loadProfiles(catalogue);
  for (const problem of loaded.problems) io.stderr(`concordance: profile ${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}\n`);
  const { selected, unknown } = selectProfiles(loaded.profiles, values.profiles);
  if (unknown.length) throw new UsageError(`unknown profile(s) ${unknown.join(', ')}; known: ${loaded.profiles.map((p) => p.id).join(', ') || 'none'}`);
  return {
    catalogue,
    options: { ...(instruments ? { instruments } : {}), maxSizeMB: parseMaxSize(values['max-size']), maxSizeHint: MAX_SIZE_HINT },
    profiles: selected,
    values: { format, ...(values.out ? { out: values.out } : {}), ...(values.element ? { element: values.element } : {}) },
    positionals,
  };
}

/** One bill's report; a bill over the size limit is reported as such on stderr (and in the report's problems). */
function reportOf(file: string, s: Setup, io: CommandIo): BillReport {
  const result = checkFile(file, s.catalogue, s.options);
  if (result.tooLarge) io.stderr(`concordance: ${display(file)}: ${result.diagnostics[0]?.message ?? 'too large to check'}\n`);
  return buildReport(display(file), result, s.catalogue);
}

function reportsOf(targets: readonly string[], s: Setup, io: CommandIo): BillReport[] {
  const files = collectBills(targets);
  if (files.length === 0) throw new UsageError(`no bills found in ${targets.join(', ')} (a bill has front matter with a "concordance:" key or matches **/bills/**/*.md or **/*.bill.md)`);
  return files.map((file) => reportOf(file, s, io));
}

function emit(content: string | Uint8Array, out: string | undefined, io: CommandIo): void {
  if (out) {
    try {
      writeFileSync(out, content);
    } catch (error) {
      throw new UsageError(`${out}: cannot write (${(error as Error).message})`);
    }
    io.stderr(`concordance: wrote ${out}\n`);
  } else {
    io.stdout(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
  }
}

function report(s: Setup, io: CommandIo): number | Promise<number> {
  const reports = reportsOf(s.positionals, s, io);
  const matrix = buildMatrix(reports, s.profiles, s.catalogue);
  switch (s.values.format) {
    case 'docx':
      return concordanceDocx(reports).then((bytes) => {
        emit(bytes, s.values.out, io);
        return 0;
      });
    case 'csv':
      emit(concordanceCsv(reports), s.values.out, io);
      return 0;
    case 'md':
      emit(concordanceMarkdown(reports), s.values.out, io);
      return 0;
    case 'json':
      emit(reportJson(reports), s.values.out, io);
      return 0;
    default:
      emit(renderReportHtml(reports, { links: 'anchor', nonce: nonce(), concordanceTable: true, peers: (r) => peersFromMatrix(matrix, r.file) }), s.values.out, io);
      return 0;
  }
}

function matrixOutput(m: Matrix, s: Setup): string {
  const row = s.values.element ? findRow(m, s.values.element) : undefined;
  switch (s.values.format) {
    case 'html':
      return renderMatrixHtml(m, { links: 'anchor', nonce: nonce(), ...(row ? { element: row.id } : {}) });
    case 'md':
      return row ? elementMarkdown(m, row) : matrixMarkdown(m);
    case 'csv':
      return row ? elementCsv(m, row) : matrixCsv(m);
    case 'json':
      return row ? `${JSON.stringify({ version: 1, columns: m.columns, row }, null, 2)}\n` : matrixJson(m);
    default:
      return row ? elementText(m, row) : matrixText(m);
  }
}

function diff(s: Setup, io: CommandIo): number {
  const [oldFile, newFile] = s.positionals as [string, string];
  const result = diffReports(reportOf(oldFile, s, io), reportOf(newFile, s, io));
  const out = s.values.format === 'json' ? diffJson(result) : s.values.format === 'html' ? renderDiffHtml(result, { nonce: nonce() }) : diffText(result);
  emit(out, s.values.out, io);
  // Like `check`: 1 when the amendment makes things worse (an element that was met no longer is).
  return result.summary['newly-broken'] > 0 ? 1 : 0;
}

export function runReportCommand(command: Command, args: readonly string[], io: CommandIo): number | Promise<number> {
  const s = setup(command, args, io);
  if (command === 'report') return report(s, io);
  if (command === 'diff') return diff(s, io);
  emit(matrixOutput(buildMatrix(reportsOf(s.positionals, s, io), s.profiles, s.catalogue), s), s.values.out, io);
  return 0;
}

export function isReportCommand(command: string): command is Command {
  return command === 'report' || command === 'matrix' || command === 'diff';
}
