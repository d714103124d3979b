/**
 * The Concordance language server: a thin adapter over the pure language service (service/check.ts).
 *
 * - Which documents are bills: front matter `concordance:` or the `concordance.include` globs.
 * - Diagnostics: pulled (LSP 3.17 textDocument/diagnostic) when the client can, else pushed; on-type
 *   checks are debounced; a result is never published for a version that is no longer current.
 * - Settings come from workspace/configuration (per resource), are validated with zod, and a bad
 *   value falls back to its default with a message, never a crash or a diagnostic in the bill.
 * - In an untrusted workspace only the built-in catalogue is used (`definitionsPath` is ignored).
 */
import path from 'node:path';
import {
  CodeLensRefreshRequest,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatText } from '../report/text.js';
import { buildReport } from '../report/model.js';
import { diffReports, type BillDiff } from '../compare/diff.js';
import { peersFromMatrix } from '../compare/matrix.js';
import { checkText } from '../service/check.js';
import { DocumentCache } from '../parse/chunks.js';
import { ReportCache } from './reports.js';
import { codeActions, definitionAt, FIX_ALL_KIND, prepareRenameAt, referencesAt, renameAt } from './actions.js';
import { CatalogueCache, formatCatalogueProblem, type LoadedCatalogue } from './catalogue.js';
import { runCheck, type Checked } from './checked.js';
import { folderOf, isBillDocument, pathToUri, uriToPath } from './files.js';
import { hoverAt } from './hover.js';
import { displayName, WorkspaceFeatures } from './workspace.js';
import { codeLenses, documentLinks, documentSymbols, flatSymbols, foldingRanges, statusCounts, summaryLine } from './outline.js';
import {
  SERVER_COMMANDS,
  MEMORY_REQUEST,
  STATUS_NOTIFICATION,
  TRUST_NOTIFICATION,
  type InitializationOptions,
  type StatusParams,
  type TrustParams,
} from './protocol.js';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './semanticTokens.js';
import { checkOptions, parseSettings, reconcileSettings, type Settings } from './settings.js';

export const VERSION = '0.1.0';

export interface ServerOptions {
  /** Quiet time after the last keystroke before an on-type check (ms). */
  debounceMs?: number;
  catalogues?: CatalogueCache;
}

interface DocContext {
  settings: Settings;
  loaded: LoadedCatalogue;
  /** The user definitions path the catalogue was loaded with ('' for none or when it failed). */
  userPath: string;
  isBill: boolean;
  epoch: number;
}

