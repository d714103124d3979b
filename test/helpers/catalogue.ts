// Loads the built-in catalogue the way the CLI does (from definitions/), for tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCatalogue, type CatalogueFile } from '../../server/src/catalogue/load.js';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DEFINITIONS = path.join(ROOT, 'definitions');
export const SHARED = path.resolve(ROOT, '..', 'shared');

export function builtinFiles(): CatalogueFile[] {
  const files: CatalogueFile[] = [{ path: 'definitions/elements.yaml', text: readFileSync(path.join(DEFINITIONS, 'elements.yaml'), 'utf8'), origin: 'builtin' }];
  for (const name of readdirSync(path.join(DEFINITIONS, 'instruments')).sort()) {
    files.push({ path: `definitions/instruments/${name}`, text: readFileSync(path.join(DEFINITIONS, 'instruments', name), 'utf8'), origin: 'builtin' });
  }
  return files;
}

let cached: ReturnType<typeof buildCatalogue> | undefined;
export function builtinCatalogue() {
  cached ??= buildCatalogue(builtinFiles());
  return cached.catalogue;
}
