/**
 * `concordance` — check bills against the treaty standards from the command line.
 *
 *   concordance check [--format text|json|sarif] [--instruments a,b] [--definitions PATH] FILE|DIR...
 *   concordance fix [--dry-run] [--instruments a,b] [--definitions PATH] FILE
 *   concordance report | matrix | diff …  (reportCommands.ts: exports, harmonisation matrix, version comparison)
 *
 * Exit codes: 0 nothing at error severity; 1 findings at error severity; 2 bad usage or unreadable input.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalogue } from '../catalogue/load.js';
import { DRAFTING_GROUP, isDraftingCode } from '../hygiene/codes.js';
import type { Severity } from '../report/diagnostics.js';
import { checkText, type CheckOptions } from '../service/check.js';
import { toJson, toJsonFile, type JsonFile } from '../report/json.js';
import { toSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { fixText } from '../service/fix.js';
import { DEFAULT_MAX_SIZE_MB, tooLargeDiagnostic } from '../service/limits.js';
import { isReportCommand, REPORT_USAGE, runReportCommand } from './reportCommands.js';
import { checkFile, collectBills, loadCatalogue, MAX_SIZE_HINT, parseMaxSize, readBill, tooLargeOnDisk, UsageError } from './workspace.js';

const VERSION = '0.1.0';

const USAGE = `Usage:
  concordance check [--format text|json|sarif] [--instruments LIST] [--definitions PATH] [--severity CODE=LEVEL,...] [--max-size MB] [--quiet] FILE|DIR...
  concordance fix [--dry-run] [--instruments LIST] [--definitions PATH] [--severity CODE=LEVEL,...] [--max-size MB] FILE
${REPORT_USAGE}
  concordance --version | --help

Instruments: opsc, budapest, lanzarote, eu-2011-93, icmec (default: all of them).
Severity: CODE is an element id, a drafting code (drafting/unused-definition …) or "drafting" for all of
them; LEVEL is error, warning, info, hint or off (e.g. --severity drafting=off,drafting/broken-reference=error).
Max size: a bill larger than MB megabytes (default ${DEFAULT_MAX_SIZE_MB}) is reported as too large instead of being checked.
Exit codes: 0 no error-severity findings, 1 error-severity findings, 2 bad usage or unreadable input.
(diff: 1 when the new version breaks an element the old one met; report/matrix: 0 once written.)`;

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

/** A number, or a promise of one for the exports that are built asynchronously (DOCX). */
export function main(argv: readonly string[], io: Io = processIo): number | Promise<number> {
  const usage = (error: unknown): number => {
    if (error instanceof UsageError) {
      io.stderr(`concordance: ${error.message}\n`);
      return 2;
    }
    throw error;
  };
  try {
    const code = run(argv, io);
    return typeof code === 'number' ? code : code.catch(usage);
  } catch (error) {
    return usage(error);
  }
}

function run(argv: readonly string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (isReportCommand(command)) return runReportCommand(command, rest, io);
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
        severity: { type: 'string', multiple: true },
        'max-size': { type: 'string' },
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
  const severities = parseSeverities(values.severity ?? [], catalogue);
  const options: CheckOptions = { ...(instruments ? { instruments } : {}), ...(severities ? { severities } : {}), maxSizeMB: parseMaxSize(values['max-size']), maxSizeHint: MAX_SIZE_HINT };
  return command === 'check'
    ? check(positionals, format as 'text' | 'json' | 'sarif', values.quiet === true, catalogue, options, io)
    : fix(positionals, values['dry-run'] === true, catalogue, options, io);
}

/** `--severity drafting=off,offence/access=warning` (repeatable), like the editor's `concordance.severity`. */
function parseSeverities(args: readonly string[], catalogue: Catalogue): Record<string, Severity> | undefined {
  const out: Record<string, Severity> = {};
  for (const item of args.flatMap((a) => a.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=\s]+)\s*=\s*(error|warning|info|hint|off)$/.exec(item);
    if (!m) throw new UsageError(`bad --severity "${item}" (expected CODE=error|warning|info|hint|off)`);
    const code = m[1] as string;
    if (!catalogue.elementsById.has(code) && !isDraftingCode(code) && code !== DRAFTING_GROUP) {
      throw new UsageError(`unknown code "${code}" in --severity (an element id, a drafting code such as drafting/unused-definition, or "drafting")`);
    }
    out[code] = m[2] as Severity;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function check(targets: readonly string[], format: 'text' | 'json' | 'sarif', quiet: boolean, catalogue: Catalogue, options: CheckOptions, io: Io): number {
  const files = collectBills(targets);
  if (files.length === 0) {
    io.stderr(`concordance: no bills found in ${targets.join(', ')} (a bill has front matter with a "concordance:" key or matches **/bills/**/*.md or **/*.bill.md)\n`);
    return 0;
  }
  let errors = 0;
  const json: JsonFile[] = [];
  const sarif: { uri: string; diagnostics: ReturnType<typeof checkText>['diagnostics'] }[] = [];
  for (const file of files) {
    const display = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
    const result = checkFile(file, catalogue, options);
    errors += result.diagnostics.filter((d) => d.severity === 1).length;
    if (format === 'text') io.stdout(formatText(display, result, { color: io.isTty, quiet }));
    else if (format === 'json') json.push(toJsonFile(display, result));
    else sarif.push({ uri: display, diagnostics: result.diagnostics });
  }
  if (format === 'json') io.stdout(toJson(json));
  if (format === 'sarif') io.stdout(toSarif(catalogue, sarif, VERSION));
  return errors > 0 ? 1 : 0;
}

function fix(targets: readonly string[], dryRun: boolean, catalogue: Catalogue, options: CheckOptions, io: Io): number {
  if (targets.length !== 1) throw new UsageError('fix takes exactly one FILE');
  const file = targets[0]!;
  const tooLarge = tooLargeOnDisk(file, options);
  if (tooLarge) throw new UsageError(`${file}: ${tooLargeDiagnostic(tooLarge, MAX_SIZE_HINT).message}`);
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
