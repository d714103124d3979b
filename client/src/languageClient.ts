/**
 * The language client: created after activation (extension.ts loads this module lazily), so that
 * loading vscode-languageclient and spawning the server never add to VS Code's activation time.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ExecuteCommandRequest, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { RestartPolicy } from './restart';
import { SERVER_EXEC_ARGV, STATUS_NOTIFICATION, TRUST_NOTIFICATION, type InitializationOptions, type StatusParams } from '../../server/src/lsp/protocol';

export interface ConcordanceClient {
  execute<T>(command: string, args?: unknown[]): Promise<T>;
  trustGranted(): void;
  stop(): Promise<void>;
}

export async function startClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onStatus: (params: StatusParams) => void): Promise<ConcordanceClient> {
  const serverModule = context.asAbsolutePath('out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
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
  const client = new LanguageClient('concordance', 'Concordance', serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION, onStatus);
  await client.start();
  return {
    execute: <T>(command: string, args: unknown[] = []) => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>,
    trustGranted: () => void client.sendNotification(TRUST_NOTIFICATION, { trusted: true }),
    stop: () => client.stop(),
  };
}
