/**
 * When the language server dies (a crash, an out-of-memory kill, `kill -9`), the client starts it
 * again: up to MAX_RESTARTS times in any RESTART_WINDOW_MS (the vscode-languageclient default of
 * 4 restarts in 3 minutes, made explicit). One more crash inside the window stops it for good, with
 * a message naming the Output channel, rather than restarting a server that crashes on start in a
 * loop. Pure (no vscode import), so that the policy is unit-tested; languageClient.ts maps the decisions
 * onto vscode-languageclient's ErrorHandler.
 */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Errors writing to or reading from the server tolerated before the client shuts the connection. */
export const MAX_CONNECTION_ERRORS = 3;

export type CloseDecision = { restart: true; message: string } | { restart: false; message: string };

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** The server's connection closed without the client asking: restart it, or give up. */
  closed(): CloseDecision {
    const now = this.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const count = this.crashes.length;
    if (count <= MAX_RESTARTS) {
      return { restart: true, message: `The Concordance language server stopped unexpectedly; restarting it (${count} of ${MAX_RESTARTS} restarts allowed in 3 minutes).` };
    }
    return {
      restart: false,
      message: `The Concordance language server stopped ${count} times in 3 minutes and will not be restarted. See Output ▸ Concordance, then run "Developer: Reload Window" to start it again.`,
    };
  }

  /** A message could not be read or written: carry on for the first few, then shut the connection down. */
  error(count: number | undefined): 'continue' | 'shutdown' {
    return count !== undefined && count <= MAX_CONNECTION_ERRORS ? 'continue' : 'shutdown';
  }
}
