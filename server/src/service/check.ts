/**
 * The pure language service: text in, structure + findings + diagnostics out. The CLI, the report
 * exporters and the language server all go through here, so they agree by construction.
 */
import { analyseBill } from '../analysis/index.js';
import type { Analysis, AnalysisOptions } from '../analysis/types.js';
import type { Catalogue } from '../catalogue/load.js';
import { draftingDiagnostics, draftingOff, draftingSeverity } from '../hygiene/diagnostics.js';
import { checkHygiene, type HygieneFinding } from '../hygiene/index.js';
import { parseBill, LineIndex, type ParseOptions } from '../parse/index.js';
import type { Bill } from '../parse/types.js';
import { toDiagnostics, type Diagnostic, type DiagnosticOptions } from '../report/diagnostics.js';
import { exceedsLimit, tooLargeResult, type SizeLimitOptions, type TooLarge } from './limits.js';

export interface CheckResult {
  bill: Bill;
  lines: LineIndex;
  analysis: Analysis;
  diagnostics: Diagnostic[];
  /** Drafting-hygiene findings (codes `drafting/…`), with their quick-fixes; also in `diagnostics`. */
  drafting: HygieneFinding[];
  /** Set when the text is over the size limit: it was not parsed, and `diagnostics` says so. */
  tooLarge?: TooLarge;
}

export interface CheckOptions extends AnalysisOptions, DiagnosticOptions, ParseOptions, SizeLimitOptions {}

export function checkText(text: string, uri: string, catalogue: Catalogue, options: CheckOptions = {}): CheckResult {
  const tooLarge = exceedsLimit(text, options);
  if (tooLarge) return tooLargeResult(text, uri, tooLarge, options.maxSizeHint);
  const bill = parseBill(text, uri, options);
  const lines = new LineIndex(text);
  const analysis = analyseBill(bill, catalogue, options);
  // Drafting hygiene reads the parsed bill only (the analysis never reads parse problems).
  const hygiene = draftingOff(options.severities) ? { findings: [], ordinarySpans: [] } : checkHygiene(bill, options.documentCache);
  // Parse problems a drafting check now covers: the `ordinary` annotation (valid, but unknown to the
  // parser's annotation reader) and duplicate numbers (reported as drafting/duplicate-number, with a fix).
  const superseded = new Set([
    ...hygiene.ordinarySpans.map((s) => `annotation/invalid@${s.start}:${s.end}`),
    ...hygiene.findings
      .filter((f) => f.supersedes && draftingSeverity(f.code, options.severities) !== 'off')
      .map((f) => `structure/duplicate-number@${f.supersedes!.start}:${f.supersedes!.end}`),
  ]);
  if (superseded.size > 0) bill.problems = bill.problems.filter((p) => !superseded.has(`${p.code}@${p.span.start}:${p.span.end}`));
  const diagnostics = [...toDiagnostics(bill, lines, analysis, options), ...draftingDiagnostics(bill, lines, hygiene.findings, options.severities)].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
  return { bill, lines, analysis, diagnostics, drafting: hygiene.findings };
}
