/**
 * `concordance fix` and the editor's "Fix all treaty gaps": apply every preferred quick-fix once,
 * re-check, and report what is left. Edits never overlap; an edit that would overlap an earlier
 * one is dropped (it is offered again on the next run, against the new text).
 */
import { createTwoFilesPatch } from 'diff';
import type { Catalogue } from '../catalogue/load.js';
import { draftFixes, type Fix, type TextEdit } from '../draft/fixes.js';
import { checkText, type CheckOptions } from './check.js';

export interface FixResult {
  text: string;
  applied: string[];
  remainingErrors: number;
  diff(name: string): string;
}

/** Applies edits (offsets into `text`); edits at the same offset keep their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.span.start - b.edit.span.start || a.edit.span.end - b.edit.span.end || a.index - b.index);
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    out += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  return out + text.slice(cursor);
}

/** Preferred fixes whose edits do not overlap an already chosen edit. */
export function compatibleEdits(fixes: readonly Fix[]): { edits: TextEdit[]; applied: string[] } {
  const edits: TextEdit[] = [];
  const applied: string[] = [];
  for (const fix of fixes) {
    if (!fix.preferred) continue;
    const clash = fix.edits.some((e) => edits.some((o) => e.span.start < o.span.end && o.span.start < e.span.end));
    if (clash) continue;
    edits.push(...fix.edits);
    applied.push(fix.elementId);
  }
  return { edits, applied };
}

export function fixText(text: string, uri: string, catalogue: Catalogue, options: CheckOptions = {}): FixResult {
  const before = checkText(text, uri, catalogue, options);
  const fixes = draftFixes(before.bill, catalogue, before.analysis, { ...before.analysis.vocabulary, shareNumbering: true });
  const { edits, applied } = compatibleEdits(fixes);
  const fixed = applyEdits(text, edits);
  const after = checkText(fixed, uri, catalogue, options);
  return {
    text: fixed,
    applied,
    remainingErrors: after.diagnostics.filter((d) => d.severity === 1).length,
    diff: (name) => createTwoFilesPatch(name, name, text, fixed, 'before', 'after fixes'),
  };
}
