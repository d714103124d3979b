/**
 * What the Concordance server and its clients say beyond standard LSP. Plain constants and types
 * (no imports), shared by the server and the VS Code extension.
 */

/** Server → client after each check of an open document: the counts behind the status bar item. */
export const STATUS_NOTIFICATION = 'concordance/status';

export interface StatusParams {
  uri: string;
  version?: number;
  /** False when the document is not (or no longer) a bill: hide the status item. */
  bill: boolean;
  counts?: { total: number; met: number; partial: number; missing: number; conflict: number; reserved: number; notApplicable: number };
  /** "18 of 25 elements met · 3 partial · 4 missing" */
  summary?: string;
}

/** Client → server when the workspace's trust changes (VS Code workspace trust). */
export const TRUST_NOTIFICATION = 'concordance/trust';

export interface TrustParams {
  trusted: boolean;
}

/** Request (no params): the server's process.memoryUsage(), after a full GC when run with --expose-gc. */
export const MEMORY_REQUEST = 'concordance/memory';

/**
 * Node options the server process is started with: the extension passes them, and the bench starts
 * the server with them as the extension does. A keystroke's check of a long bill allocates ~13 MB,
 * garbage by the next keystroke; with V8's default 16 MB semi-spaces that cost a scavenge or two per
 * keystroke. With 32 MB the keystroke bench went from 0.14 to 0.12 of a parse (150 keystrokes, three
 * runs each way), and the server's RSS over 10,000 edits from 212 to 242 MB (64 MB: 0.115, but near
 * 300 MB). The index workers keep V8's default young generation (workspaceIndex.ts resets the flag
 * before starting them): otherwise each would get it too, and "Check Workspace" would pass 300 MB.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=32'];

/** initializationOptions the server understands. */
export interface InitializationOptions {
  /** False in an untrusted workspace: only the built-in catalogue is used. Default true. */
  workspaceTrusted?: boolean;
  /** Quiet time after a keystroke before an on-type check, in ms (0–5000; default 300). */
  debounceMs?: number;
}

/** workspace/executeCommand commands the server implements. */
export const SERVER_COMMANDS = {
  /** Check every bill in the workspace folders; publishes diagnostics for files not open. Returns WorkspaceCheckResult. */
  checkWorkspace: 'concordance.server.checkWorkspace',
  /** Check one open document now (`concordance.run` = manual/onSave). Argument: the document URI. */
  checkDocument: 'concordance.server.checkDocument',
  /** The text report of one document (the CLI's `check` output). Argument: the document URI. Returns string. */
  report: 'concordance.server.report',
  /**
   * The compliance report model of one open bill and its peers (reference profiles and the other
   * bills in the workspace), for the report view. Argument: the document URI. Returns ReportData
   * (report/model.ts BillReport + PeersByElement; the client renders it with report/html).
   */
  reportData: 'concordance.server.reportData',
  /** The harmonisation matrix of the workspace's bills and the reference profiles. Returns compare/matrix.ts Matrix. */
  matrixData: 'concordance.server.matrixData',
  /**
   * An open bill compared with an older text of it (e.g. the git HEAD version the client read).
   * Arguments: the document URI, the old text, a label for the old version. Returns compare/diff.ts BillDiff.
   */
  diffData: 'concordance.server.diffData',
} as const;

export interface WorkspaceCheckResult {
  folders: number;
  /** Bills found on disk. */
  bills: number;
  /** Of those, checked from disk (the others are open and checked as you type). */
  checked: number;
  errors: number;
  warnings: number;
  /** The walk stopped early (very large folder). */
  truncated: boolean;
}
