/**
 * "Concordance: Compare Bill with Git HEAD": reads the committed version of the open bill with
 * `git show HEAD:./<file>` (run in the bill's folder, so nested repositories and sub-folders need no
 * path arithmetic), asks the server to compare it with the editor's current text, and shows what the
 * amendment newly meets, newly breaks or changes.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import * as vscode from 'vscode';
import { SERVER_COMMANDS } from '../../server/src/lsp/protocol';
import type { BillDiff } from '../../server/src/compare/diff';
import { renderDiffHtml } from '../../server/src/compare/diffFormat';
import { createPanel, nonce } from './webview';

type Execute = <T>(command: string, args?: unknown[]) => Promise<T>;

export type HeadResult = { ok: true; text: string } | { ok: false; message: string };

/** The file's text at HEAD, or why it cannot be had (not a repository, not committed, no git). */
export function readHead(file: string): Promise<HeadResult> {
  const cwd = path.dirname(file);
  return new Promise((resolve) => {
    execFile('git', ['show', `HEAD:./${path.basename(file)}`], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, text: stdout });
      const text = `${stderr}`;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ ok: false, message: 'git is not installed (or not on the PATH).' });
      if (/not a git repository/i.test(text)) return resolve({ ok: false, message: `${cwd} is not in a git repository: there is no HEAD version to compare with.` });
      if (/exists on disk, but not in|does not exist in|invalid object name|bad revision|unknown revision/i.test(text)) {
        return resolve({ ok: false, message: `${path.basename(file)} has no committed version at HEAD yet.` });
      }
      resolve({ ok: false, message: `git show failed: ${text.trim() || (error as Error).message}` });
    });
  });
}

export async function compareWithHead(execute: Execute, document: vscode.TextDocument): Promise<void> {
  if (document.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Concordance: only a bill saved in a folder can be compared with git HEAD.');
    return;
  }
  const head = await readHead(document.uri.fsPath);
  if (!head.ok) {
    void vscode.window.showInformationMessage(`Concordance: ${head.message}`);
    return;
  }
  const label = `HEAD:${vscode.workspace.asRelativePath(document.uri, false)}`;
  const diff = await execute<BillDiff>(SERVER_COMMANDS.diffData, [document.uri.toString(), head.text, label]);
  const panel = createPanel('concordance.diff', `Changes: ${path.basename(document.uri.fsPath)}`, vscode.ViewColumn.Beside, false);
  panel.webview.html = renderDiffHtml(diff, { nonce: nonce(), cspSource: panel.webview.cspSource, heading: 'Compared with the last commit (HEAD)' });
  const { summary } = diff;
  vscode.window.setStatusBarMessage(`Concordance: ${summary['newly-met']} newly met, ${summary['newly-broken']} newly broken, ${summary['status-changed'] + summary['evidence-changed']} changed`, 6000);
}
