/**
 * Neovim's built-in LSP client against `concordance-language-server --stdio`: headless nvim with no
 * configuration runs test/e2e/nvim/check.lua on examples/bills/sample.bill.md, which attaches the
 * server with vim.lsp.start_client and writes the diagnostics Neovim received as JSON. They must be
 * the ones the CLI reports for the same file: same element ids, lines, messages and severities, and
 * columns converted from the server's UTF-16 positions to Neovim's byte columns.
 *
 * Needs Debian's neovim (0.7 there: push diagnostics only); `bash scripts/e2e-setup.sh` installs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NVIM, ROOT, cliCheck } from './helpers.js';

const BILL = `${ROOT}examples/bills/sample.bill.md`;
const SERVER = `${ROOT}bin/concordance-language-server.js`;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}
interface NvimResult {
  nvim: string;
  client: boolean;
  error: string | null;
  diagnostics: NvimDiagnostic[];
}

const tmp = mkdtempSync(join(tmpdir(), 'concordance-nvim-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runNvim(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${ROOT}test/e2e/nvim/check.lua`], {
      cwd: ROOT,
      env: { ...process.env, CONCORDANCE_BILL: BILL, CONCORDANCE_OUT: `${tmp}/diagnostics.json`, CONCORDANCE_SERVER: SERVER, CONCORDANCE_NODE: process.execPath, CONCORDANCE_TIMEOUT: '60000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('Neovim (built-in LSP client)', () => {
  it('receives the diagnostics the CLI reports for the sample bill', async () => {
    const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
    expect(version.status, `nvim not found (${NVIM}): run \`bash scripts/e2e-setup.sh\``).toBe(0);
    expect(existsSync(`${ROOT}out/server/src/lsp/main.js`), 'the language server is built (npm run build)').toBe(true);

    const run = await runNvim();
    expect(run.code, run.output).toBe(0);
    const result = JSON.parse(readFileSync(`${tmp}/diagnostics.json`, 'utf8')) as NvimResult;
    expect(result.error, run.output).toBeNull();
    expect(result.client).toBe(true);

    const expected = cliCheck(BILL);
    const lines = readFileSync(BILL, 'utf8').split(/\r?\n/);
    const key = (d: { code: string; line: number; message: string }): string => `${d.code} @${d.line} ${d.message}`;
    expect(result.diagnostics.map((d) => key({ code: d.code, line: d.lnum, message: d.message })).sort()).toEqual(
      expected.diagnostics.map((d) => key({ code: d.code, line: d.range.start.line, message: d.message })).sort(),
    );
    for (const want of expected.diagnostics) {
      const got = result.diagnostics.find((d) => d.code === want.code && d.lnum === want.range.start.line)!;
      expect(got.source).toBe('concordance');
      expect(got.severity).toBe(want.severity);
      // UTF-16 (LSP) to byte column: the sample's curly quotes are 3 bytes and 1 UTF-16 unit each.
      expect(got.col).toBe(Buffer.byteLength(lines[want.range.start.line]!.slice(0, want.range.start.character), 'utf8'));
    }
  });
});
