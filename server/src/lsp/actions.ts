/**
 * Edits offered to the editor: a quick-fix per finding (draft/fixes.ts), "Record reservation" where an
 * instrument permits one (draft/reservations.ts: front matter only), "Fix all treaty gaps"
 * (service/fix.ts compatibleEdits), and go to definition / references / rename for defined terms.
 * Spans become LSP ranges through the check's LineIndex; every edit names the document version
 * it was computed for, so a client never applies it to a newer text.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Location,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Fix, TextEdit as SpanEdit } from '../draft/fixes.js';
import { reservationFixes } from '../draft/reservations.js';
import { compatibleEdits } from '../service/fix.js';
import { shortInstrument, type Checked } from './checked.js';
import { draftingActions } from './drafting.js';
import { renameEdits, termAt, usesOf } from './terms.js';

export const FIX_ALL_KIND = 'source.fixAll.concordance';

export function workspaceEdit(checked: Checked, edits: readonly SpanEdit[], documentChanges: boolean): WorkspaceEdit {
  const textEdits: TextEdit[] = [...edits]
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
    .map((edit) => ({ range: checked.rangeOf(edit.span), newText: edit.newText }));
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri: checked.uri, version: checked.version }, edits: textEdits }] }
    : { changes: { [checked.uri]: textEdits } };
}

/** Does a requested `only` list admit this kind? (kinds are hierarchical: "source" admits "source.fixAll.x"). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function elementOf(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== 'concordance') return undefined;
  const data = diagnostic.data as { elementId?: unknown } | undefined;
  if (typeof data?.elementId === 'string') return data.elementId;
  return typeof diagnostic.code === 'string' && /^(definition|offence|general|online)\//.test(diagnostic.code) ? diagnostic.code : undefined;
}

function intersects(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

export function codeActions(checked: Checked, params: CodeActionParams, documentChanges: boolean): CodeAction[] {
  if (!checked.result) return [];
  const only = params.context.only;
  const fixes = checked.fixes();
  const actions: CodeAction[] = [];

  if (kindWanted(CodeActionKind.QuickFix, only)) {
    // The client's diagnostics at the cursor, else (clients that send none) ours that touch the range.
    const candidates = params.context.diagnostics.filter((d) => elementOf(d) !== undefined);
    const sentOthers = params.context.diagnostics.some((d) => d.source === 'concordance');
    const diagnostics = candidates.length > 0 || sentOthers ? candidates : checked.diagnostics.filter((d) => elementOf(d) !== undefined && intersects(d.range, params.range));
    const done = new Set<string>();
    for (const diagnostic of diagnostics) {
      const elementId = elementOf(diagnostic)!;
      if (done.has(elementId)) continue;
      done.add(elementId);
      for (const fix of fixes.filter((f) => f.elementId === elementId)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.preferred,
          diagnostics: [diagnostic],
          edit: workspaceEdit(checked, fix.edits, documentChanges),
        });
      }
      actions.push(...reservationActions(checked, elementId, diagnostic, documentChanges));
    }
    actions.push(...draftingActions(checked, params, documentChanges));
  }

  if (kindWanted(FIX_ALL_KIND, only)) {
    const all = fixAllAction(checked, checked.fixesForAll(), documentChanges);
    if (all) actions.push(all);
  }
  return actions;
}

/** "Record reservation under Budapest 9(4) for offence/possession (Art 9(1)(e))": only where the instrument permits it. */
function reservationActions(checked: Checked, elementId: string, diagnostic: Diagnostic, documentChanges: boolean): CodeAction[] {
  const finding = checked.result?.analysis.findings.find((f) => f.elementId === elementId);
  if (!finding) return [];
  return reservationFixes(checked.result!.bill, checked.catalogue, finding).map((fix) => {
    const instrument = shortInstrument(checked.catalogue.instruments.get(fix.instrument)?.shortName ?? fix.instrument);
    return {
      title: `Record reservation under ${instrument} ${fix.permittedBy.join(', ')} for ${elementId} (Art ${fix.articles.join(', ')})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: workspaceEdit(checked, fix.edits, documentChanges),
    };
  });
}

export function fixAllAction(checked: Checked, fixes: readonly Fix[], documentChanges: boolean): CodeAction | undefined {
  const { edits, applied } = compatibleEdits(fixes);
  if (edits.length === 0) return undefined;
  const fixed = new Set(applied);
  return {
    title: `Fix all treaty gaps (${applied.length} element${applied.length === 1 ? '' : 's'})`,
    kind: FIX_ALL_KIND,
    diagnostics: checked.diagnostics.filter((d) => {
      const id = elementOf(d);
      return id !== undefined && fixed.has(id);
    }),
    edit: workspaceEdit(checked, edits, documentChanges),
  };
}

// ------------------------------------------------------------------ navigation

export function definitionAt(checked: Checked, offset: number): Location[] | null {
  const bill = checked.result?.bill;
  if (!bill) return null;
  const term = termAt(bill, offset);
  if (term) {
    const site = usesOf(bill, term.definition).find((u) => u.isDefinition)?.span ?? term.definition.termSpan;
    return [{ uri: checked.uri, range: checked.rangeOf(site) }];
  }
  const reference = bill.references.find((r) => !r.external && offset >= r.span.start && offset <= r.span.end && r.targetIds.length > 0);
  if (reference) {
    return reference.targetIds
      .map((id) => bill.byId.get(id))
      .filter((p) => p !== undefined)
      .map((p) => ({ uri: checked.uri, range: checked.rangeOf(p.headSpan) }));
  }
  return null;
}

export function referencesAt(checked: Checked, offset: number, includeDeclaration: boolean): Location[] | null {
  const bill = checked.result?.bill;
  if (!bill) return null;
  const term = termAt(bill, offset);
  if (!term) return null;
  return usesOf(bill, term.definition)
    .filter((u) => includeDeclaration || !u.isDefinition)
    .map((u) => ({ uri: checked.uri, range: checked.rangeOf(u.span) }));
}

export function prepareRenameAt(checked: Checked, offset: number): { range: Location['range']; placeholder: string } | null {
  const bill = checked.result?.bill;
  if (!bill) return null;
  const term = termAt(bill, offset);
  if (!term) return null;
  return { range: checked.rangeOf(term.span), placeholder: bill.text.slice(term.span.start, term.span.end) };
}

export function renameAt(checked: Checked, offset: number, newName: string, documentChanges: boolean): WorkspaceEdit | null {
  const bill = checked.result?.bill;
  if (!bill) return null;
  const term = termAt(bill, offset);
  if (!term) return null;
  return workspaceEdit(checked, renameEdits(bill, term.definition, newName), documentChanges);
}
