/**
 * The Concordance language server: a thin adapter over the pure language service (service/check.ts).
 *
 * - Which documents are bills: front matter `concordance:` or the `concordance.include` globs.
 * - Diagnostics: pulled (LSP 3.17 textDocument/diagnostic) when the client can, else pushed; on-type
 *   checks are debounced; a result is never published for a version that is no longer current.
 * - Settings and the catalogue per document: documentContext.ts (a bad setting falls back to its
 *   default with a message, never a crash; in an untrusted workspace only the built-in catalogue).
 * - Editor features: features.ts; commands: commands.ts; workspace-wide features: workspace.ts.
 *
 * What stays here is the document lifecycle (open, change, save, close; push and pull diagnostics;
 * the per-version check cache), kept in one class on purpose: every part of it reads and updates
 * the same per-document state (versions requested, last change, timers, reports), and splitting it
 * would scatter that state's invariants across files.
 */
import {
  CodeLensRefreshRequest,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../parse/chunks.js';
import { ReportCache } from './reports.js';
import { checkpoint, documentChanged, requestCancelled, sleep } from './cancel.js';
import { serverCapabilities } from './capabilities.js';
import { CatalogueCache } from './catalogue.js';
import { runCheck, type Checked } from './checked.js';
import { executeCommand } from './commands.js';
import { DocumentContexts, type DocContext } from './documentContext.js';
import { uriToPath } from './files.js';
import { registerEditorFeatures } from './features.js';
import { ServerMessages } from './messages.js';
import { WorkspaceFeatures } from './workspace.js';
import { statusCounts, summaryLine } from './outline.js';
import { MEMORY_REQUEST, STATUS_NOTIFICATION, TRUST_NOTIFICATION, type InitializationOptions, type StatusParams, type TrustParams } from './protocol.js';
import { checkOptions } from './settings.js';

export const VERSION = '0.1.0';

export interface ServerOptions {
  /** Quiet time after the last keystroke before an on-type check (ms). */
  debounceMs?: number;
  catalogues?: CatalogueCache;
}

interface Report {
  resultId: string;
  version: number;
  items: Diagnostic[];
}

export class ConcordanceServer {
  readonly documents = new TextDocuments(TextDocument);
  private debounceMs: number;
  private readonly catalogues: CatalogueCache;

  private capabilities: ClientCapabilities = {};
  private pull = false;
  private folders: string[] = [];
  private trusted = true;
  /** Bumped whenever settings, trust or the catalogue may have changed: every cached check is stale. */
  private epoch = 0;
  private readonly messages: ServerMessages;
  /** Settings, catalogue and bill-ness per document (documentContext.ts). */
  private readonly contexts: DocumentContexts;

  private readonly checks = new Map<string, Checked>();
  /** Per open document: its Markdown pieces from the last check, reused on the next keystroke. */
  private readonly documentCaches = new Map<string, DocumentCache>();
  /** Per document, how to cancel its scheduled push check. */
  private readonly timers = new Map<string, () => void>();
  private readonly lastChange = new Map<string, number>();
  private readonly openedVersion = new Map<string, number>();
  /** Versions a check was asked for (open/save/command) under run = onSave/manual. */
  private readonly requested = new Map<string, number>();
  private readonly reports = new Map<string, Report>();
  /** URIs the last push published non-empty diagnostics for. */
  private readonly pushed = new Set<string>();
  /** Files published by "Check Workspace" (not open). */
  private readonly fromDisk = new Set<string>();
  /** Bills on disk and reference profiles for the report, matrix and comparison views. */
  private readonly reportCache: ReportCache;
  /** Check Workspace, the matrix, workspace symbols (workspace.ts). */
  private readonly workspace: WorkspaceFeatures;

  constructor(
    private readonly connection: Connection,
    options: ServerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.catalogues = options.catalogues ?? new CatalogueCache();
    this.messages = new ServerMessages(connection);
    this.reportCache = new ReportCache(undefined, (message) => this.log(`Concordance: ${message}`));
    this.contexts = new DocumentContexts({
      connection,
      catalogues: this.catalogues,
      messages: this.messages,
      capabilities: () => this.capabilities,
      folders: () => this.folders,
      trusted: () => this.trusted,
      epoch: () => this.epoch,
    });
    this.workspace = new WorkspaceFeatures({
      folders: () => this.folders,
      documents: this.documents,
      connection: this.connection,
      reportCache: this.reportCache,
      catalogues: this.catalogues,
      fromDisk: this.fromDisk,
      contextFor: (uri, text) => this.contextFor(uri, text),
      checkedOpen: (uri) => this.withCheck(uri, undefined as Checked | undefined, (checked) => checked),
      log: (message) => this.log(message),
      logError: (where, error) => this.logError(where, error),
      notify: (kind, message) => this.messages.notify(kind, message),
    });
  }

  // ------------------------------------------------------------------ lifecycle

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => {
      for (const cancel of this.timers.values()) cancel();
      this.timers.clear();
    });

    this.documents.onDidOpen((e) => this.guard('open', () => this.opened(e.document)));
    this.documents.onDidChangeContent((e) => this.guard('change', () => this.changed(e.document)));
    this.documents.onDidSave((e) => this.guard('save', () => this.saved(e.document)));
    this.documents.onDidClose((e) => this.guard('close', () => this.closed(e.document)));

    c.onDidChangeConfiguration((params) => {
      this.contexts.pushedSettings = (params.settings as { concordance?: unknown } | null | undefined)?.concordance;
      this.invalidate('settings changed');
    });
    // For the bench (bench/lib/editor.js): the live heap after a full collection when the server was
    // started with --expose-gc, so that "memory stays flat" is not read off garbage not yet collected.
    c.onRequest(MEMORY_REQUEST, () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    });
    c.onNotification(TRUST_NOTIFICATION, (params: TrustParams) => {
      const trusted = params?.trusted !== false;
      if (trusted === this.trusted) return;
      this.trusted = trusted;
      this.invalidate(`workspace ${trusted ? 'trusted' : 'untrusted'}`);
    });

    c.languages.diagnostics.on((params, token) => this.pullDiagnostics(params.textDocument.uri, params.previousResultId, token));
    registerEditorFeatures(c, {
      withCheck: (uri, empty, feature, token) => this.withCheck(uri, empty, feature, token),
      capabilities: () => this.capabilities,
    });
    c.onWorkspaceSymbol((params) => this.workspace.symbols(params.query));
    c.onExecuteCommand((params) =>
      executeCommand(
        {
          folders: () => this.folders,
          workspace: this.workspace,
          checkedOpen: (uri) => this.withCheck(uri, undefined as Checked | undefined, (checked) => checked),
          contextFor: (uri, text) => this.contextFor(uri, text),
          checkNow: (uri) => this.checkNow(uri),
        },
        params.command,
        params.arguments ?? [],
      ),
    );

    this.documents.listen(c);
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.pull = params.capabilities.textDocument?.diagnostic !== undefined;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    this.trusted = options.workspaceTrusted !== false;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0 && options.debounceMs <= 5000) this.debounceMs = options.debounceMs;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    return {
      capabilities: serverCapabilities(this.pull),
      serverInfo: { name: 'concordance-language-server', version: VERSION },
    };
  }

  private async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'concordance' }).catch(() => undefined);
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        this.folders = [...this.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)];
        this.invalidate('workspace folders changed');
      });
    }
    this.log(`Concordance language server ${VERSION} (${this.pull ? 'pull' : 'push'} diagnostics, ${this.trusted ? 'trusted' : 'untrusted'} workspace)`);
  }

  // ------------------------------------------------------------------ settings and context

  private log(message: string): void {
    this.messages.log(message);
  }

  private logError(where: string, error: unknown): void {
    this.messages.logError(where, error);
  }

  private guard(where: string, run: () => unknown): void {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => this.logError(where, error));
    } catch (error) {
      this.logError(where, error);
    }
  }

  private contextFor(uri: string, text: string): Promise<DocContext> {
    return this.contexts.contextFor(uri, text);
  }

  /** Checks the document's current version (cached per version and settings generation). */
  private analyse(document: TextDocument, context: DocContext): Checked {
    const cached = this.checks.get(document.uri);
    if (cached && cached.version === document.version && cached.epoch === context.epoch) return cached;
    let documentCache = this.documentCaches.get(document.uri);
    if (!documentCache) this.documentCaches.set(document.uri, (documentCache = new DocumentCache()));
    // Re-parse only the divisions a keystroke touched (parse/chunks.ts).
    const options = { ...checkOptions(context.settings), documentCache };
    const checked = runCheck(document.uri, document.version, document.getText(), context.loaded.catalogue, options, context.epoch, (error) =>
      this.logError(`checking ${document.uri}`, error),
    );
    this.checks.set(document.uri, checked);
    return checked;
  }

  /**
   * Runs a feature on the current version of a bill; `empty` for other documents and on error.
   * With the request's token, a cancelled request answers RequestCancelled (the check it started is
   * kept in the cache for the next request).
   */
  private async withCheck<T>(uri: string, empty: T, feature: (checked: Checked) => T, token?: CancellationToken): Promise<T> {
    if (!this.documents.get(uri)) return empty;
    try {
      // Requests right after a keystroke (code lenses, outline, the lightbulb) wait out the typing
      // burst, so that one check serves them all instead of one per version.
      await this.settle(uri);
      const document = this.documents.get(uri);
      if (!document) return empty;
      const context = await this.contextFor(uri, document.getText());
      if (!context.isBill) return empty;
      await checkpoint(token);
      const current = this.documents.get(uri);
      if (!current) return empty;
      const checked = this.analyse(current, context);
      await checkpoint(token);
      return feature(checked);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.logError(`request on ${uri}`, error);
      return empty;
    }
  }

  /** Waits until `uri` has been quiet for the debounce time (at most that long per keystroke). */
  private async settle(uri: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const quiet = Date.now() - (this.lastChange.get(uri) ?? 0);
      if (quiet >= this.debounceMs || this.checks.get(uri)?.version === this.documents.get(uri)?.version) return;
      await sleep(this.debounceMs - quiet);
    }
  }


  /** Everything cached may be stale: re-read settings/catalogue and re-check open bills. */
  private invalidate(reason: string): void {
    this.epoch++;
    this.contexts.clear();
    this.messages.forget();
    this.catalogues.clear();
    this.reportCache.clear();
    this.log(`Re-checking open bills: ${reason}`);
    if (this.pull) {
      // Open documents are checked again on the client's next pull; ask for it now.
      for (const document of this.documents.all()) if (this.reports.has(document.uri) || this.checks.has(document.uri)) this.requested.set(document.uri, document.version);
      void this.refreshDiagnostics();
    } else {
      // Bills checked before are checked again whatever `run` says; others only if run = onType.
      for (const document of this.documents.all()) this.schedule(document.uri, 0, this.checks.has(document.uri) || this.pushed.has(document.uri));
    }
    if (this.capabilities.workspace?.codeLens?.refreshSupport) {
      void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
  }

  /** Asks a pull client to pull again (workspace/diagnostic/refresh), when it supports that. */
  private async refreshDiagnostics(): Promise<void> {
    if (!this.capabilities.workspace?.diagnostics?.refreshSupport) return;
    try {
      await this.connection.sendRequest(DiagnosticRefreshRequest.type);
    } catch (error) {
      this.logError('diagnostic refresh', error);
    }
  }

  // ------------------------------------------------------------------ document events

  private opened(document: TextDocument): Promise<void> {
    this.openedVersion.set(document.uri, document.version);
    this.lastChange.delete(document.uri);
    if (this.fromDisk.delete(document.uri) && this.pull) {
      // The open document's pulled diagnostics replace the ones "Check Workspace" pushed from disk.
      void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }
    return this.contexts.runMode(document.uri).then((run) => {
      if (run === 'manual') return;
      this.requested.set(document.uri, document.version);
      if (!this.pull) this.schedule(document.uri, 0, true);
    });
  }

  private async changed(document: TextDocument): Promise<void> {
    if (this.openedVersion.get(document.uri) === document.version) return; // fired for the open itself
    this.lastChange.set(document.uri, Date.now());
    if (this.pull) return;
    if ((await this.contexts.runMode(document.uri)) === 'onType') this.schedule(document.uri, this.debounceMs, false);
  }

  private async saved(document: TextDocument): Promise<void> {
    if ((await this.contexts.runMode(document.uri)) !== 'onSave') return;
    this.requested.set(document.uri, document.version);
    if (!this.pull) this.schedule(document.uri, 0, true);
    else void this.refreshDiagnostics();
  }

  private closed(document: TextDocument): void {
    const uri = document.uri;
    this.timers.get(uri)?.();
    for (const map of [this.timers, this.lastChange, this.requested, this.reports, this.checks, this.openedVersion, this.documentCaches]) map.delete(uri);
    if (!this.pull && this.pushed.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.sendStatus({ uri, bill: false });
  }

  // ------------------------------------------------------------------ push diagnostics

  /** Debounced push check; `force` checks even when run = onSave/manual (open, save, command, settings). */
  private schedule(uri: string, delay: number, force: boolean): void {
    this.timers.get(uri)?.();
    const run = (): void => {
      this.timers.delete(uri);
      this.guard('publish', () => this.publish(uri, force));
    };
    // No delay (a debounce of 0, an open, a save): as soon as the messages already read are handled.
    // setTimeout(…, 0) would wait at least a millisecond, a fortieth of a keystroke's check.
    if (delay <= 0) {
      const immediate = setImmediate(run);
      this.timers.set(uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, delay);
      this.timers.set(uri, () => clearTimeout(timer));
    }
  }

  private async publish(uri: string, force: boolean): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const context = await this.contextFor(uri, document.getText());
    if (!force && context.settings.run !== 'onType') return;
    const current = this.documents.get(uri);
    // A newer version arrived while settings were fetched: its own check is scheduled.
    if (!current || current.version !== version || context.epoch !== this.epoch) return;
    if (!context.isBill) {
      if (this.pushed.delete(uri)) await this.connection.sendDiagnostics({ uri, version, diagnostics: [] });
      this.sendStatus({ uri, version, bill: false });
      return;
    }
    const checked = this.analyse(current, context);
    if (this.documents.get(uri)?.version !== checked.version) return;
    this.pushed.add(uri);
    await this.connection.sendDiagnostics({ uri, version: checked.version, diagnostics: checked.diagnostics });
    this.sendCheckedStatus(checked);
  }

  // ------------------------------------------------------------------ pull diagnostics

  private async pullDiagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const document = this.documents.get(uri);
    if (!document) return empty;
    let context: DocContext;
    try {
      context = await this.contextFor(uri, document.getText());
    } catch (error) {
      this.logError(`diagnostics for ${uri}`, error);
      return empty;
    }
    if (!context.isBill) {
      this.reports.delete(uri);
      this.sendStatus({ uri, version: document.version, bill: false });
      return empty;
    }
    const last = this.reports.get(uri);
    const wanted = context.settings.run === 'onType' || this.requested.get(uri) === document.version || (!last && context.settings.run === 'onSave');
    if (!wanted) {
      if (!last) return empty;
      return previousResultId === last.resultId ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId } : { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items: last.items };
    }
    if (context.settings.run === 'onType') {
      // Debounce: wait until the document has been quiet for debounceMs.
      for (;;) {
        const quiet = Date.now() - (this.lastChange.get(uri) ?? 0);
        if (quiet >= this.debounceMs) break;
        await sleep(this.debounceMs - quiet);
        if (token.isCancellationRequested) throw requestCancelled();
      }
      const current = this.documents.get(uri);
      if (!current) return empty;
      if (current.version !== document.version) throw documentChanged();
    }
    if (context.epoch !== this.epoch) throw documentChanged();
    await checkpoint(token);
    const checked = this.analyse(document, context);
    await checkpoint(token);
    if (this.documents.get(uri)?.version !== checked.version) throw documentChanged();
    const resultId = `${checked.version}:${checked.epoch}`;
    this.reports.set(uri, { resultId, version: checked.version, items: checked.diagnostics });
    this.sendCheckedStatus(checked);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: checked.diagnostics };
  }

  // ------------------------------------------------------------------ status

  private sendStatus(params: StatusParams): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, params).catch(() => undefined);
  }

  private sendCheckedStatus(checked: Checked): void {
    if (!checked.result) {
      this.sendStatus({ uri: checked.uri, version: checked.version, bill: true });
      return;
    }
    const counts = statusCounts(checked.result.analysis.findings.map((f) => f.status));
    this.sendStatus({ uri: checked.uri, version: checked.version, bill: true, counts, summary: summaryLine(counts) });
  }

  // ------------------------------------------------------------------ commands

  /** Check Document: checks an open document now, whatever `run` says; its summary line. */
  private async checkNow(uri: string | undefined): Promise<string | null> {
    const document = uri ? this.documents.get(uri) : undefined;
    if (!document) throw new ResponseError(-32602, `No open document ${uri ?? '(none given)'}`);
    this.requested.set(document.uri, document.version);
    if (this.pull) {
      await this.refreshDiagnostics();
    } else {
      await this.publish(document.uri, true);
    }
    const checked = this.checks.get(document.uri);
    return checked?.result ? summaryLine(statusCounts(checked.result.analysis.findings.map((f) => f.status))) : null;
  }
}

export function startServer(connection: Connection, options: ServerOptions = {}): ConcordanceServer {
  const server = new ConcordanceServer(connection, options);
  server.listen();
  connection.listen();
  return server;
}
