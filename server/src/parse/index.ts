/**
 * parseBill: Markdown text → the legislative structure of a bill (see types.ts). Pure function over
 * text; never throws. The text is read piece by piece (chunks.ts: Markdown → plain text and block
 * events), the structure assembled from the events, then linear passes over units and `plain`.
 */
import type { Bill, BillSettings, CrossReference, Definition, ParseProblem, Provision, Span } from './types.js';
import { readFrontMatter } from './frontmatter.js';
import { blank, parseMarkdown } from './markdown.js';
import { buildStructure } from './structure.js';
import { findDefinitions, findVerbHints } from './definitions.js';
import { findReferences, matchReferences, relocateReference, resolveReferences, type CrossReferenceReuse } from './references.js';
import { compareTrees, shiftSince } from './reuse.js';
import { findAnnotations } from './annotations.js';
import { TreeBuilder } from './tree.js';
import { relocateFound } from './scans.js';
import { DocumentCache, type Chunk } from './chunks.js';
import type { Block } from './blocks.js';

export { DocumentCache } from './chunks.js';

export { LineIndex } from './positions.js';
export { KNOWN_INSTRUMENTS } from './frontmatter.js';
export { ROOT_ID } from './tree.js';
export type * from './types.js';

export interface ParseOptions {
  /** Pieces of this document's previous parse, to re-parse only the divisions an edit touched. */
  documentCache?: DocumentCache;
}

export function parseBill(text: string, uri = 'untitled:bill.md', options: ParseOptions = {}): Bill {
  const source = typeof text === 'string' ? text : String(text ?? '');
  try {
    return parse(source, uri, options);
  } catch (error) {
    return fallbackBill(source, uri, error);
  }
}

function parse(text: string, uri: string, options: ParseOptions): Bill {
  const problems: ParseProblem[] = [];
  const fm = readFrontMatter(text);
  problems.push(...fm.problems);
  const fmEnd = fm.frontMatter?.span.end ?? 0;
  const cache = options.documentCache ?? new DocumentCache();
  const sanitized = cache.sanitize(text, fmEnd);
  if (sanitized.cappedLines > 0) {
    const at = Math.max(0, sanitized.firstCappedOffset);
    problems.push({
      code: 'structure/too-deep',
      message: `Lists or block quotes are nested too deeply on ${sanitized.cappedLines} line(s); markers beyond the limit are read as text.`,
      severity: 'warning',
      span: { start: at, end: at },
    });
  }
  let read: { plain: string; blocks: Block[] };
  try {
    read = cache.read(text, sanitized.source, parseMarkdown);
  } catch (error) {
    problems.push(internalProblem(error, 'Markdown'));
    read = { plain: blank(text), blocks: [] };
  }
  const { plain } = read;
  // The pieces the text was just read in (not those of an earlier text, if reading failed).
  const pieces = options.documentCache && cache.source === sanitized.source ? cache.pieces : undefined;
  const structure = buildStructure(text.length, plain, read.blocks, problems);
  const { builder } = structure;
  const title = structure.title ?? fm.title;
  if (structure.title !== undefined && structure.titleSpan) {
    builder.root.heading = structure.title;
    builder.root.label = structure.title;
    builder.root.headSpan = structure.titleSpan;
  } else if (title !== undefined) {
    builder.root.heading = title;
    builder.root.label = title;
  }
  const definitions = guard(
    () => findDefinitions(text, plain, structure.units, structure.unitProvisions, builder, pieces ? cache.textScans.findAll('verb hints', text, pieces, findVerbHints, relocateFound) : undefined),
    [] as Definition[],
    problems,
    'definitions',
  );
  // In the language server the words matched are kept per piece: only the touched piece is searched again.
  if (options.documentCache) recordTree(cache, text, builder.provisions);
  const references = guard(() => (pieces ? referencesThroughCache(text, plain, builder, cache, pieces) : findReferences(plain, builder)), [], problems, 'references');
  const annotations = guard(() => findAnnotations(text, plain, structure.html, builder, problems), [], problems, 'annotations');
  reportUnnumbered(builder, problems);
  const bill: Bill = {
    uri,
    text,
    plain,
    ...(title !== undefined ? { title } : {}),
    settings: fm.settings,
    ...(fm.frontMatter ? { frontMatterSpan: fm.frontMatter.span } : {}),
    root: builder.root,
    provisions: builder.provisions,
    byId: builder.byId,
    definitions,
    references,
    annotations,
    problems: clampProblems(problems, text.length),
  };
  if (pieces) bill.pieces = pieces;
  return bill;
}

