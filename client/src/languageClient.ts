/**
 * The language client: created after activation (extension.ts loads this module lazily), so that
 * loading vscode-languageclient and spawning the server never add to VS Code's activation time.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, TRUST_NOTIFICATION, type InitializationOptions, type StatusParams } from '../../server/src/lsp/protocol';

export interface ConcordanceClient {
  execute<T>(command: string, args?: unknown[]): Promise<T>;
  trustGranted(): void;
  stop(): Promise<void>;
}

export async function startClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onStatus: (params: StatusParams) => void): Promise<ConcordanceClient> {
  const serverModule = context.asAbsolutePath('out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'concordance' },
    initializationOptions,
    outputChannel: output,
    diagnosticPullOptions: { onChange: true, onSave: true },
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
