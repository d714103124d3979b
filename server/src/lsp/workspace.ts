/**
 * The server's workspace-wide features, over every bill in the workspace folders (open ones at their
 * current text, the others from disk): "Check Workspace" (in worker threads, workspaceIndex.ts), the
 * harmonisation matrix and workspace symbols. The server (server.ts) is their host.
 */
import path from 'node:path';
import type { Connection, SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import type { Catalogue } from '../catalogue/load.js';
import { buildMatrix, type Matrix } from '../compare/matrix.js';
import { buildReport, type BillReport } from '../report/model.js';
import type { CatalogueCache, LoadedCatalogue } from './catalogue.js';
import type { Checked } from './checked.js';
import { folderOf, pathToUri, uriToPath } from './files.js';
import type { WorkspaceCheckResult } from './protocol.js';
import type { ReportCache } from './reports.js';
import { checkOptions, type Settings } from './settings.js';
import { runWorkspaceIndex, type IndexJob } from './workspaceIndex.js';
import { WorkspaceSymbolIndex } from './workspaceSymbols.js';

/** What the workspace features need from the server. */
export interface WorkspaceHost {
  folders(): readonly string[];
  readonly documents: TextDocuments<TextDocument>;
  readonly connection: Connection;
  readonly reportCache: ReportCache;
  readonly catalogues: CatalogueCache;
  /** Bills whose diagnostics were pushed from disk (replaced when the bill is opened). */
  readonly fromDisk: Set<string>;
  contextFor(uri: string, text: string): Promise<{ settings: Settings; loaded: LoadedCatalogue; userPath: string; epoch: number }>;
  /** The current check of an open bill (waiting out a typing burst), or undefined. */
  checkedOpen(uri: string): Promise<Checked | undefined>;
  log(message: string): void;
  logError(where: string, error: unknown): void;
  notify(kind: 'warning' | 'error', message: string): void;
}

export class WorkspaceFeatures {
  private readonly symbolIndex = new WorkspaceSymbolIndex();

  constructor(private readonly host: WorkspaceHost) {}

  /**
   * Every bill in the workspace folders as a report (open ones at their current text, the others
   * from disk), side by side with the reference profiles. `current` stands in for its own file.
   */
  async matrix(catalogue?: Catalogue, current?: BillReport): Promise<Matrix> {
    const reports: BillReport[] = current ? [current] : [];
    let base = catalogue;
    for (const folder of this.host.folders()) {
      const probe = await this.host.contextFor(pathToUri(folder), '');
      base ??= probe.loaded.catalogue;
      for (const file of this.host.reportCache.bills(folder, probe.settings.include)) {
        const uri = pathToUri(file);
        if (current && uri === current.uri) continue;
        const open = this.host.documents.get(uri);
        if (open) {
          const checked = await this.host.checkedOpen(uri);
          if (checked?.result) reports.push(buildReport(displayName(uri, this.host.folders()), checked.result, checked.catalogue));
          continue;
        }
        const context = await this.host.contextFor(uri, '');
        const report = this.host.reportCache.diskReport(file, displayName(uri, this.host.folders()), uri, context.loaded.catalogue, checkOptions(context.settings), context.epoch);
        if (report) reports.push(report);
      }
    }
    base ??= this.host.catalogues.get('').loaded.catalogue;
    return buildMatrix(reports, this.host.reportCache.profiles(base), base);
  }

  /** workspace/symbol: the open bills (current text) and the bills on disk in the workspace folders. */
  async symbols(query: string): Promise<SymbolInformation[]> {
    const documents = this.host.documents.all();
    const open = await Promise.all(documents.map((document) => this.host.checkedOpen(document.uri)));
    const files: string[] = [];
    for (const folder of this.host.folders()) {
      const probe = await this.host.contextFor(pathToUri(folder), '');
      files.push(...this.host.reportCache.bills(folder, probe.settings.include));
    }
    const openUris = new Set(documents.map((document) => document.uri));
    return this.symbolIndex.query(query, open.filter((checked) => checked !== undefined), openUris, files);
  }


  /**
   * Checks every bill on disk in the workspace folders, in a worker thread (lsp/indexWorker.ts) so
   * that the editor's requests are answered meanwhile; publishes diagnostics for the bills not open.
   */
  async check(): Promise<WorkspaceCheckResult> {
    const summary: WorkspaceCheckResult = { folders: this.host.folders().length, bills: 0, checked: 0, errors: 0, warnings: 0, truncated: false };
    for (const folder of this.host.folders()) {
      const probe = await this.host.contextFor(pathToUri(folder), '');
      const job: IndexJob = {
        builtinDir: this.host.catalogues.builtinFolder(),
        userPaths: probe.userPath ? [probe.userPath] : [],
        catalogue: probe.loaded.catalogue,
        folders: [{ path: folder, include: probe.settings.include, options: checkOptions(probe.settings) }],
        skip: this.host.documents.keys(),
      };
      try {
        const outcome = await runWorkspaceIndex(job, async (bills) => {
          for (const bill of bills) {
            summary.bills++;
            if ('skipped' in bill) continue;
            if ('error' in bill) {
              this.host.log(`Check Workspace: ${bill.uri}: ${bill.error}`);
              continue;
            }
            summary.checked++;
            summary.errors += bill.diagnostics.filter((d) => d.severity === 1).length;
            summary.warnings += bill.diagnostics.filter((d) => d.severity === 2).length;
            if (this.host.documents.get(bill.uri)) continue; // opened meanwhile: checked as typed
            this.host.fromDisk.add(bill.uri);
            await this.host.connection.sendDiagnostics({ uri: bill.uri, diagnostics: bill.diagnostics });
          }
        });
        summary.truncated ||= outcome.truncated;
      } catch (error) {
        this.host.logError(`Check Workspace in ${folder}`, error);
        this.host.notify('error', `Check Workspace could not finish in ${folder}: ${(error as Error).message}`);
      }
    }
    return summary;
  }
}

/** A bill's name as the reports print it: its path inside its workspace folder. */
export function displayName(uri: string, folders: readonly string[]): string {
  const file = uriToPath(uri);
  if (!file) return uri;
  const folder = folderOf(file, folders);
  return folder ? path.relative(folder, file).split(path.sep).join('/') : file;
}
