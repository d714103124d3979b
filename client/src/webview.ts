/**
 * What the report, matrix and comparison panels share: a webview locked down to no local resources,
 * a fresh nonce per page, and the one message the pages send (reveal a range of a bill), checked
 * before it is acted on since a webview is a separate, less trusted context.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function nonce(): string {
  return randomBytes(18).toString('base64');
}

export function createPanel(viewType: string, title: string, column: vscode.ViewColumn, scripts: boolean): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, { viewColumn: column, preserveFocus: true }, {
    enableScripts: scripts,
    enableCommandUris: false,
    enableFindWidget: true,
    // The pages are self-contained: nothing on disk is readable from them.
    localResourceRoots: [],
  });
}

interface RevealMessage {
  type: 'reveal';
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const p = value as { line?: unknown; character?: unknown } | null;
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

export function isRevealMessage(value: unknown): value is RevealMessage {
  const m = value as Partial<RevealMessage> | null;
  return !!m && m.type === 'reveal' && typeof m.uri === 'string' && !!m.range && isPosition(m.range.start) && isPosition(m.range.end);
}

/** Opens the bill (in the editor group it was in, if visible) and selects and reveals the range. */
export async function revealRange(message: RevealMessage, allowed: (uri: string) => boolean): Promise<void> {
  // Only bills the extension put on the page may be opened from it.
  if (!allowed(message.uri)) return;
  const uri = vscode.Uri.parse(message.uri, true);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
  const { start, end } = message.range;
  const range = document.validateRange(new vscode.Range(start.line, start.character, end.line, end.character));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
