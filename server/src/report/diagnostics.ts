/**
 * Findings and problems as LSP-shaped diagnostics. Plain objects with the LSP 3.17 JSON shape, so the
 * CLI's JSON output and the language server share one mapping without the core importing LSP types.
 */
import type { Analysis, ElementFinding } from '../analysis/types.js';
import type { Bill, Range, Span } from '../parse/types.js';

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type Severity = 'error' | 'warning' | 'info' | 'hint' | 'off';

export interface PositionMapper {
  rangeOf(span: Span): Range;
}

export interface Diagnostic {
  range: Range;
  severity: 1 | 2 | 3 | 4;
  code: string;
  codeDescription?: { href: string };
  source: 'concordance';
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
  data: { elementId?: string; status?: string; kind: 'finding' | 'problem' | 'drafting' };
}

export interface DiagnosticOptions {
  /** Severity per element id ("off" hides it); default by the finding's obligations. */
  severities?: Readonly<Record<string, Severity>>;
}

const SEVERITY_NUMBER: Record<Exclude<Severity, 'off'>, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };

/** Binding obligations left unmet are errors; findings resting only on advisory ones are warnings. */
export function defaultSeverity(finding: ElementFinding): 'error' | 'warning' {
  const failing = Object.entries(finding.perInstrument).filter(([, status]) => status === 'missing' || status === 'partial' || status === 'conflict');
  return failing.some(([instrument]) => !finding.advisoryInstruments.includes(instrument)) ? 'error' : 'warning';
}

export function citationList(finding: ElementFinding): string {
  const byInstrument = new Map<string, string[]>();
  for (const citation of finding.citations) {
    const list = byInstrument.get(citation.instrumentName) ?? [];
    list.push(citation.article);
    byInstrument.set(citation.instrumentName, list);
  }
  return [...byInstrument].map(([name, articles]) => `${shortName(name)} ${articles.join(', ')}`).join('; ');
}

/** "Budapest Convention" → "Budapest" keeps messages short; the full name is in hover and reports. */
function shortName(name: string): string {
  return name.replace(/ Convention$/, '');
}

export function findingDiagnostic(bill: Bill, mapper: PositionMapper, finding: ElementFinding, options: DiagnosticOptions = {}): Diagnostic | undefined {
  if (finding.status !== 'missing' && finding.status !== 'partial' && finding.status !== 'conflict') return undefined;
  const severity = options.severities?.[finding.elementId] ?? defaultSeverity(finding);
  if (severity === 'off') return undefined;
  const related = [
    ...finding.weakenings.slice(1).filter((w) => w.span).map((w) => ({ location: { uri: bill.uri, range: mapper.rangeOf(w.span!) }, message: w.reason })),
    ...finding.evidence.slice(0, 5).map((e) => ({ location: { uri: bill.uri, range: mapper.rangeOf(e.span) }, message: `${e.label}: "${bill.text.slice(e.span.start, e.span.end)}"` })),
  ];
  const href = finding.citations[0]?.url;
  return {
    range: mapper.rangeOf(finding.anchor),
    severity: SEVERITY_NUMBER[severity],
    code: finding.elementId,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'concordance',
    message: `${finding.title} — ${finding.status}: ${finding.reason} (${citationList(finding)})`,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data: { elementId: finding.elementId, status: finding.status, kind: 'finding' },
  };
}

export function toDiagnostics(bill: Bill, mapper: PositionMapper, analysis: Analysis, options: DiagnosticOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of [...bill.problems, ...analysis.problems]) {
    out.push({
      range: mapper.rangeOf(problem.span),
      severity: SEVERITY_NUMBER[problem.severity],
      code: problem.code,
      source: 'concordance',
      message: problem.message,
      data: { kind: 'problem' },
    });
  }
  for (const finding of analysis.findings) {
    const diagnostic = findingDiagnostic(bill, mapper, finding, options);
    if (diagnostic) out.push(diagnostic);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
