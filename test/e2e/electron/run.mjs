// The extension in a desktop VS Code (Electron), through @vscode/test-electron, where one is
// installed: `VSCODE_EXECUTABLE=/path/to/code npm run test:e2e:electron` (on Linux without a
// display, under `xvfb-run -a`). Nothing is downloaded: without VSCODE_EXECUTABLE the run is skipped
// with the reason printed, and a skip is not a pass. Not part of CI, which has no desktop VS Code
// and may download none; CI runs the same scenario in code-server (test/e2e/vscode.e2e.test.ts).
//
// The suite (suite/index.cjs) runs inside the extension host with the extension loaded from client/
// (npm run build first, which the npm script does) on a temporary copy of the sample bill, and
// checks diagnostics against the CLI, a quick-fix and a hover through the VS Code API.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
  console.log('test/e2e/electron: SKIPPED, not run and not passed: VSCODE_EXECUTABLE is not set (path of a desktop VS Code, e.g. /usr/bin/code).');
  process.exit(0);
}
if (!existsSync(executable)) {
  console.error(`test/e2e/electron: VSCODE_EXECUTABLE=${executable} does not exist`);
  process.exit(2);
}

const { runTests } = await import('@vscode/test-electron');
const tmp = mkdtempSync(join(tmpdir(), 'concordance-electron-e2e-'));
const workspace = join(tmp, 'workspace');
mkdirSync(join(workspace, 'bills'), { recursive: true });
const bill = join(workspace, 'bills', 'sample.bill.md');
copyFileSync(join(root, 'examples/bills/sample.bill.md'), bill);

// What the CLI reports for the same file: the suite expects the editor to show exactly that.
const cli = spawnSync(process.execPath, [join(root, 'bin/concordance.js'), 'check', '--format', 'json', bill], { encoding: 'utf8' });
if (cli.status !== 0 && cli.status !== 1) throw new Error(`concordance check exited ${cli.status}: ${cli.stderr}`);
const expected = join(tmp, 'expected.json');
writeFileSync(expected, cli.stdout);
const results = join(tmp, 'results.json');
mkdirSync(join(tmp, 'user-data/User'), { recursive: true });
writeFileSync(join(tmp, 'user-data/User/settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true }));

let code = 0;
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: join(root, 'client'),
    extensionTestsPath: join(root, 'test/e2e/electron/suite/index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust', '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions')],
    extensionTestsEnv: {
      CONCORDANCE_E2E_BILL: bill,
      CONCORDANCE_E2E_EXPECTED: expected,
      CONCORDANCE_E2E_DEFINITIONS: join(root, 'definitions'),
      CONCORDANCE_E2E_RESULTS: results,
    },
  });
} catch (error) {
  console.error(`test/e2e/electron: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
}
if (existsSync(results)) {
  const { passed, failed } = JSON.parse(readFileSync(results, 'utf8'));
  console.log(`\n${passed.length} passed, ${failed.length} failed`);
  for (const f of failed) console.log(`  failed: ${f.name}: ${f.error}`);
  if (failed.length > 0) code = 1;
} else if (code === 0) {
  console.error('test/e2e/electron: the suite wrote no results');
  code = 1;
}
rmSync(tmp, { recursive: true, force: true });
process.exit(code);
