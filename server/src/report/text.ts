/**
 * Human-readable CLI output: per file, every element with its status and evidence (what a reviewer
 * scans), then the diagnostics as compact `file:line:col  severity  message  element  citations`
 * lines (what an eslint/markdownlint user expects).
 */
import type { ElementStatus } from '../analysis/types.js';
import type { CheckResult } from '../service/check.js';
import { citationList } from './diagnostics.js';

const SEVERITY_NAME: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const STATUS_WIDTH = 14;

export interface TextOptions {
  /** Colour the status words (when writing to a terminal). */
  color: boolean;
  /** Leave out the element table (diagnostics only). */
  quiet?: boolean;
}

const COLOURS: Record<ElementStatus, string> = {
  met: '\u001b[32m',
  partial: '\u001b[33m',
  missing: '\u001b[31m',
  conflict: '\u001b[35m',
  reserved: '\u001b[36m',
  'not-applicable': '\u001b[90m',
};

export function formatText(file: string, result: CheckResult, options: TextOptions): string {
  const { bill, lines, analysis } = result;
  const out: string[] = [];
  const paint = (status: ElementStatus): string => {
    const word = status.padEnd(STATUS_WIDTH);
    return options.color ? `${COLOURS[status]}${word}\u001b[0m` : word;
  };
  // A file over the size limit was not read as a bill: its one diagnostic says so.
  if (!options.quiet && !result.tooLarge) {
    const jurisdiction = bill.settings.jurisdiction ? ` — ${bill.settings.jurisdiction}` : '';
    out.push(`${file}${jurisdiction}`);
    out.push(`  instruments: ${analysis.instruments.join(', ')}`);
    for (const finding of analysis.findings) {
      const where = [...new Set(finding.evidence.map((e) => `${e.label} (line ${lines.positionAt(e.span.start).line + 1})`))].slice(0, 4).join(', ');
      out.push(`  ${paint(finding.status)}${finding.elementId.padEnd(30)}${where || '—'}`);
      if (finding.status !== 'met') out.push(`  ${' '.repeat(STATUS_WIDTH)}${' '.repeat(30)}${finding.reason}`);
    }
    const counts = countStatuses(analysis.findings.map((f) => f.status));
    out.push(`  ${counts}`);
    out.push('');
  }
  for (const d of result.diagnostics) {
    const finding = d.data.elementId ? analysis.findings.find((f) => f.elementId === d.data.elementId) : undefined;
    const message = finding ? `${finding.title} — ${finding.status}: ${finding.reason}` : d.message;
    const citations = finding ? `  ${citationList(finding)}` : '';
    out.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${SEVERITY_NAME[d.severity]}  ${message}  ${d.code}${citations}`);
  }
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}

export function countStatuses(statuses: readonly ElementStatus[]): string {
  const order: ElementStatus[] = ['met', 'partial', 'missing', 'reserved', 'conflict', 'not-applicable'];
  const total = statuses.length;
  const parts = order.map((s) => [s, statuses.filter((x) => x === s).length] as const).filter(([, n]) => n > 0);
  return `${statuses.filter((s) => s === 'met').length} of ${total} elements met · ${parts.filter(([s]) => s !== 'met').map(([s, n]) => `${n} ${s}`).join(' · ')}`;
}
