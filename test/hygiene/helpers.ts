// Shared helpers for the drafting-hygiene tests: run the checks on a text, read findings as
// (code, text) pairs, and apply a fix's edits.
import { checkHygiene, type HygieneFinding, type HygieneFix } from '../../server/src/hygiene/index.js';
import { applyEdits } from '../../server/src/hygiene/renumber.js';
import { parseBill } from '../../server/src/parse/index.js';
import type { Bill } from '../../server/src/parse/types.js';

export { parseBill };

export function hygiene(text: string): { bill: Bill; findings: HygieneFinding[] } {
  const bill = parseBill(text, 'file:///test.bill.md');
  return { bill, findings: checkHygiene(bill).findings };
}

/** "code: covered text" for each finding, in document order. */
export function found(text: string, code?: string): string[] {
  const { bill, findings } = hygiene(text);
  return findings.filter((f) => !code || f.code === code).map((f) => `${f.code}: ${bill.text.slice(f.span.start, f.span.end)}`);
}

export function codes(text: string): string[] {
  return hygiene(text).findings.map((f) => f.code);
}

export function fixesOf(finding: HygieneFinding | undefined): HygieneFix[] {
  return finding?.fixes?.() ?? [];
}

export function apply(text: string, fix: HygieneFix): string {
  return applyEdits(text, fix.edits);
}

/** A minimal bill in the Westminster style around `body` (sections as "## N. Heading"). */
export function bill(body: string): string {
  return `# Test Bill 2025\n\n${body.trim()}\n`;
}
