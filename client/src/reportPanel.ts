/**
 * "Concordance: Show Compliance Report": a webview beside the bill, one per bill, rendered by the
 * pure report/html renderer from the model the language server sends. It follows the bill: each
 * edit (after a pause) or save fetches the model again and swaps the page body in place, so open
 * treaty texts and the scroll position survive.
 */
import * as vscode from 'vscode';
import { SERVER_COMMANDS } from '../../server/src/lsp/protocol';
import type { BillReport, PeersByElement } from '../../server/src/report/model';
import { renderReportHtml, reportBody } from '../../server/src/report/html/report';
import { createPanel, isRevealMessage, nonce, revealRange } from './webview';

export interface ReportData {
  report: BillReport;
  peers: PeersByElement;
}

type Execute = <T>(command: string, args?: unknown[]) => Promise<T>;

const REFRESH_DELAY_MS = 400;

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; timer?: NodeJS.Timeout }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly execute: Execute) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document.uri.toString())),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((d) => this.panels.get(d.uri.toString())?.panel.dispose()),
    ];
  }

  async show(uri: string): Promise<void> {
    const existing = this.panels.get(uri);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      await this.refresh(uri);
      return;
    }
    const data = await this.execute<ReportData>(SERVER_COMMANDS.reportData, [uri]);
    const panel = createPanel('concordance.report', this.title(data.report), vscode.ViewColumn.Beside, true);
    this.panels.set(uri, { panel });
    panel.onDidDispose(() => {
      clearTimeout(this.panels.get(uri)?.timer);
      this.panels.delete(uri);
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if (isRevealMessage(message)) void revealRange(message, (target) => target === uri).catch((error: unknown) => this.warn(error));
    });
    panel.webview.html = renderReportHtml(data.report, { links: 'message', peers: data.peers, nonce: nonce(), cspSource: panel.webview.cspSource });
  }

  private title(report: BillReport): string {
    return `Report: ${report.file.split('/').pop() ?? report.file}`;
  }

  private schedule(uri: string): void {
    const entry = this.panels.get(uri);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.refresh(uri), REFRESH_DELAY_MS);
  }

  private async refresh(uri: string): Promise<void> {
    const entry = this.panels.get(uri);
    if (!entry) return;
    try {
      const data = await this.execute<ReportData>(SERVER_COMMANDS.reportData, [uri]);
      if (!this.panels.has(uri)) return;
      entry.panel.title = this.title(data.report);
      await entry.panel.webview.postMessage({ type: 'update', body: reportBody(data.report, { links: 'message', peers: data.peers }).value });
    } catch (error) {
      // The bill may have stopped being one (front matter removed): keep the last report.
      this.warn(error);
    }
  }

  private warn(error: unknown): void {
    void vscode.window.setStatusBarMessage(`Concordance: ${(error as Error)?.message ?? String(error)}`, 4000);
  }

  dispose(): void {
    for (const { panel, timer } of this.panels.values()) {
      clearTimeout(timer);
      panel.dispose();
    }
    for (const s of this.subscriptions) s.dispose();
  }
}