interface Report {
  resultId: string;
  version: number;
  items: Diagnostic[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * Lets the messages that arrived meanwhile be read ($/cancelRequest among them: two turns of the
 * event loop put a poll phase in between), then answers RequestCancelled if the client cancelled.
 */
async function checkpoint(token: CancellationToken | undefined): Promise<void> {
  if (!token) return;
  await turn();
  await turn();
  if (token.isCancellationRequested) throw requestCancelled();
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
  /** Settings pushed by didChangeConfiguration, for clients without workspace/configuration. */
  private pushedSettings: unknown;
  private readonly rawSettings = new Map<string, Promise<unknown>>();
  private readonly shown = new Set<string>();

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
  private readonly reportCache = new ReportCache(undefined, (message) => this.log(`Concordance: ${message}`));
  /** Check Workspace, the matrix, workspace symbols (workspace.ts). */
  private readonly workspace: WorkspaceFeatures;

  constructor(
    private readonly connection: Connection,
    options: ServerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.catalogues = options.catalogues ?? new CatalogueCache();
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
      notify: (kind, message) => this.notify(kind, message),
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
      this.pushedSettings = (params.settings as { concordance?: unknown } | null | undefined)?.concordance;
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
    // Editor features honour $/cancelRequest (see checkpoint): a cancelled request answers RequestCancelled.
    c.onCodeAction((params, token) => this.withCheck(params.textDocument.uri, [], (checked) => codeActions(checked, params, this.documentChanges()), token));
    c.onHover((params, token) => this.withCheck(params.textDocument.uri, null, (checked) => hoverAt(checked, checked.offsetAt(params.position)), token));
    c.onDocumentSymbol((params, token) =>
      this.withCheck(
        params.textDocument.uri,
        [],
        (checked) => {
          const symbols = documentSymbols(checked);
          return this.capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flatSymbols(checked, symbols);
        },
        token,
      ),
    );
    c.onFoldingRanges((params, token) => this.withCheck(params.textDocument.uri, [], (checked) => foldingRanges(checked), token));
    c.onDocumentLinks((params, token) => this.withCheck(params.textDocument.uri, [], (checked) => documentLinks(checked), token));
    c.onCodeLens((params, token) => this.withCheck(params.textDocument.uri, [], (checked) => codeLenses(checked), token));
    c.onDefinition((params, token) => this.withCheck(params.textDocument.uri, null, (checked) => definitionAt(checked, checked.offsetAt(params.position)), token));
    c.onReferences((params, token) =>
      this.withCheck(params.textDocument.uri, null, (checked) => referencesAt(checked, checked.offsetAt(params.position), params.context.includeDeclaration), token),
    );
    c.onPrepareRename((params, token) => this.withCheck(params.textDocument.uri, null, (checked) => prepareRenameAt(checked, checked.offsetAt(params.position)), token));
    c.onRenameRequest((params, token) => {
      const newName = params.newName.trim();
      if (!newName || /[\r\n]/.test(newName)) throw new ResponseError(-32602, 'A defined term needs a name on one line.');
      return this.withCheck(
        params.textDocument.uri,
        null,
        (checked) => {
          const edit = renameAt(checked, checked.offsetAt(params.position), newName, this.documentChanges());
          if (!edit) throw new ResponseError(-32602, 'Rename works on defined terms: put the cursor on a term the bill defines.');
          return edit;
        },
        token,
      );
    });
    c.languages.semanticTokens.on((params) => this.withCheck(params.textDocument.uri, { data: [] }, (checked) => semanticTokens(checked)));
    c.languages.semanticTokens.onRange((params) => this.withCheck(params.textDocument.uri, { data: [] }, (checked) => semanticTokens(checked, params.range)));
    c.onWorkspaceSymbol((params) => this.workspace.symbols(params.query));
    c.onExecuteCommand((params) => this.executeCommand(params.command, params.arguments ?? []));

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
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(this.pull ? { diagnosticProvider: { identifier: 'concordance', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Concordance' },
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
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
    this.connection.console.log(message);
  }

  private logError(where: string, error: unknown): void {
    this.connection.console.error(`Concordance: ${where}: ${(error as Error)?.stack ?? String(error)}`);
  }

  /** Shows a message once per settings generation (a still-bad setting is reported again after a change). */
  private notify(kind: 'warning' | 'error', message: string): void {
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.log(message);
    // window/showMessage (a notification: nothing to answer, nothing to wait for).
    void this.connection
      .sendNotification(ShowMessageNotification.type, { type: kind === 'error' ? MessageType.Error : MessageType.Warning, message: `Concordance: ${message}` })
      .catch(() => undefined);
  }

  private guard(where: string, run: () => unknown): void {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => this.logError(where, error));
    } catch (error) {
      this.logError(where, error);
    }
  }

  private async settingsFor(uri: string): Promise<unknown> {
    if (!this.capabilities.workspace?.configuration) return this.pushedSettings;
    const file = uriToPath(uri);
    const folder = file ? folderOf(file, this.folders) : undefined;
    // One request per workspace folder (settings are resource-scoped; folders are what differ in practice).
    const key = folder ?? uri;
    let pending = this.rawSettings.get(key);
    if (!pending) {
      const scopeUri = folder ? pathToUri(folder) : uri;
      pending = this.connection.workspace.getConfiguration({ scopeUri, section: 'concordance' }).then(
        (value: unknown) => value,
        (error: unknown) => {
          this.logError('workspace/configuration', error);
          return undefined;
        },
      );
      this.rawSettings.set(key, pending);
    }
    return pending;
  }

  private async contextFor(uri: string, text: string): Promise<DocContext> {
    const epoch = this.epoch;
    const parsed = parseSettings(await this.settingsFor(uri));
    for (const problem of parsed.problems) this.notify('warning', problem);
    let userPath = '';
    if (parsed.settings.definitionsPath) {
      if (this.trusted) {
        const file = uriToPath(uri);
        const base = (file ? folderOf(file, this.folders) : undefined) ?? this.folders[0] ?? process.cwd();
        userPath = path.resolve(base, parsed.settings.definitionsPath);
      } else {
        this.notify('warning', `"concordance.definitionsPath" is ignored in an untrusted workspace; only the built-in catalogue is used.`);
      }
    }
    let catalogue: { loaded: LoadedCatalogue; fresh: boolean };
    try {
      catalogue = this.catalogues.get(userPath);
    } catch (error) {
      this.logError('definitions', error);
      this.notify('error', `cannot load the definitions${userPath ? ` at ${userPath}` : ''}: ${(error as Error).message}; using the built-in catalogue.`);
      catalogue = this.catalogues.get('');
      userPath = '';
    }
    if (catalogue.fresh) {
      for (const problem of catalogue.loaded.problems.slice(0, 5)) {
        this.notify('warning', `definitions ${formatCatalogueProblem(problem)} (the rest of the catalogue still works)`);
      }
      if (catalogue.loaded.problems.length > 5) this.notify('warning', `${catalogue.loaded.problems.length - 5} more problem(s) in the definitions; see the output log.`);
      for (const problem of catalogue.loaded.problems.slice(5)) this.log(`definitions ${formatCatalogueProblem(problem)}`);
    }
    const reconciled = reconcileSettings(parsed.settings, { instruments: catalogue.loaded.instrumentIds, elements: catalogue.loaded.elementIds });
    for (const problem of reconciled.problems) this.notify('warning', problem);
    return {
      settings: reconciled.settings,
      loaded: catalogue.loaded,
      userPath,
      isBill: isBillDocument(uri, text, this.folders, reconciled.settings.include),
      epoch,
    };
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

  private documentChanges(): boolean {
    return this.capabilities.workspace?.workspaceEdit?.documentChanges === true;
  }

  /** Everything cached may be stale: re-read settings/catalogue and re-check open bills. */
  private invalidate(reason: string): void {
    this.epoch++;
    this.rawSettings.clear();
    this.shown.clear();
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

  private async runMode(document: TextDocument): Promise<Settings['run']> {
    return parseSettings(await this.settingsFor(document.uri)).settings.run;
  }

  private opened(document: TextDocument): Promise<void> {
    this.openedVersion.set(document.uri, document.version);
    this.lastChange.delete(document.uri);
    if (this.fromDisk.delete(document.uri) && this.pull) {
      // The open document's pulled diagnostics replace the ones "Check Workspace" pushed from disk.
      void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }
    return this.runMode(document).then((run) => {
      if (run === 'manual') return;
      this.requested.set(document.uri, document.version);
      if (!this.pull) this.schedule(document.uri, 0, true);
    });
  }

  private async changed(document: TextDocument): Promise<void> {
    if (this.openedVersion.get(document.uri) === document.version) return; // fired for the open itself
    this.lastChange.set(document.uri, Date.now());
    if (this.pull) return;
    if ((await this.runMode(document)) === 'onType') this.schedule(document.uri, this.debounceMs, false);
  }

  private async saved(document: TextDocument): Promise<void> {
    if ((await this.runMode(document)) !== 'onSave') return;
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

  /** The server gives up on a pull because the document changed: the client pulls again. */
  private cancelled(): ResponseError<{ retriggerRequest: boolean }> {
    return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics will be pulled again.', { retriggerRequest: true });
  }

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
      if (current.version !== document.version) throw this.cancelled();
    }
    if (context.epoch !== this.epoch) throw this.cancelled();
    await checkpoint(token);
    const checked = this.analyse(document, context);
    await checkpoint(token);
    if (this.documents.get(uri)?.version !== checked.version) throw this.cancelled();
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

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    const uriArg = typeof args[0] === 'string' ? args[0] : (args[0] as { uri?: string } | undefined)?.uri;
    switch (command) {
      case SERVER_COMMANDS.checkWorkspace:
        return this.workspace.check();
      case SERVER_COMMANDS.checkDocument: {
        const document = uriArg ? this.documents.get(uriArg) : undefined;
        if (!document) throw new ResponseError(-32602, `No open document ${uriArg ?? '(none given)'}`);
        this.requested.set(document.uri, document.version);
        if (this.pull) {
          await this.refreshDiagnostics();
        } else {
          await this.publish(document.uri, true);
        }
        const checked = this.checks.get(document.uri);
        return checked?.result ? summaryLine(statusCounts(checked.result.analysis.findings.map((f) => f.status))) : null;
      }
      case SERVER_COMMANDS.report: {
        if (!uriArg) throw new ResponseError(-32602, 'Which document? Pass its URI.');
        const text = await this.withCheck(uriArg, undefined as string | undefined, (checked) =>
          checked.result ? formatText(displayName(checked.uri, this.folders), checked.result, { color: false }) : undefined,
        );
        if (text === undefined) throw new ResponseError(-32602, `${uriArg} is not an open bill.`);
        return text;
      }
      case SERVER_COMMANDS.reportData: {
        if (!uriArg) throw new ResponseError(-32602, 'Which document? Pass its URI.');
        const checked = await this.withCheck(uriArg, undefined as Checked | undefined, (c) => c);
        if (!checked?.result) throw new ResponseError(-32602, `${uriArg} is not an open bill.`);
        const report = buildReport(displayName(checked.uri, this.folders), checked.result, checked.catalogue);
        const matrix = await this.workspace.matrix(checked.catalogue, report);
        return { report, peers: peersFromMatrix(matrix, report.file) };
      }
      case SERVER_COMMANDS.matrixData:
        return this.workspace.matrix();
      case SERVER_COMMANDS.diffData: {
        const oldText = args[1];
        if (!uriArg || typeof oldText !== 'string') throw new ResponseError(-32602, 'Pass the document URI and the old text.');
        const label = typeof args[2] === 'string' ? args[2] : 'previous version';
        const checked = await this.withCheck(uriArg, undefined as Checked | undefined, (c) => c);
        if (!checked?.result) throw new ResponseError(-32602, `${uriArg} is not an open bill.`);
        const context = await this.contextFor(uriArg, oldText);
        const before = buildReport(label, checkText(oldText, uriArg, checked.catalogue, checkOptions(context.settings)), checked.catalogue);
        const after = buildReport(displayName(checked.uri, this.folders), checked.result, checked.catalogue);
        return diffReports(before, after) satisfies BillDiff;
      }
      default:
        throw new ResponseError(-32601, `Unknown command ${command}`);
    }
  }
}


export function startServer(connection: Connection, options: ServerOptions = {}): ConcordanceServer {
  const server = new ConcordanceServer(connection, options);
  server.listen();
  connection.listen();
  return server;
}
