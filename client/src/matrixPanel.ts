/**
 * "Concordance: Show Harmonisation Matrix": the workspace's bills side by side with the reference
 * profiles and the common minimum standard, refreshed when a bill is saved. Provision links in the
 * "how others drafted it" tables open the bill at the provision.
 */
import * as vscode from 'vscode';
import { SERVER_COMMANDS } from '../../server/src/lsp/protocol';
import type { Matrix } from '../../server/src/compare/matrix';
import { renderMatrixHtml } from '../../server/src/compare/matrixHtml';
import { createPanel, isRevealMessage, nonce, revealRange } from './webview';

type Execute = <T>(command: string, args?: unknown[]) => Promise<T>;

export class MatrixPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uris = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly execute: Execute) {
    this.subscriptions = [vscode.workspace.onDidSaveTextDocument(() => void (this.panel ? this.render() : undefined))];
  }

  async show(): Promise<void> {
    if (!this.panel) {
      this.panel = createPanel('concordance.matrix', 'Harmonisation Matrix', vscode.ViewColumn.Active, true);
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isRevealMessage(message)) void revealRange(message, (uri) => this.uris.has(uri));
      });
    } else {
      this.panel.reveal();
    }
    await this.render();
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const matrix = await this.execute<Matrix>(SERVER_COMMANDS.matrixData);
    this.uris = new Set(matrix.columns.flatMap((c) => (c.uri ? [c.uri] : [])));
    if (!matrix.columns.some((c) => c.kind === 'bill')) {
      void vscode.window.showInformationMessage('Concordance: no bills found in the workspace; the matrix shows the reference profiles only.');
    }
    panel.webview.html = renderMatrixHtml(matrix, { links: 'message', nonce: nonce(), cspSource: panel.webview.cspSource });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
