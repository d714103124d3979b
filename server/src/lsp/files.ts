/**
 * Which documents are bills, seen from the editor: a workspace-relative path matched against the
 * `concordance.include` globs, or a `concordance:` key in the front matter (service/bills.ts decides;
 * this module only finds the relative path). Also the walk behind "Check Workspace".
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { isBillCandidate } from '../service/bills.js';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

const matchers = new Map<string, (p: string) => boolean>();

export function includeMatcher(include: readonly string[]): (p: string) => boolean {
  const key = JSON.stringify(include);
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = include.length === 0 ? () => false : picomatch([...include], { dot: false });
    matchers.set(key, matcher);
  }
  return matcher;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The workspace folder (a file path) that contains `file`, the innermost if folders nest. */
export function folderOf(file: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}

/**
 * The path the include globs are matched against: relative to the workspace folder, else the
 * absolute path without its root (so `**\/*.bill.md` still matches a loose file), else — for an
 * untitled buffer — its name.
 */
export function relativePathFor(uri: string, folders: readonly string[]): string {
  const file = uriToPath(uri);
  if (!file) return decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, ''));
  const folder = folderOf(file, folders);
  if (folder) return toPosix(path.relative(folder, file));
  return toPosix(file).replace(/^([a-zA-Z]:)?\/+/, '');
}

export function isBillDocument(uri: string, text: string, folders: readonly string[], include: readonly string[]): boolean {
  const relative = relativePathFor(uri, folders);
  if (!uriToPath(uri)) return isBillCandidate(relative, text, () => false);
  return isBillCandidate(relative, text, includeMatcher(include));
}

const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'build', 'target', 'vendor']);

export interface WalkResult {
  files: string[];
  /** True when the walk stopped at `limit` files or directories. */
  truncated: boolean;
}

/** Front matter sits at the top: this much of a file is enough to see a `concordance:` key. */
const HEAD_BYTES = 64 * 1024;

function readHead(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.toString('utf8', 0, read);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Markdown files under `root` that are bills (same rules as the CLI walker). */
export function walkBills(root: string, include: readonly string[], limit = 20_000): WalkResult {
  const matches = includeMatcher(include);
  const files: string[] = [];
  let visited = 0;
  let truncated = false;
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++visited > limit) {
        truncated = true;
        return;
      }
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) visit(full);
        if (truncated) return;
      } else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) {
        // Only the head of a file is read, for its front matter: a bill's path usually says it is one,
        // and a file over the size limit is still listed (the check reports it as too large).
        if (isBillCandidate(toPosix(path.relative(root, full)), readHead(full), matches)) files.push(full);
      }
    }
  };
  visit(root);
  return { files, truncated };
}
