/**
 * One checked version of one document: the core's CheckResult plus what the editor features need
 * around it (a snapshot to map positions, the LSP diagnostics, the quick-fixes drafted on demand).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import type { Catalogue } from '../catalogue/load.js';
import { draftFixes, type Fix } from '../draft/fixes.js';
import type { Span } from '../parse/types.js';
import { checkText, type CheckOptions, type CheckResult } from '../service/check.js';

export interface Checked {
  uri: string;
  version: number;
  /** Settings/catalogue generation the check was made under (see Server.epoch). */
  epoch: number;
  /** Snapshot of the checked text (positions ↔ offsets). */
  snapshot: TextDocument;
  /** Undefined only when the core threw (reported as a diagnostic at the top of the file). */
  result?: CheckResult;
  catalogue: Catalogue;
  diagnostics: Diagnostic[];
  /** One quick-fix per finding, each drafted as if it were the only one applied. */
  fixes(): Fix[];
  /** The same fixes drafted as one set (distinct section numbers), for "Fix all". */
  fixesForAll(): Fix[];
  rangeOf(span: Span): Range;
  offsetAt(position: Position): number;
}

export function runCheck(uri: string, version: number, text: string, catalogue: Catalogue, options: CheckOptions, epoch: number, onError: (error: unknown) => void): Checked {
  const snapshot = TextDocument.create(uri, 'markdown', version, text);
  let result: CheckResult | undefined;
  let diagnostics: Diagnostic[];
  try {
    result = checkText(text, uri, catalogue, options);
    diagnostics = result.diagnostics;
  } catch (error) {
    onError(error);
    diagnostics = [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        code: 'internal/error',
        source: 'concordance',
        message: `Concordance could not check this file: ${(error as Error)?.message ?? String(error)}`,
      },
    ];
  }
  let fixes: Fix[] | undefined;
  let fixesForAll: Fix[] | undefined;
  const checked: Checked = {
    uri,
    version,
    epoch,
    snapshot,
    ...(result ? { result } : {}),
    catalogue,
    diagnostics,
    fixes() {
      if (!fixes) {
        try {
          fixes = result ? draftFixes(result.bill, catalogue, result.analysis, result.analysis.vocabulary) : [];
        } catch (error) {
          onError(error);
          fixes = [];
        }
      }
      return fixes;
    },
    fixesForAll() {
      if (!fixesForAll) {
        try {
          fixesForAll = result ? draftFixes(result.bill, catalogue, result.analysis, { ...result.analysis.vocabulary, shareNumbering: true }) : [];
        } catch (error) {
          onError(error);
          fixesForAll = [];
        }
      }
      return fixesForAll;
    },
    rangeOf(span) {
      if (result) return result.lines.rangeOf(span);
      return { start: snapshot.positionAt(span.start), end: snapshot.positionAt(span.end) };
    },
    offsetAt(position) {
      return snapshot.offsetAt(position);
    },
  };
  return checked;
}

/** "Budapest Convention" → "Budapest", "Directive 2011/93/EU" → "Dir 2011/93/EU", "ICMEC Model Legislation" → "ICMEC". */
export function shortInstrument(name: string): string {
  return name.replace(/ Convention$/, '').replace(/ Model Legislation$/, '').replace(/^Directive /, 'Dir ');
}
