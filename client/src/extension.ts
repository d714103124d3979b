/**
 * The Concordance VS Code extension: a thin client for the language server bundled next to it
 * (out/server.js). Activated by the first Markdown document; everything else — which files are
 * bills, diagnostics, fixes, hovers — is the server's job, so other editors get the same behaviour.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ExecuteCommandRequest, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_COMMANDS, STATUS_NOTIFICATION, TRUST_NOTIFICATION, type InitializationOptions, type StatusParams, type WorkspaceCheckResult } from '../../server/src/lsp/protocol';
import { compareWithHead } from './compareHead';
import { MatrixPanel } from './matrixPanel';
import { ReportPanels } from './reportPanel';
import { RestartPolicy } from './restart';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Concordance');
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  // A server that dies is started again (restart.ts: up to 4 times in 3 minutes); the client then
  // re-opens the documents and pulls their diagnostics again.
  const restarts = new RestartPolicy();
  const errorHandler: ErrorHandler = {
    error: (_error, _message, count) => ({ action: restarts.error(count) === 'continue' ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const decision = restarts.closed();
      output.appendLine(decision.message);
      // A restart is logged only (handled); giving up is shown to the user.
      return decision.restart ? { action: CloseAction.Restart, message: decision.message, handled: true } : { action: CloseAction.DoNotRestart, message: decision.message };
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'concordance' },
    initializationOptions,
    outputChannel: output,
    diagnosticPullOptions: { onChange: true, onSave: true },
    errorHandler,
  };
  client = new LanguageClient('concordance', 'Concordance', serverOptions, clientOptions);

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
  client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
    if (params.bill) statuses.set(params.uri, params);
    else statuses.delete(params.uri);
    updateStatus();
  });

  const activeUri = (arg: unknown): string | undefined => {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri) return arg.toString();
    return vscode.window.activeTextEditor?.document.uri.toString();
  };
  const execute = <T>(command: string, args: unknown[] = []): Promise<T> => client!.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;

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
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_NOTIFICATION, { trusted: true })),
  );

  await client.start();
  updateStatus();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
