/**
 * `concordance` — check bills against the treaty standards from the command line.
 *
 *   concordance check [--format text|json|sarif] [--instruments a,b] [--definitions PATH] FILE|DIR...
 *   concordance fix [--dry-run] [--instruments a,b] [--definitions PATH] FILE
 *
 * Exit codes: 0 nothing at error severity; 1 findings at error severity; 2 bad usage or unreadable input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalogue } from '../catalogue/load.js';
import { checkText } from '../service/check.js';
import { toJson, toJsonFile, type JsonFile } from '../report/json.js';
import { toSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { fixText } from '../service/fix.js';
import { collectBills, loadCatalogue, UsageError } from './workspace.js';

const VERSION = '0.1.0';

const USAGE = `Usage:
  concordance check [--format text|json|sarif] [--instruments LIST] [--definitions PATH] [--quiet] FILE|DIR...
  concordance fix [--dry-run] [--instruments LIST] [--definitions PATH] FILE
  concordance --version | --help

Instruments: opsc, budapest, lanzarote, eu-2011-93, icmec (default: all of them).
Exit codes: 0 no error-severity findings, 1 error-severity findings, 2 bad usage or unreadable input.`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  isTty: boolean;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY === true,
};

export function main(argv: readonly string[], io: Io = processIo): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`concordance: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function run(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command !== 'check' && command !== 'fix') throw new UsageError(`unknown command "${command}"\n${USAGE}`);

  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        instruments: { type: 'string' },
        definitions: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError(`no FILE or DIR given\n${USAGE}`);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
  const instruments = values.instruments?.split(',').map((s) => s.trim()).filter(Boolean);

  const { catalogue, problems } = loadCatalogue(values.definitions ?? []);
  for (const problem of problems) {
    const where = problem.line !== undefined ? `:${problem.line + 1}:${(problem.character ?? 0) + 1}` : '';
    io.stderr(`concordance: definitions ${problem.file}${where}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}\n`);
  }
  if (instruments) {
    const unknown = instruments.filter((id) => !catalogue.instruments.has(id));
    if (unknown.length > 0) throw new UsageError(`unknown instrument(s) ${unknown.join(', ')}; known: ${[...catalogue.instruments.keys()].join(', ')}`);
  }
  const options = instruments ? { instruments } : {};
  return command === 'check'
    ? check(positionals, format as 'text' | 'json' | 'sarif', values.quiet === true, catalogue, options, io)
    : fix(positionals, values['dry-run'] === true, catalogue, options, io);
}

function readBill(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read (${code === 'EISDIR' ? 'is a directory' : code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message})`);
  }
}

function check(targets: readonly string[], format: 'text' | 'json' | 'sarif', quiet: boolean, catalogue: Catalogue, options: { instruments?: string[] }, io: Io): number {
  const files = collectBills(targets);
  if (files.length === 0) {
    io.stderr(`concordance: no bills found in ${targets.join(', ')} (a bill has front matter with a "concordance:" key or matches **/bills/**/*.md or **/*.bill.md)\n`);
    return 0;
  }
  let errors = 0;
  const json: JsonFile[] = [];
  const sarif: { uri: string; diagnostics: ReturnType<typeof checkText>['diagnostics'] }[] = [];
  for (const file of files) {
    const text = readBill(file);
    const display = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
    const result = checkText(text, `file://${path.resolve(file)}`, catalogue, options);
    errors += result.diagnostics.filter((d) => d.severity === 1).length;
    if (format === 'text') io.stdout(formatText(display, result, { color: io.isTty, quiet }));
    else if (format === 'json') json.push(toJsonFile(display, result));
    else sarif.push({ uri: display, diagnostics: result.diagnostics });
  }
  if (format === 'json') io.stdout(toJson(json));
  if (format === 'sarif') io.stdout(toSarif(catalogue, sarif, VERSION));
  return errors > 0 ? 1 : 0;
}

function fix(targets: readonly string[], dryRun: boolean, catalogue: Catalogue, options: { instruments?: string[] }, io: Io): number {
  if (targets.length !== 1) throw new UsageError('fix takes exactly one FILE');
  const file = targets[0]!;
  const text = readBill(file);
  const result = fixText(text, `file://${path.resolve(file)}`, catalogue, options);
  if (dryRun) {
    io.stdout(result.diff(path.relative(process.cwd(), file) || file));
  } else if (result.text !== text) {
    writeFileSync(file, result.text, 'utf8');
    io.stdout(`${file}: applied ${result.applied.length} fix(es): ${result.applied.join(', ')}\n`);
  } else {
    io.stdout(`${file}: nothing to fix\n`);
  }
  return result.remainingErrors > 0 ? 1 : 0;
}
