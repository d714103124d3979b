/**
 * The pure language service: text in, structure + findings + diagnostics out. The CLI, the report
 * exporters and the language server all go through here, so they agree by construction.
 */
import { analyseBill } from '../analysis/index.js';
import type { Analysis, AnalysisOptions } from '../analysis/types.js';
import type { Catalogue } from '../catalogue/load.js';
import { parseBill, LineIndex } from '../parse/index.js';
import type { Bill } from '../parse/types.js';
import { toDiagnostics, type Diagnostic, type DiagnosticOptions } from '../report/diagnostics.js';

export interface CheckResult {
  bill: Bill;
  lines: LineIndex;
  analysis: Analysis;
  diagnostics: Diagnostic[];
}

export interface CheckOptions extends AnalysisOptions, DiagnosticOptions {}

export function checkText(text: string, uri: string, catalogue: Catalogue, options: CheckOptions = {}): CheckResult {
  const bill = parseBill(text, uri);
  const lines = new LineIndex(text);
  const analysis = analyseBill(bill, catalogue, options);
  const diagnostics = toDiagnostics(bill, lines, analysis, options);
  return { bill, lines, analysis, diagnostics };
}
