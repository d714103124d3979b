/**
 * The editor features over one bill's current check: code actions, hover, outline, folding, links,
 * code lenses, definitions and references of terms, rename, semantic tokens. Each runs on the check
 * of the document's current version (server.ts `withCheck`); a request the client cancels answers
 * RequestCancelled.
 */
import { ResponseError, type CancellationToken, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { codeActions, definitionAt, prepareRenameAt, referencesAt, renameAt } from './actions.js';
import type { Checked } from './checked.js';
import { hoverAt } from './hover.js';
import { codeLenses, documentLinks, documentSymbols, flatSymbols, foldingRanges } from './outline.js';
import { semanticTokens } from './semanticTokens.js';

/** What the features need from the server. */
export interface FeatureHost {
  /** Runs `feature` on the current check of a bill; `empty` for other documents and on error. */
  withCheck<T>(uri: string, empty: T, feature: (checked: Checked) => T, token?: CancellationToken): Promise<T>;
  capabilities(): ClientCapabilities;
}

export function registerEditorFeatures(c: Connection, host: FeatureHost): void {
  const documentChanges = (): boolean => host.capabilities().workspace?.workspaceEdit?.documentChanges === true;
  c.onCodeAction((params, token) => host.withCheck(params.textDocument.uri, [], (checked) => codeActions(checked, params, documentChanges()), token));
  c.onHover((params, token) => host.withCheck(params.textDocument.uri, null, (checked) => hoverAt(checked, checked.offsetAt(params.position)), token));
  c.onDocumentSymbol((params, token) =>
    host.withCheck(
      params.textDocument.uri,
      [],
      (checked) => {
        const symbols = documentSymbols(checked);
        return host.capabilities().textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flatSymbols(checked, symbols);
      },
      token,
    ),
  );
  c.onFoldingRanges((params, token) => host.withCheck(params.textDocument.uri, [], (checked) => foldingRanges(checked), token));
  c.onDocumentLinks((params, token) => host.withCheck(params.textDocument.uri, [], (checked) => documentLinks(checked), token));
  c.onCodeLens((params, token) => host.withCheck(params.textDocument.uri, [], (checked) => codeLenses(checked), token));
  c.onDefinition((params, token) => host.withCheck(params.textDocument.uri, null, (checked) => definitionAt(checked, checked.offsetAt(params.position)), token));
  c.onReferences((params, token) =>
    host.withCheck(params.textDocument.uri, null, (checked) => referencesAt(checked, checked.offsetAt(params.position), params.context.includeDeclaration), token),
  );
  c.onPrepareRename((params, token) => host.withCheck(params.textDocument.uri, null, (checked) => prepareRenameAt(checked, checked.offsetAt(params.position)), token));
  c.onRenameRequest((params, token) => {
    const newName = params.newName.trim();
    if (!newName || /[\r\n]/.test(newName)) throw new ResponseError(-32602, 'A defined term needs a name on one line.');
    return host.withCheck(
      params.textDocument.uri,
      null,
      (checked) => {
        const edit = renameAt(checked, checked.offsetAt(params.position), newName, documentChanges());
        if (!edit) throw new ResponseError(-32602, 'Rename works on defined terms: put the cursor on a term the bill defines.');
        return edit;
      },
      token,
    );
  });
  c.languages.semanticTokens.on((params) => host.withCheck(params.textDocument.uri, { data: [] }, (checked) => semanticTokens(checked)));
  c.languages.semanticTokens.onRange((params) => host.withCheck(params.textDocument.uri, { data: [] }, (checked) => semanticTokens(checked, params.range)));
}
