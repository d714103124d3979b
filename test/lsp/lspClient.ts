/**
 * A small but real LSP client for the tests: spawns the built server (`node client/out/server.js
 * --stdio`), speaks JSON-RPC over its stdio with vscode-languageserver-protocol, keeps its own copy
 * of each open document, answers workspace/configuration from `settings`, and records everything
 * the server sends (published diagnostics, status notifications, messages).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  DiagnosticRefreshRequest,
  CodeLensRefreshRequest,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_BUNDLE = `${ROOT}client/out/server.js`;

export interface StartOptions {
  /** Advertise LSP 3.17 pull diagnostics (textDocument.diagnostic) and workspace refresh. */
  pull?: boolean;
  /** Answer for workspace/configuration, section "concordance". */
  settings?: unknown;
  /** Advertise workspace/configuration (default true). */
  configuration?: boolean;
  workspaceFolders?: string[];
  initializationOptions?: unknown;
  /** Server command line (default: the bundle). */
  command?: string[];
}

export interface StatusParams {
  uri: string;
  version?: number;
  bill: boolean;
  counts?: { total: number; met: number; partial: number; missing: number };
  summary?: string;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  configurationRequests = 0;
  refreshRequests = 0;
  settings: unknown;
  readonly documents = new Map<string, TextDocument>();
  stderr = '';
  exited: number | null | undefined;
  initializeResult!: InitializeResult;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process: ChildProcess,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const command = options.command ?? [SERVER_BUNDLE, '--stdio'];
    if (!existsSync(command[0]!)) throw new Error(`${command[0]} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child);
    client.settings = options.settings ?? {};
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    child.on('exit', (code) => (client.exited = code));

    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.published.push(params));
    connection.onNotification('concordance/status', (params: StatusParams) => client.statuses.push(params));
    connection.onNotification(ShowMessageNotification.type, (params) => client.messages.push(params));
    connection.onNotification(LogMessageNotification.type, (params) => client.logs.push(params.message));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      client.configurationRequests++;
      return params.items.map((item) => (item.section === 'concordance' ? client.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      client.refreshRequests++;
    });
    connection.onRequest(CodeLensRefreshRequest.type, () => undefined);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: false }));
    connection.listen();

    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration !== false,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        workspaceFolders: true,
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        codeLens: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        rename: { prepareSupport: true },
        foldingRange: {},
        documentLink: { tooltipSupport: true },
        codeLens: {},
        definition: {},
        references: {},
      },
    };
    const folders = options.workspaceFolders ?? [ROOT];
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before initializing: ${client.stderr}`))),
    );
    client.initializeResult = await Promise.race([
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folders[0] ? fileUri(folders[0]) : null,
        workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: f })),
        capabilities,
        initializationOptions: options.initializationOptions ?? null,
      }),
      exited,
    ]);
    exited.catch(() => undefined);
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return document;
  }

  /** Replaces the whole text (a full-text change event) and returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const old = this.document(uri);
    const version = old.version + 1;
    this.documents.set(uri, TextDocument.create(uri, old.languageId, version, text));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends incremental edits (as an editor does) and returns the new version. */
  async edit(uri: string, edits: TextEdit[]): Promise<number> {
    const old = this.document(uri);
    const version = old.version + 1;
    const text = TextDocument.applyEdits(old, edits);
    this.documents.set(uri, TextDocument.create(uri, old.languageId, version, text));
    // Sent last-first so that each range is still valid when applied (ties: the later edit first,
    // so that inserts at one offset keep their order, as TextDocument.applyEdits does).
    const ordered = edits
      .map((edit, index) => ({ edit, index }))
      .sort((a, b) => b.edit.range.start.line - a.edit.range.start.line || b.edit.range.start.character - a.edit.range.start.character || b.index - a.index)
      .map(({ edit }) => edit);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })) });
    return version;
  }

  /** Applies a WorkspaceEdit for one of our documents, checking the version it was made for. */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<number> {
    if (edit.documentChanges) {
      let version = 0;
      for (const change of edit.documentChanges) {
        if (!('textDocument' in change)) throw new Error('unexpected resource operation');
        const current = this.document(change.textDocument.uri);
        if (change.textDocument.version !== null && change.textDocument.version !== current.version) {
          throw new Error(`edit made for version ${change.textDocument.version}, document is at ${current.version}`);
        }
        version = await this.edit(change.textDocument.uri, change.edits as TextEdit[]);
      }
      return version;
    }
    let version = 0;
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) version = await this.edit(uri, edits);
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** Waits for a publishDiagnostics for `uri` (at `version`, if given) that satisfies `accept`. */
  async waitForDiagnostics(uri: string, options: { version?: number; accept?: (d: Diagnostic[]) => boolean; timeout?: number; after?: number } = {}): Promise<Diagnostic[]> {
    const deadline = Date.now() + (options.timeout ?? 15_000);
    for (;;) {
      const found = this.published
        .slice(options.after ?? 0)
        .filter((p) => p.uri === uri && (options.version === undefined || p.version === options.version))
        .reverse()
        .find((p) => !options.accept || options.accept(p.diagnostics));
      if (found) return found.diagnostics;
      if (this.exited !== undefined) throw new Error(`server exited (${this.exited}): ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}${options.version !== undefined ? ` v${options.version}` : ''} in time; published: ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.length]))}\n${this.stderr}`);
      await sleep(25);
    }
  }

  /** Pulls diagnostics (textDocument/diagnostic), retrying when the server cancels for a newer version. */
  async pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
      } catch (error) {
        if (attempt > 5 || (error as { code?: number }).code !== -32802) throw error;
      }
    }
  }

  async request<R>(method: string, params: unknown): Promise<R> {
    return (await this.connection.sendRequest(method, params)) as R;
  }

  async stop(): Promise<void> {
    if (this.exited === undefined) {
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), sleep(2000)]);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
      await Promise.race([new Promise((resolve) => this.process.once('exit', resolve)), sleep(2000)]);
      if (this.exited === undefined) this.process.kill();
    }
    this.connection.dispose();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Finding diagnostics (not parse/settings problems): `code` is the element id. */
export function findings(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => (d.data as { kind?: string } | undefined)?.kind === 'finding');
}

export function statusOf(diagnostic: Diagnostic): string | undefined {
  return (diagnostic.data as { status?: string } | undefined)?.status;
}
