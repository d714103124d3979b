/**
 * Everything a check of one document depends on besides its text: the settings of its folder
 * (workspace/configuration, validated with zod; a bad value falls back to its default with a message),
 * the catalogue they name (only the built-in one in an untrusted workspace), and whether the
 * document is a bill at all.
 */
import path from 'node:path';
import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import { formatCatalogueProblem, type CatalogueCache, type LoadedCatalogue } from './catalogue.js';
import { folderOf, isBillDocument, pathToUri, uriToPath } from './files.js';
import type { ServerMessages } from './messages.js';
import { parseSettings, reconcileSettings, type Settings } from './settings.js';

export interface DocContext {
  settings: Settings;
  loaded: LoadedCatalogue;
  /** The user definitions path the catalogue was loaded with ('' for none or when it failed). */
  userPath: string;
  isBill: boolean;
  /** The server's settings generation when the context was read (server.ts `epoch`). */
  epoch: number;
}

/** What the contexts need from the server. */
export interface ContextHost {
  readonly connection: Connection;
  readonly catalogues: CatalogueCache;
  readonly messages: ServerMessages;
  capabilities(): ClientCapabilities;
  folders(): readonly string[];
  trusted(): boolean;
  epoch(): number;
}

export class DocumentContexts {
  /** Settings pushed by didChangeConfiguration, for clients without workspace/configuration. */
  pushedSettings: unknown;
  private readonly rawSettings = new Map<string, Promise<unknown>>();

  constructor(private readonly host: ContextHost) {}

  /** Settings, trust or the catalogue may have changed: read them again when next asked. */
  clear(): void {
    this.rawSettings.clear();
  }

  /** The `run` setting for a document (when to check it). */
  async runMode(uri: string): Promise<Settings['run']> {
    return parseSettings(await this.settingsFor(uri)).settings.run;
  }

  async contextFor(uri: string, text: string): Promise<DocContext> {
    const { messages } = this.host;
    const epoch = this.host.epoch();
    const folders = this.host.folders();
    const parsed = parseSettings(await this.settingsFor(uri));
    for (const problem of parsed.problems) messages.notify('warning', problem);
    let userPath = '';
    if (parsed.settings.definitionsPath) {
      if (this.host.trusted()) {
        const file = uriToPath(uri);
        const base = (file ? folderOf(file, folders) : undefined) ?? folders[0] ?? process.cwd();
        userPath = path.resolve(base, parsed.settings.definitionsPath);
      } else {
        messages.notify('warning', `"concordance.definitionsPath" is ignored in an untrusted workspace; only the built-in catalogue is used.`);
      }
    }
    let catalogue: { loaded: LoadedCatalogue; fresh: boolean };
    try {
      catalogue = this.host.catalogues.get(userPath);
    } catch (error) {
      messages.logError('definitions', error);
      messages.notify('error', `cannot load the definitions${userPath ? ` at ${userPath}` : ''}: ${(error as Error).message}; using the built-in catalogue.`);
      catalogue = this.host.catalogues.get('');
      userPath = '';
    }
    if (catalogue.fresh) reportCatalogueProblems(catalogue.loaded, messages);
    const reconciled = reconcileSettings(parsed.settings, { instruments: catalogue.loaded.instrumentIds, elements: catalogue.loaded.elementIds });
    for (const problem of reconciled.problems) messages.notify('warning', problem);
    return {
      settings: reconciled.settings,
      loaded: catalogue.loaded,
      userPath,
      isBill: isBillDocument(uri, text, folders, reconciled.settings.include),
      epoch,
    };
  }

  private async settingsFor(uri: string): Promise<unknown> {
    if (!this.host.capabilities().workspace?.configuration) return this.pushedSettings;
    const file = uriToPath(uri);
    const folder = file ? folderOf(file, this.host.folders()) : undefined;
    // One request per workspace folder (settings are resource-scoped; folders are what differ in practice).
    const key = folder ?? uri;
    let pending = this.rawSettings.get(key);
    if (!pending) {
      const scopeUri = folder ? pathToUri(folder) : uri;
      pending = this.host.connection.workspace.getConfiguration({ scopeUri, section: 'concordance' }).then(
        (value: unknown) => value,
        (error: unknown) => {
          this.host.messages.logError('workspace/configuration', error);
          return undefined;
        },
      );
      this.rawSettings.set(key, pending);
    }
    return pending;
  }
}

/** A catalogue just loaded: its first problems shown, the rest logged (the rest of the catalogue still works). */
function reportCatalogueProblems(loaded: LoadedCatalogue, messages: ServerMessages): void {
  for (const problem of loaded.problems.slice(0, 5)) {
    messages.notify('warning', `definitions ${formatCatalogueProblem(problem)} (the rest of the catalogue still works)`);
  }
  if (loaded.problems.length > 5) messages.notify('warning', `${loaded.problems.length - 5} more problem(s) in the definitions; see the output log.`);
  for (const problem of loaded.problems.slice(5)) messages.log(`definitions ${formatCatalogueProblem(problem)}`);
}
