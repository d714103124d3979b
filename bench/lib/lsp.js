// A minimal LSP client for the bench: spawns the built server bundle over stdio, records published
// diagnostics, answers the requests a server makes of its editor, and reads the process's memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';

export class BenchServer {
  static async start(root, { folders = [], debounceMs = 0, exposeGc = false } = {}) {
    // Started as the extension starts it (with SERVER_EXEC_ARGV); BENCH_SERVER_ARGS adds options for experiments.
    const { SERVER_EXEC_ARGV } = await import(pathToFileURL(`${root}/out/server/src/lsp/protocol.js`).href);
    const args = [...SERVER_EXEC_ARGV, ...(exposeGc ? ['--expose-gc'] : []), ...(process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : [])];
    const child = spawn(process.execPath, [...args, `${root}/client/out/server.js`, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new BenchServer(connection, child);
    connection.onNotification('textDocument/publishDiagnostics', (params) => server.published(params));
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
    for (const method of ['client/registerCapability', 'workspace/codeLens/refresh', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
      connection.onRequest(method, () => null);
    }
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })),
      // Push diagnostics (no pull capability), so "published" is the moment the editor has them.
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { debounceMs },
    });
    await connection.sendNotification('initialized', {});
    return server;
  }

  constructor(connection, child) {
    this.connection = connection;
    this.child = child;
    this.waiters = [];
    this.count = 0;
  }

  published(params) {
    this.count++;
    this.waiters = this.waiters.filter((w) => !(w.uri === params.uri && (w.version === undefined || params.version === w.version) && (w.resolve(params), true)));
  }

  diagnosticsFor(uri, version) {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Resident and peak resident memory of the server process (MB), from /proc. */
  memory() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
  }

  /** The server's live heap after a full collection (MB); needs `exposeGc`. */
  async liveHeapMB() {
    const usage = await this.connection.sendRequest('concordance/memory');
    return Math.round(usage.heapUsed / 1e6);
  }

  async stop() {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    await new Promise((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', resolve)));
  }
}
