/**
 * The CLI's file-system side: reading bills and definitions folders, walking directories for
 * bills. The core never touches the file system; this adapter hands it text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import picomatch from 'picomatch';
import { buildCatalogue, type Catalogue, type CatalogueFile, type CatalogueProblem } from '../catalogue/load.js';
import { isBillCandidate, DEFAULT_INCLUDE } from '../service/bills.js';
import { parseProfiles, type Profile } from '../compare/profiles.js';
import { checkText, type CheckOptions, type CheckResult } from '../service/check.js';
import { DEFAULT_MAX_SIZE_MB, limitBytes, tooLargeResult, type SizeLimitOptions, type TooLarge } from '../service/limits.js';

/** definitions/ shipped with the package (out/server/src/cli → repository root). */
export const BUILTIN_DEFINITIONS = fileURLToPath(new URL('../../../../definitions/', import.meta.url));

export class UsageError extends Error {}

function yamlFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // schema/ holds generated JSON Schemas; profiles/ holds national reference profiles (compare/profiles.ts), not catalogue files.
    if (entry.isDirectory() && entry.name !== 'schema' && entry.name !== 'profiles') out.push(...yamlFilesIn(full));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Loads the built-in catalogue plus user folders/files; a bad user file is a problem, not a crash. */
export function loadCatalogue(userPaths: readonly string[] = []): { catalogue: Catalogue; problems: CatalogueProblem[] } {
  const files: CatalogueFile[] = [];
  const problems: CatalogueProblem[] = [];
  for (const file of yamlFilesIn(BUILTIN_DEFINITIONS)) {
    files.push({ path: path.relative(process.cwd(), file) || file, text: readFileSync(file, 'utf8'), origin: 'builtin' });
  }
  for (const userPath of userPaths) {
    let stat;
    try {
      stat = statSync(userPath);
    } catch {
      problems.push({ file: userPath, path: '', message: 'definitions path does not exist or cannot be read' });
      continue;
    }
    const list = stat.isDirectory() ? yamlFilesIn(userPath) : [userPath];
    for (const file of list) {
      try {
        files.push({ path: file, text: readFileSync(file, 'utf8'), origin: 'user' });
      } catch (error) {
        problems.push({ file, path: '', message: `cannot read: ${(error as Error).message}` });
      }
    }
  }
  const built = buildCatalogue(files);
  return { catalogue: built.catalogue, problems: [...problems, ...built.problems] };
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

/** Bills named on the command line are always checked; directories are walked for bills. */
export function collectBills(targets: readonly string[], include: readonly string[] = DEFAULT_INCLUDE): string[] {
  const out: string[] = [];
  for (const target of targets) {
    let stat;
    try {
      stat = statSync(target);
    } catch {
      throw new UsageError(`${target}: no such file or directory`);
    }
    if (stat.isFile()) out.push(target);
    else if (stat.isDirectory()) out.push(...walk(target, target, picomatch(include as string[], { dot: false })));
  }
  return out;
}

function walk(root: string, dir: string, matches: (p: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...walk(root, full, matches));
    } else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) {
      const relative = path.relative(root, full).split(path.sep).join('/');
      let text: string;
      try {
        text = readFileSync(full, 'utf8');
      } catch {
        continue;
      }
      if (isBillCandidate(relative, text, matches)) out.push(full);
    }
  }
  return out;
}

/** The national reference profiles shipped in definitions/profiles (validated; a bad file is a problem). */
export function loadProfiles(catalogue: Catalogue, dir: string = path.join(BUILTIN_DEFINITIONS, 'profiles')): { profiles: Profile[]; problems: CatalogueProblem[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch {
    return { profiles: [], problems: [] };
  }
  const files = names.map((name) => ({ path: path.relative(process.cwd(), path.join(dir, name)) || name, text: readFileSync(path.join(dir, name), 'utf8') }));
  return parseProfiles(files, catalogue);
}

/** How a CLI user raises the size limit (named in the "too large" diagnostic). */
export const MAX_SIZE_HINT = '--max-size MB';

/** `--max-size 50` (megabytes; fractions allowed). */
export function parseMaxSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_SIZE_MB;
  const mb = Number(value.trim());
  if (!value.trim() || !Number.isFinite(mb) || mb <= 0) throw new UsageError(`bad --max-size "${value}" (a positive number of megabytes, e.g. --max-size 50)`);
  return mb;
}

/** The size on disk when it is over the limit: such a file is not even read. */
export function tooLargeOnDisk(file: string, options: SizeLimitOptions): TooLarge | undefined {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return undefined; // readBill reports why
  }
  const limit = limitBytes(options);
  return size > limit ? { size, limit } : undefined;
}

export function readBill(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read (${code === 'EISDIR' ? 'is a directory' : code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})`);
  }
}

/** A bill on disk, checked; one over the size limit is reported as too large without being read. */
export function checkFile(file: string, catalogue: Catalogue, options: CheckOptions): CheckResult {
  const uri = `file://${path.resolve(file)}`;
  const tooLarge = tooLargeOnDisk(file, options);
  return tooLarge ? tooLargeResult('', uri, tooLarge, MAX_SIZE_HINT) : checkText(readBill(file), uri, catalogue, options);
}