/** The tree just read against the last check's, once per check, for every layer that moves what it kept. */
function recordTree(cache: DocumentCache, text: string, provisions: readonly Provision[]): void {
  const last = cache.lastTree;
  const shift = last && shiftSince(cache.lastEdit(), last.text, text);
  cache.treeChange = last && shift ? compareTrees(last.provisions, provisions, shift) : undefined;
  cache.lastTree = { text, provisions };
}

/**
 * The references of a document checked through its cache: the words matched piece by piece, and
 * the last check's references moved where the keystroke left the tree and the match alone.
 */
function referencesThroughCache(text: string, plain: string, builder: TreeBuilder, cache: DocumentCache, pieces: Chunk[]): CrossReference[] {
  const matches = cache.scans.findAll('references', plain, pieces, matchReferences, relocateReference);
  const last = cache.lastReferences;
  const tree = cache.treeChange;
  // The references kept must be those of the text the tree was compared with.
  const kept: CrossReferenceReuse | undefined = last && tree?.extents && tree.after === builder.provisions && cache.lastEdit()?.before === last.text ? { last: last.resolved, shift: tree.shift } : undefined;
  const resolved = resolveReferences(plain, builder, matches, kept);
  cache.lastReferences = { text, resolved };
  return resolved.references;
}

/** Keyword headings without a number ("## Section", "## Article — Offences") cannot be cited. */
function reportUnnumbered(builder: TreeBuilder, problems: ParseProblem[]): void {
  for (const p of builder.provisions) {
    if (p.kind === 'heading' && p.heading && /^(?:part|chapter|division|article|art\.|section|sec\.|§)(?=$|[\s.:—–-])/i.test(p.heading)) {
      problems.push({
        code: 'structure/unnumbered',
        message: `The heading "${p.heading.slice(0, 60)}" names a ${p.heading.split(/[\s.:—–-]/)[0]?.toLowerCase()} but has no number; it is read as an unnumbered heading and cannot be cited.`,
        severity: 'warning',
        span: p.headSpan,
      });
    }
  }
}

function guard<T>(fn: () => T, fallback: T, problems: ParseProblem[], stage: string): T {
  try {
    return fn();
  } catch (error) {
    problems.push(internalProblem(error, stage));
    return fallback;
  }
}

function internalProblem(error: unknown, stage: string): ParseProblem {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'parse/internal-error', message: `Internal error while reading ${stage}: ${message.slice(0, 200)}`, severity: 'error', span: { start: 0, end: 0 } };
}

function clampProblems(problems: ParseProblem[], n: number): ParseProblem[] {
  for (const p of problems) {
    const start = Math.max(0, Math.min(n, Number.isFinite(p.span.start) ? p.span.start : 0));
    const end = Math.max(start, Math.min(n, Number.isFinite(p.span.end) ? p.span.end : start));
    p.span = { start, end };
  }
  return problems;
}

function fallbackBill(text: string, uri: string, error: unknown): Bill {
  const problems: ParseProblem[] = [internalProblem(error, 'the bill')];
  const builder = new TreeBuilder(text.length, problems);
  let plain: string;
  try {
    plain = blank(text);
  } catch {
    plain = text;
  }
  const settings: BillSettings = { reservations: [], declared: false };
  const root: Provision = builder.root;
  const span: Span = { start: 0, end: text.length };
  root.span = span;
  return {
    uri,
    text,
    plain,
    settings,
    root,
    provisions: builder.provisions,
    byId: builder.byId,
    definitions: [],
    references: [],
    annotations: [],
    problems,
  };
}
