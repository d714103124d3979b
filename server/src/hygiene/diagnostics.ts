/**
 * Drafting findings as LSP-shaped diagnostics (the same plain objects report/diagnostics.ts makes for
 * treaty findings), with the severity the user chose per code, or for all drafting codes at once
 * (`"drafting": "off"`), or else the code's default.
 */
import type { Bill } from '../parse/types.js';
import type { Diagnostic, PositionMapper, Severity } from '../report/diagnostics.js';
import { DRAFTING_CODES, DRAFTING_GROUP, type DraftingCode } from './codes.js';
import type { HygieneFinding } from './types.js';

const SEVERITY_NUMBER: Record<Exclude<Severity, 'off'>, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };

export function draftingSeverity(code: DraftingCode, severities: Readonly<Record<string, Severity>> | undefined): Severity {
  return severities?.[code] ?? severities?.[DRAFTING_GROUP] ?? DRAFTING_CODES[code].severity;
}

/** True when every drafting code is switched off (the checks need not run at all). */
export function draftingOff(severities: Readonly<Record<string, Severity>> | undefined): boolean {
  if (!severities) return false;
  return (Object.keys(DRAFTING_CODES) as DraftingCode[]).every((code) => draftingSeverity(code, severities) === 'off');
}

export function draftingDiagnostic(bill: Bill, mapper: PositionMapper, finding: HygieneFinding, severity: Exclude<Severity, 'off'>): Diagnostic {
  const related = (finding.related ?? []).map((r) => ({ location: { uri: bill.uri, range: mapper.rangeOf(r.span) }, message: r.message }));
  return {
    range: mapper.rangeOf(finding.span),
    severity: SEVERITY_NUMBER[severity],
    code: finding.code,
    source: 'concordance',
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data: { kind: 'drafting' },
  };
}

export function draftingDiagnostics(bill: Bill, mapper: PositionMapper, findings: readonly HygieneFinding[], severities?: Readonly<Record<string, Severity>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const severity = draftingSeverity(finding.code, severities);
    if (severity !== 'off') out.push(draftingDiagnostic(bill, mapper, finding, severity));
  }
  return out;
}
