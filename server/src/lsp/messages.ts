/**
 * What the server tells the user: the output log, and messages shown once per settings generation
 * (a setting still bad after a change is reported again; the same message is not repeated per keystroke).
 */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';

export class ServerMessages {
  private readonly shown = new Set<string>();

  constructor(private readonly connection: Connection) {}

  log(message: string): void {
    this.connection.console.log(message);
  }

  logError(where: string, error: unknown): void {
    this.connection.console.error(`Concordance: ${where}: ${(error as Error)?.stack ?? String(error)}`);
  }

  /** Shows a message once (until `forget`), and logs it. */
  notify(kind: 'warning' | 'error', message: string): void {
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.log(message);
    // window/showMessage (a notification: nothing to answer, nothing to wait for).
    void this.connection
      .sendNotification(ShowMessageNotification.type, { type: kind === 'error' ? MessageType.Error : MessageType.Warning, message: `Concordance: ${message}` })
      .catch(() => undefined);
  }

  /** A new settings generation: every message may be shown again. */
  forget(): void {
    this.shown.clear();
  }
}
