/**
 * Quick-fixes for drafting diagnostics (`drafting/…`): each diagnostic is matched back to the
 * drafting finding it came from (same code, same range, same checked version), whose fixes are
 * drafted only now — renumbering re-parses the bill to prove the references still hold.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { HygieneFinding } from '../hygiene/index.js';
import type { Checked } from './checked.js';
import { workspaceEdit } from './actions.js';

export function isDrafting(diagnostic: Diagnostic): boolean {
  return diagnostic.source === 'concordance' && typeof diagnostic.code === 'string' && diagnostic.code.startsWith('drafting/');
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function touches(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

export function findingFor(checked: Checked, diagnostic: Diagnostic): HygieneFinding | undefined {
  return checked.result?.drafting.find((f) => f.code === diagnostic.code && sameRange(checked.rangeOf(f.span), diagnostic.range));
}

export function draftingActions(checked: Checked, params: CodeActionParams, documentChanges: boolean, onError: (error: unknown) => void = () => undefined): CodeAction[] {
  const sent = params.context.diagnostics.filter(isDrafting);
  const diagnostics = sent.length > 0 ? sent : params.context.diagnostics.length > 0 ? [] : checked.diagnostics.filter((d) => isDrafting(d) && touches(d.range, params.range));
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const finding = findingFor(checked, diagnostic);
    if (!finding?.fixes) continue;
    let fixes;
    try {
      fixes = finding.fixes();
    } catch (error) {
      onError(error);
      continue;
    }
    for (const fix of fixes) {
      // One renumbering fix serves every defect of its level: offer it once.
      const key = `${fix.title}\u0000${fix.edits.map((e) => `${e.span.start}:${e.span.end}:${e.newText}`).join('|')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [diagnostic], edit: workspaceEdit(checked, fix.edits, documentChanges) });
    }
  }
  return actions;
}
