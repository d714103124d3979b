/**
 * The server's commands (workspace/executeCommand): Check Workspace, Check Document, and the data
 * behind the report, matrix and comparison views. Arguments are checked here; a bad one answers
 * InvalidParams with what was expected.
 */
import { ResponseError } from 'vscode-languageserver';
import { diffReports, type BillDiff } from '../compare/diff.js';
import { peersFromMatrix } from '../compare/matrix.js';
import { buildReport } from '../report/model.js';
import { formatText } from '../report/text.js';
import { checkText } from '../service/check.js';
import type { Checked } from './checked.js';
import type { DocContext } from './documentContext.js';
import { SERVER_COMMANDS } from './protocol.js';
import { checkOptions } from './settings.js';
import { displayName, type WorkspaceFeatures } from './workspace.js';

const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;

/** What the commands need from the server. */
export interface CommandHost {
  folders(): readonly string[];
  readonly workspace: WorkspaceFeatures;
  /** The current check of an open bill (waiting out a typing burst), or undefined. */
  checkedOpen(uri: string): Promise<Checked | undefined>;
  contextFor(uri: string, text: string): Promise<DocContext>;
  /** Checks an open document now, whatever `run` says; its summary line (null if not a bill). Throws if it is not open. */
  checkNow(uri: string | undefined): Promise<string | null>;
}

export async function executeCommand(host: CommandHost, command: string, args: unknown[]): Promise<unknown> {
  const uriArg = typeof args[0] === 'string' ? args[0] : (args[0] as { uri?: string } | undefined)?.uri;
  switch (command) {
    case SERVER_COMMANDS.checkWorkspace:
      return host.workspace.check();
    case SERVER_COMMANDS.checkDocument:
      return host.checkNow(uriArg);
    case SERVER_COMMANDS.report: {
      const checked = await openBill(host, uriArg);
      return formatText(displayName(checked.uri, host.folders()), checked.result!, { color: false });
    }
    case SERVER_COMMANDS.reportData: {
      const checked = await openBill(host, uriArg);
      const report = buildReport(displayName(checked.uri, host.folders()), checked.result!, checked.catalogue);
      const matrix = await host.workspace.matrix(checked.catalogue, report);
      return { report, peers: peersFromMatrix(matrix, report.file) };
    }
    case SERVER_COMMANDS.matrixData:
      return host.workspace.matrix();
    case SERVER_COMMANDS.diffData: {
      const oldText = args[1];
      if (!uriArg || typeof oldText !== 'string') throw new ResponseError(INVALID_PARAMS, 'Pass the document URI and the old text.');
      const label = typeof args[2] === 'string' ? args[2] : 'previous version';
      const checked = await openBill(host, uriArg);
      const context = await host.contextFor(uriArg, oldText);
      const before = buildReport(label, checkText(oldText, uriArg, checked.catalogue, checkOptions(context.settings)), checked.catalogue);
      const after = buildReport(displayName(checked.uri, host.folders()), checked.result!, checked.catalogue);
      return diffReports(before, after) satisfies BillDiff;
    }
    default:
      throw new ResponseError(METHOD_NOT_FOUND, `Unknown command ${command}`);
  }
}

/** The check of the open bill `uri` names, with its result; InvalidParams otherwise. */
async function openBill(host: CommandHost, uri: string | undefined): Promise<Checked> {
  if (!uri) throw new ResponseError(INVALID_PARAMS, 'Which document? Pass its URI.');
  const checked = await host.checkedOpen(uri);
  if (!checked?.result) throw new ResponseError(INVALID_PARAMS, `${uri} is not an open bill.`);
  return checked;
}
