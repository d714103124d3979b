/**
 * The size limit on a bill. A file over it is not parsed: the check reports it as too large with one
 * diagnostic at the start of the document (naming its size, the limit and how to raise it), so that a
 * stray multi-gigabyte file never stalls the editor or the CLI. Pure: callers pass the text (or, in
 * the CLI, the size on disk before reading it).
 */
import { LineIndex, parseBill } from '../parse/index.js';
import type { Diagnostic } from '../report/diagnostics.js';
import type { CheckResult } from './check.js';

export const DEFAULT_MAX_SIZE_MB = 20;
export const MB = 1024 * 1024;
export const TOO_LARGE_CODE = 'file/too-large';

export interface SizeLimitOptions {
  /** Largest bill checked, in MB (1 MB = 1,048,576 bytes of UTF-8); default 20. Infinity: no limit. */
  maxSizeMB?: number;
  /** How a user raises the limit, for the message (default: the editor setting and the CLI flag). */
  maxSizeHint?: string;
}

export interface TooLarge {
  /** Size in bytes (UTF-8). */
  size: number;
  /** The limit in bytes. */
  limit: number;
}

export function limitBytes(options: SizeLimitOptions): number {
  const mb = options.maxSizeMB;
  return mb !== undefined && mb > 0 ? mb * MB : DEFAULT_MAX_SIZE_MB * MB;
}

/** UTF-8 length of `text` (what the file takes on disk), without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 2 code units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** The limit exceeded by a text, or undefined when it may be checked. Cheap for the common case. */
export function exceedsLimit(text: string, options: SizeLimitOptions): TooLarge | undefined {
  const limit = limitBytes(options);
  // A UTF-8 file has at least as many bytes as its text has UTF-16 code units, and at most three times as many.
  if (text.length * 3 <= limit) return undefined;
  const size = utf8Length(text);
  return size > limit ? { size, limit } : undefined;
}

function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Math.round(bytes)} bytes`;
}

export function tooLargeDiagnostic(tooLarge: TooLarge, hint = 'the "concordance.maxFileSizeMB" setting (CLI: --max-size MB)'): Diagnostic {
  const at = { line: 0, character: 0 };
  return {
    range: { start: at, end: at },
    severity: 1,
    code: TOO_LARGE_CODE,
    source: 'concordance',
    message: `This file is too large to check: ${formatSize(tooLarge.size)} (${tooLarge.size} bytes), over the limit of ${formatSize(tooLarge.limit)}. It is not read as a bill; raise the limit with ${hint} to check it.`,
    data: { kind: 'problem' },
  };
}

/**
 * What a check of a too-large file returns: the bill is not parsed (an empty bill over the same
 * text, so that every span stays inside it), no findings, and the one diagnostic.
 */
export function tooLargeResult(text: string, uri: string, tooLarge: TooLarge, hint?: string): CheckResult {
  const bill = parseBill('', uri);
  bill.text = text;
  bill.plain = ' '.repeat(text.length);
  bill.root.span = { start: 0, end: text.length };
  const analysis = { instruments: [], vocabulary: {}, findings: [], problems: [] };
  return { bill, lines: new LineIndex(text), analysis, diagnostics: [tooLargeDiagnostic(tooLarge, hint)], drafting: [], tooLarge };
}
