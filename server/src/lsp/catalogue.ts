/**
 * The server's file-system side for the catalogue: finds the built-in definitions/ folder (next to
 * the bundle in the VS Code extension, or at the repository root when run from out/ through the
 * `concordance-language-server` bin), reads user definitions, and hands the texts to the pure
 * buildCatalogue. Loaded catalogues are cached by (definitions path, trust).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalogue, type Catalogue, type CatalogueFile, type CatalogueProblem } from '../catalogue/load.js';

/** Where this module lives: out/server/src/lsp/ (tsc) or client/out/ (esbuild bundle). */
function here(): string {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return process.cwd();
  }
}

/**
 * The built-in definitions folder: $CONCORDANCE_DEFINITIONS, else `definitions/` beside the bundle
 * (copied there by scripts/build-extension.js), else the repository's definitions/ (four levels up
 * from out/server/src/lsp).
 */
export function builtinDefinitionsDir(): string {
  const dir = here();
  const candidates = [process.env.CONCORDANCE_DEFINITIONS, path.join(dir, 'definitions'), path.resolve(dir, '../../../../definitions')];
  for (const candidate of candidates) {
    if (candidate && existsSync(path.join(candidate, 'elements.yaml'))) return candidate;
  }
  throw new Error(`Concordance: the built-in definitions folder was not found (looked in ${candidates.filter(Boolean).join(', ')})`);
}

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

export interface LoadedCatalogue {
  catalogue: Catalogue;
  problems: CatalogueProblem[];
  instrumentIds: ReadonlySet<string>;
  elementIds: ReadonlySet<string>;
}

/** Built-in catalogue plus user folders/files; a bad user file is a problem, never a crash. */
export function loadCatalogueFrom(builtinDir: string, userPaths: readonly string[]): LoadedCatalogue {
  const files: CatalogueFile[] = [];
  const problems: CatalogueProblem[] = [];
  for (const file of yamlFilesIn(builtinDir)) {
    files.push({ path: path.relative(builtinDir, file), text: readFileSync(file, 'utf8'), origin: 'builtin' });
  }
  for (const userPath of userPaths) {
    let list: string[];
    try {
      list = statSync(userPath).isDirectory() ? yamlFilesIn(userPath) : [userPath];
    } catch {
      problems.push({ file: userPath, path: '', message: 'definitions path does not exist or cannot be read' });
      continue;
    }
    for (const file of list) {
      try {
        files.push({ path: file, text: readFileSync(file, 'utf8'), origin: 'user' });
      } catch (error) {
        problems.push({ file, path: '', message: `cannot read: ${(error as Error).message}` });
      }
    }
  }
  const built = buildCatalogue(files);
  return {
    catalogue: built.catalogue,
    problems: [...problems, ...built.problems],
    instrumentIds: new Set(built.catalogue.instruments.keys()),
    elementIds: new Set(built.catalogue.elementsById.keys()),
  };
}

export function formatCatalogueProblem(problem: CatalogueProblem): string {
  const where = problem.line !== undefined ? `:${problem.line + 1}:${(problem.character ?? 0) + 1}` : '';
  return `${problem.file}${where}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}`;
}

/** Caches catalogues by user path; the built-in folder is read once. */
export class CatalogueCache {
  private readonly entries = new Map<string, LoadedCatalogue>();
  private builtinDir: string | undefined;

  constructor(private readonly builtin: () => string = builtinDefinitionsDir) {}

  /** `userPath` is absolute or '' for none. */
  get(userPath: string): { loaded: LoadedCatalogue; fresh: boolean } {
    const cached = this.entries.get(userPath);
    if (cached) return { loaded: cached, fresh: false };
    this.builtinDir ??= this.builtin();
    const loaded = loadCatalogueFrom(this.builtinDir, userPath ? [userPath] : []);
    this.entries.set(userPath, loaded);
    return { loaded, fresh: true };
  }

  /** The built-in definitions folder (for the workspace index worker, which loads its own copy). */
  builtinFolder(): string {
    this.builtinDir ??= this.builtin();
    return this.builtinDir;
  }

  clear(): void {
    this.entries.clear();
  }
}
