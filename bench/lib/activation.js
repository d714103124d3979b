// Extension activation: bundle sizes, and the time to load the bundled extension and run its
// activate() (what the extension adds to VS Code when the first Markdown file opens).
//
// VS Code itself is not started here (the bench must run without it): the `vscode` module is a
// stand-in whose every member is a no-op, so what is measured is the extension's own code loading
// and activation, which is what it adds to VS Code's start. The real extension is exercised in
// VS Code (code-server) by test/e2e/vscode.e2e.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PROBE = String.raw`
const Module = require('node:module');
// A stand-in for the vscode API: any property, call or construction yields another stand-in.
const stub = new Proxy(function () {}, {
  get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub,
  construct: () => stub,
});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
// The module object lists its namespaces as own keys (the bundle copies them, as esbuild's interop does).
const names = ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'Uri', 'Range', 'Position', 'Disposable', 'EventEmitter', 'StatusBarAlignment', 'ThemeColor', 'ThemeIcon', 'ViewColumn', 'WorkspaceEdit', 'TextEdit', 'CodeActionKind', 'DiagnosticSeverity', 'ProgressLocation', 'ConfigurationTarget', 'version'];
const api = new Proxy({}, {
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_t, key) => (names.includes(key) ? { enumerable: true, configurable: true, value: key === 'version' ? '1.90.0' : stub } : undefined),
  get: (_t, key) => (key === 'version' ? '1.90.0' : key === '__esModule' || key === 'then' ? undefined : stub),
});
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };
const context = { subscriptions: [], asAbsolutePath: (p) => require('node:path').join(process.argv[1], p), extensionPath: process.argv[1], extensionUri: stub, globalState: stub, workspaceState: stub };
const start = process.hrtime.bigint();
const extension = require(require('node:path').join(process.argv[1], 'out', 'extension.js'));
const loaded = process.hrtime.bigint();
Promise.resolve(extension.activate(context)).then(() => {
  const done = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({ loadMs: Number(loaded - start) / 1e6, activateMs: Number(done - loaded) / 1e6 }));
  process.exit(0);
}, (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

/** Builds the production bundles (as `npm run package` ships them) into a temporary folder and loads them there. */
export function activationBench(root, runs = 7) {
  const client = mkdtempSync(path.join(os.tmpdir(), 'concordance-ext-'));
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-extension.js'), '--production', '--outdir', path.join(client, 'out')], { stdio: 'ignore' });
    const samples = [];
    for (let i = 0; i < runs; i++) {
      samples.push(JSON.parse(execFileSync(process.execPath, ['-e', PROBE, client], { encoding: 'utf8' })));
    }
    samples.sort((a, b) => a.loadMs + a.activateMs - (b.loadMs + b.activateMs));
    const mid = samples[Math.floor(samples.length / 2)];
    return {
      ...mid,
      totalMs: mid.loadMs + mid.activateMs,
      extensionKB: Math.round(statSync(path.join(client, 'out', 'extension.js')).size / 1024),
      serverKB: Math.round(statSync(path.join(client, 'out', 'server.js')).size / 1024),
    };
  } finally {
    rmSync(client, { recursive: true, force: true });
  }
}
