/** What the server offers the client (the answer to `initialize`). */
import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { FIX_ALL_KIND } from './actions.js';
import { SERVER_COMMANDS } from './protocol.js';
import { SEMANTIC_TOKENS_LEGEND } from './semanticTokens.js';

/** `pull`: the client pulls diagnostics (LSP 3.17); otherwise the server pushes them. */
export function serverCapabilities(pull: boolean): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    ...(pull ? { diagnosticProvider: { identifier: 'concordance', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
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
  };
}
