/**
 * The Concordance VS Code extension: a thin client for the language server bundled next to it
 * (out/server.js). Activated by the first Markdown document; everything else — which files are
 * bills, diagnostics, fixes, hovers — is the server's job, so other editors get the same behaviour.
 */
import * as vscode from 'vscode';
import { SERVER_COMMANDS, type StatusParams, type WorkspaceCheckResult } from '../../server/src/lsp/protocol';
import type { ConcordanceClient } from './languageClient';
import { compareWithHead } from './compareHead';
import { MatrixPanel } from './matrixPanel';
import { ReportPanels } from './reportPanel';

let client: Promise<ConcordanceClient> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Concordance');

  // Status bar: met/partial/missing of the active bill, as the server last reported it.
  const statuses = new Map<string, StatusParams>();
  const item = vscode.window.createStatusBarItem('concordance.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Concordance';
  item.command = 'concordance.showReport';
  const updateStatus = (): void => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri ? statuses.get(uri) : undefined;
    if (!status?.bill || !status.counts) {
      item.hide();
      return;
    }
    const { met, total, partial, missing } = status.counts;
    item.text = `$(law) ${met}/${total} met · ${partial} partial · ${missing} missing`;
    item.tooltip = `Concordance: ${status.summary ?? ''}\nClick for the report.`;
    item.backgroundColor = missing > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const onStatus = (params: StatusParams): void => {
    if (params.bill) statuses.set(params.uri, params);
    else statuses.delete(params.uri);
    updateStatus();
  };

  const activeUri = (arg: unknown): string | undefined => {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri) return arg.toString();
    return vscode.window.activeTextEditor?.document.uri.toString();
  };
  // Activation returns at once. The language client (vscode-languageclient) is loaded and the server
  // started on the next turn of the event loop; commands run meanwhile wait for it.
  const started = new Promise<ConcordanceClient>((resolve, reject) => {
    setImmediate(() => {
      import('./languageClient').then((m) => m.startClient(context, output, onStatus)).then(resolve, reject);
    });
  });
  client = started;
  started.then(updateStatus, (error: unknown) => output.appendLine(`Concordance: the language server did not start: ${String((error as Error)?.stack ?? error)}`));
  const execute = async <T>(command: string, args: unknown[] = []): Promise<T> => (await started).execute<T>(command, args);

  // The report, matrix and comparison views: webviews that host the pure renderers of
  // server/src/report and server/src/compare over the models the server sends.
  const reports = new ReportPanels(execute);
  const matrix = new MatrixPanel(execute);
  context.subscriptions.push(
    output,
    reports,
    matrix,
    item,
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand('concordance.showReport', async (arg?: unknown) => {
      const uri = activeUri(arg);
      if (!uri) return void vscode.window.showInformationMessage('Concordance: open a bill first.');
      try {
        await reports.show(uri);
      } catch (error) {
        void vscode.window.showWarningMessage(`Concordance: ${(error as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('concordance.showMatrix', async () => {
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Concordance: building the harmonisation matrix…' }, () => matrix.show());
      } catch (error) {
        void vscode.window.showWarningMessage(`Concordance: ${(error as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('concordance.compareWithHead', async (arg?: unknown) => {
      const uri = activeUri(arg);
      const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
      if (!document) return void vscode.window.showInformationMessage('Concordance: open a bill first.');
      try {
        await compareWithHead(execute, document);
      } catch (error) {
        void vscode.window.showWarningMessage(`Concordance: ${(error as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('concordance.check', async (arg?: unknown) => {
      const uri = activeUri(arg);
      if (!uri) return void vscode.window.showInformationMessage('Concordance: open a bill first.');
      try {
        const summary = await execute<string | null>(SERVER_COMMANDS.checkDocument, [uri]);
        vscode.window.setStatusBarMessage(`Concordance: ${summary ?? 'not a bill'}`, 4000);
      } catch (error) {
        void vscode.window.showWarningMessage(`Concordance: ${(error as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('concordance.checkWorkspace', async () => {
      if (!vscode.workspace.workspaceFolders?.length) return void vscode.window.showInformationMessage('Concordance: open a folder to check its bills.');
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Concordance: checking the bills in the workspace…' },
        () => execute<WorkspaceCheckResult>(SERVER_COMMANDS.checkWorkspace),
      );
      const more = result.truncated ? ' (the folder is very large: the walk stopped early)' : '';
      void vscode.window.showInformationMessage(
        `Concordance: ${result.bills} bill(s) found, ${result.checked} checked from disk: ${result.errors} error(s), ${result.warnings} warning(s)${more}. See the Problems view.`,
      );
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void started.then((c) => c.trustGranted())),
  );

}

export function deactivate(): Thenable<void> | undefined {
  return client?.then((c) => c.stop(), () => undefined);
}
