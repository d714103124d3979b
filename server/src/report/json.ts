/** The CLI's JSON format (version 1): 0-based LSP positions; documented in README. */
import type { CheckResult } from '../service/check.js';

export interface JsonFile {
  file: string;
  instruments: string[];
  elements: unknown[];
  diagnostics: unknown[];
  problems: unknown[];
}

export function toJsonFile(file: string, result: CheckResult): JsonFile {
  const { bill, lines, analysis } = result;
  return {
    file,
    instruments: analysis.instruments,
    elements: analysis.findings.map((finding) => ({
      id: finding.elementId,
      title: finding.title,
      status: finding.status,
      perInstrument: finding.perInstrument,
      citations: finding.citations.map((c) => ({ instrument: c.instrument, article: c.article, url: c.url, verified: c.verified })),
      provisions: finding.evidence.map((e) => ({
        id: e.provisionId,
        label: e.label,
        range: lines.rangeOf(e.span),
        text: bill.text.slice(e.span.start, e.span.end),
      })),
      weakenings: finding.weakenings.map((w) => ({ id: w.id, reason: w.reason, ...(w.span ? { range: lines.rangeOf(w.span), text: bill.text.slice(w.span.start, w.span.end) } : {}) })),
      figures: finding.figures,
      reason: finding.reason,
    })),
    diagnostics: result.diagnostics,
    problems: [...bill.problems, ...analysis.problems].map((p) => ({ code: p.code, severity: p.severity, message: p.message, range: lines.rangeOf(p.span) })),
  };
}

export function toJson(files: readonly JsonFile[]): string {
  return `${JSON.stringify({ version: 1, files }, (_key, value: unknown) => (value === Infinity ? 'life' : value), 2)}\n`;
}
