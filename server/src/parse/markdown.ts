/**
 * The single Markdown parse: remark-parse plus the two GFM constructs legislation needs (tables and
 * strikethrough). GFM autolink literals and footnotes are left out on purpose: they cost ~40% of
 * the parse time on large statutes and carry no legal structure. Front matter is handled by
 * frontmatter.ts (blanked before parsing) so that offsets stay exact with a BOM or an unclosed fence.
 */
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import type { Processor } from 'unified';

/** Container markers (">", "-", "1.") allowed at the start of one line before the rest is neutralised. */
export const MAX_CONTAINER_MARKERS = 24;
/**
 * Column (tabs to 4) from which a container marker is neutralised. Nesting by indentation ("- x" with
 * two more spaces per line) is as costly to micromark as markers on one line: a 1,000-deep list took
 * over a minute. Real bills nest far less deep (a level of 4 columns at depth 8 is column 32).
 */
export const MAX_CONTAINER_COLUMN = 64;
/** Longest run of emphasis/bracket/backtick characters handed to micromark unchanged. */
const MAX_DELIMITER_RUN = 64;

const TABLE_DELIMITER_ROW = /^[ \t]{0,3}(?=[^\r\n]*\|)[ \t|:-]*-[ \t|:-]*$/m;

type MarkdownParser = { parse(text: string): Root };
const processors = new Map<string, MarkdownParser>();

/**
 * The GFM table construct is tried at the start of every paragraph line (~25% of the parse on a
 * statute with no tables), so each extension is only enabled when the text can contain its syntax.
 */
function getProcessor(source: string): MarkdownParser {
  const table = TABLE_DELIMITER_ROW.test(source);
  const strike = source.includes('~~');
  const key = `${table ? 't' : ''}${strike ? 's' : ''}`;
  let processor = processors.get(key);
  if (!processor) {
    function legislationGfm(this: Processor): void {
      const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
      if (table) {
        (data.micromarkExtensions ??= []).push(gfmTable());
        (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
      }
      if (strike) {
        (data.micromarkExtensions ??= []).push(gfmStrikethrough({ singleTilde: false }));
        (data.fromMarkdownExtensions ??= []).push(gfmStrikethroughFromMarkdown());
      }
    }
    processor = unified().use(remarkParse).use(legislationGfm).freeze() as unknown as MarkdownParser;
    processors.set(key, processor);
  }
  return processor;
}

export interface SanitizeResult {
  /** Text handed to micromark: same length as the input, offsets unchanged. */
  source: string;
  /** Number of lines whose container nesting was capped. */
  cappedLines: number;
  firstCappedOffset: number;
}

/**
 * Deep container nesting: many markers on one line, or a marker indented far. Only the prefixes of
 * lines are touched, and a prefix with more than 24 markers or reaching column 64 starts with at
 * least 16 indentation/marker characters: one test for both.
 */
const DEEP_PREFIX = /^[ \t>*+\-.)0-9]{16}/m;
const LONG_RUN = /([*_`~[\]])\1{64}/;

/**
 * Whether whole lines of a text (`lines` starts at a line start and ends at a line end) hold anything
 * sanitizeForMarkdown neutralises: neither test reads past a line, so after an edit only the edited
 * lines need testing (chunks.ts DocumentCache).
 */
export function linesNeedSanitizing(lines: string): boolean {
  return DEEP_PREFIX.test(lines) || LONG_RUN.test(lines);
}

/**
 * Make the text safe for micromark without moving any offset: blank [start, end) (front matter),
 * replace a BOM by a space (micromark drops it and would shift every position by one), and neutralise
 * pathological nesting (micromark is super-linear in container depth) and huge delimiter runs.
 */
export function sanitizeForMarkdown(text: string, blankUntil: number): SanitizeResult {
  let source = text;
  if (blankUntil > 0) {
    source = blank(text.slice(0, blankUntil)) + text.slice(blankUntil);
  } else if (text.charCodeAt(0) === 0xfeff) {
    source = ' ' + text.slice(1);
  }
  let cappedLines = 0;
  let firstCappedOffset = -1;
  if (DEEP_PREFIX.test(source)) {
    source = source.replace(/^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))+/gm, (prefix: string, offset: number) => {
      const out = neutraliseAfter(prefix, MAX_CONTAINER_MARKERS, MAX_CONTAINER_COLUMN);
      if (out !== prefix) {
        cappedLines += 1;
        if (firstCappedOffset < 0) firstCappedOffset = offset;
      }
      return out;
    });
  }
  if (LONG_RUN.test(source)) {
    source = source.replace(/([*_`~[\]])\1{64,}/g, (run: string) => run.slice(0, MAX_DELIMITER_RUN) + 'x'.repeat(run.length - MAX_DELIMITER_RUN));
  }
  return { source, cappedLines, firstCappedOffset };
}

/**
 * Keep the first `keep` container markers of a line prefix that start before column `maxColumn`;
 * turn the others into plain letters (same length).
 */
function neutraliseAfter(prefix: string, keep: number, maxColumn: number): string {
  const marker = /(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/y;
  let count = 0;
  let column = 0;
  let out = '';
  let i = 0;
  while (i < prefix.length) {
    marker.lastIndex = i;
    const m = marker.exec(prefix);
    if (m) {
      count += 1;
      out += count <= keep && column < maxColumn ? m[0] : 'x'.repeat(m[0].length);
      column += m[0].length;
      i += m[0].length;
    } else {
      column = prefix[i] === '\t' ? column + 4 - (column % 4) : column + 1;
      out += prefix[i];
      i += 1;
    }
  }
  return out;
}

/** Replace every character except line breaks by a space (same length). */
export function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

/** One micromark parse of `source` (parse/chunks.ts cuts a bill into pieces and parses those). */
export function parseMarkdown(source: string): Root {
  return getProcessor(source).parse(source);
}

/** Moves the positions of `nodes` and their descendants by `offset` characters and `lines` lines, in place. */
export function shiftPositions(nodes: readonly Nodes[], offset: number, lines: number): void {
  if (offset === 0 && lines === 0) return;
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const p = node.position;
    if (p) {
      if (p.start.offset !== undefined) p.start.offset += offset;
      if (p.end.offset !== undefined) p.end.offset += offset;
      p.start.line += lines;
      p.end.line += lines;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}
