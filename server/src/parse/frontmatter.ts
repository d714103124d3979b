/**
 * YAML front matter: `---` fenced at the very start (a BOM is tolerated). Settings live under the
 * `concordance:` key; every bad value becomes a located problem while the good ones are kept.
 */
import { z } from 'zod';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { BillSettings, DeclaredReservation, ParseProblem, Span } from './types.js';

/** Instrument ids a bill may name in `concordance.instruments`. */
export const KNOWN_INSTRUMENTS = ['opsc', 'budapest', 'lanzarote', 'eu-2011-93', 'icmec', 'crc'] as const;

const InstrumentSchema = z.enum(KNOWN_INSTRUMENTS);
const ArticleSchema = z.string().regex(/^[0-9]+[a-z]?(\([0-9a-z]+\))*$/i);
const JurisdictionSchema = z.string().trim().min(1);
const ReservationObjectSchema = z.object({ instrument: InstrumentSchema, article: ArticleSchema }).strict();
const SHORT_RESERVATION = /^\s*([a-z0-9][a-z0-9-]*)\s+(?:art(?:icle)?\.?\s*)?([0-9]+[a-z]?(?:\([0-9a-z]+\))*)\s*$/i;
const SETTING_KEYS = new Set(['jurisdiction', 'instruments', 'reservations']);

export interface FrontMatter {
  /** Whole block including both fences. */
  span: Span;
  /** The YAML between the fences. */
  contentSpan: Span;
}

export interface FrontMatterResult {
  frontMatter?: FrontMatter;
  settings: BillSettings;
  title?: string;
  problems: ParseProblem[];
}

/** Find the front matter block; reports an unclosed fence (the block is then not front matter). */
export function findFrontMatter(text: string, problems: ParseProblem[]): FrontMatter | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /---[ \t]*(\r\n|\n|\r)/y;
  open.lastIndex = start;
  const m = open.exec(text);
  if (!m) return undefined;
  const contentStart = start + m[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*$/gm;
  close.lastIndex = contentStart;
  let c: RegExpExecArray | null;
  while ((c = close.exec(text)) !== null) {
    const at = c.index;
    // `^` with the m flag also matches after a lone CR only in some engines: check explicitly.
    const prev = text.charCodeAt(at - 1);
    if (at === contentStart || prev === 10 || prev === 13) {
      let end = at + c[0].length;
      const contentEnd = at;
      if (text.charCodeAt(end) === 13) end += 1;
      if (text.charCodeAt(end) === 10) end += 1;
      return { span: { start: 0, end }, contentSpan: { start: contentStart, end: contentEnd } };
    }
    close.lastIndex = at + 1;
  }
  // Lone-CR files: the m-flag `^` does not treat "\r" as a line start; scan line by line.
  if (text.indexOf('\n', contentStart) === -1 && text.indexOf('\r', contentStart) !== -1) {
    let pos = contentStart;
    while (pos < text.length) {
      const nl = text.indexOf('\r', pos);
      const lineEnd = nl === -1 ? text.length : nl;
      if (/^(?:---|\.\.\.)[ \t]*$/.test(text.slice(pos, lineEnd))) {
        return { span: { start: 0, end: nl === -1 ? lineEnd : lineEnd + 1 }, contentSpan: { start: contentStart, end: pos } };
      }
      if (nl === -1) break;
      pos = nl + 1;
    }
  }
  problems.push({
    code: 'frontmatter/unclosed',
    message: 'Front matter opened with "---" is never closed by a "---" line; it is read as ordinary Markdown.',
    severity: 'error',
    span: { start, end: start + 3 },
  });
  return undefined;
}

/**
 * Front matter read before, by its whole block (fences and BOM included): what is read depends on
 * nothing else. The block is the same on every keystroke in the body of a bill, and across a folder
 * of bills made from one template; YAML parsing it again each time was 2–4% of a check.
 */
const readBefore = new Map<string, FrontMatterResult>();
const MAX_REMEMBERED = 64;
/** Longer blocks are read each time (64 remembered blocks of this size stay under 10 MB). */
const MAX_REMEMBERED_CHARS = 64 * 1024;

export function readFrontMatter(text: string): FrontMatterResult {
  const problems: ParseProblem[] = [];
  const frontMatter = findFrontMatter(text, problems);
  if (!frontMatter) return { settings: { reservations: [], declared: false }, problems };
  if (frontMatter.span.end > MAX_REMEMBERED_CHARS) return readBlock(text, frontMatter, problems);
  const block = text.slice(0, frontMatter.span.end);
  let result = readBefore.get(block);
  if (!result) {
    result = readBlock(text, frontMatter, problems);
    if (readBefore.size >= MAX_REMEMBERED) readBefore.clear();
    readBefore.set(block, result);
  }
  return copyOf(result);
}

/** A copy the caller may keep or change without changing what is remembered. */
function copyOf(r: FrontMatterResult): FrontMatterResult {
  const { settings } = r;
  const { frontMatter } = r;
  return {
    ...r,
    ...(frontMatter ? { frontMatter: { span: { ...frontMatter.span }, contentSpan: { ...frontMatter.contentSpan } } } : {}),
    settings: { ...settings, reservations: settings.reservations.map((x) => ({ ...x, span: { ...x.span } })), ...(settings.instruments ? { instruments: [...settings.instruments] } : {}) },
    problems: r.problems.map((p) => ({ ...p, span: { ...p.span } })),
  };
}

function readBlock(text: string, frontMatter: FrontMatter, problems: ParseProblem[]): FrontMatterResult {
  const settings: BillSettings = { reservations: [], declared: false };
  const base = frontMatter.contentSpan.start;
  const yamlText = text.slice(base, frontMatter.contentSpan.end);
  const at = (node: unknown, fallback: Span = frontMatter.span): Span => rangeOf(node, base, fallback, text.length);
  let title: string | undefined;
  let doc;
  try {
    doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false, strict: false });
  } catch (e) {
    problems.push({ code: 'frontmatter/invalid-yaml', message: `Front matter is not valid YAML: ${String(e)}`, severity: 'error', span: frontMatter.span });
    return { frontMatter, settings, problems };
  }
  for (const err of doc.errors) {
    const [s, e] = err.pos ?? [0, 0];
    const start = Math.min(base + s, frontMatter.contentSpan.end);
    const end = Math.min(Math.max(base + e, start), frontMatter.contentSpan.end);
    problems.push({
      code: 'frontmatter/invalid-yaml',
      message: `Front matter is not valid YAML: ${firstLine(err.message)}`,
      severity: 'error',
      span: { start, end: end > start ? end : Math.min(start + 1, frontMatter.contentSpan.end) },
    });
  }
  const contents = doc.contents as unknown;
  if (contents == null) return { frontMatter, settings, problems };
  if (!isMap(contents)) {
    if (doc.errors.length === 0) {
      problems.push({ code: 'frontmatter/invalid-setting', message: 'Front matter must be a YAML mapping (key: value lines).', severity: 'error', span: at(contents) });
    }
    return { frontMatter, settings, problems };
  }
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key === 'title') {
      if (isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value.trim()) title = pair.value.value.trim();
      else invalid(problems, 'title', 'a non-empty string', at(pair.value, at(pair.key)));
    }
    if (key !== 'concordance') continue;
    settings.declared = true;
    const value = pair.value as unknown;
    if (value == null || (isScalar(value) && value.value == null)) continue;
    if (!isMap(value)) {
      invalid(problems, 'concordance', 'a mapping with jurisdiction, instruments and reservations', at(value, at(pair.key)));
      continue;
    }
    for (const item of value.items) {
      const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const keySpan = at(item.key);
      const node = item.value as unknown;
      if (!SETTING_KEYS.has(name)) {
        problems.push({
          code: 'frontmatter/unknown-setting',
          message: `Unknown setting "concordance.${name}"; expected one of jurisdiction, instruments, reservations.`,
          severity: 'warning',
          span: keySpan,
        });
        continue;
      }
      if (name === 'jurisdiction') {
        const v = isScalar(node) ? node.value : undefined;
        const parsed = JurisdictionSchema.safeParse(typeof v === 'number' ? String(v) : v);
        if (parsed.success) settings.jurisdiction = parsed.data;
        else invalid(problems, 'concordance.jurisdiction', 'a non-empty string naming the jurisdiction', at(node, keySpan));
      } else if (name === 'instruments') {
        readInstruments(node, keySpan, settings, problems, at);
      } else {
        readReservations(node, keySpan, settings, problems, at);
      }
    }
  }
  return { frontMatter, settings, problems, ...(title !== undefined ? { title } : {}) };
}

function readInstruments(node: unknown, keySpan: Span, settings: BillSettings, problems: ParseProblem[], at: (n: unknown, f?: Span) => Span): void {
  const items: unknown[] = isSeq(node) ? node.items : isScalar(node) && typeof node.value === 'string' ? [node] : [];
  if (!isSeq(node) && items.length === 0) {
    invalid(problems, 'concordance.instruments', `a list of instrument ids (${KNOWN_INSTRUMENTS.join(', ')})`, at(node, keySpan));
    return;
  }
  const ids: string[] = [];
  for (const item of items) {
    const v = isScalar(item) ? item.value : undefined;
    const parsed = InstrumentSchema.safeParse(typeof v === 'string' ? v.trim().toLowerCase() : v);
    if (parsed.success) {
      if (!ids.includes(parsed.data)) ids.push(parsed.data);
    } else {
      invalid(problems, 'concordance.instruments', `one of ${KNOWN_INSTRUMENTS.join(', ')}, not ${describe(v)}`, at(item, keySpan));
    }
  }
  settings.instruments = ids;
}

function readReservations(node: unknown, keySpan: Span, settings: BillSettings, problems: ParseProblem[], at: (n: unknown, f?: Span) => Span): void {
  if (node == null || (isScalar(node) && node.value == null)) return;
  if (!isSeq(node)) {
    invalid(problems, 'concordance.reservations', 'a list of { instrument, article } entries or strings like "budapest 9(1)(e)"', at(node, keySpan));
    return;
  }
  for (const item of node.items as unknown[]) {
    const span = at(item, keySpan);
    if (isScalar(item)) {
      const m = typeof item.value === 'string' ? SHORT_RESERVATION.exec(item.value) : null;
      const instrument = m ? InstrumentSchema.safeParse((m[1] ?? '').toLowerCase()) : undefined;
      if (m && instrument?.success) {
        settings.reservations.push({ instrument: instrument.data, article: m[2] ?? '', span });
      } else if (m) {
        invalid(problems, 'concordance.reservations', `a known instrument (${KNOWN_INSTRUMENTS.join(', ')}), not "${m[1]}"`, span);
      } else {
        invalid(problems, 'concordance.reservations', `an entry like "budapest 9(1)(e)" or { instrument: budapest, article: "9(1)(e)" }, not ${describe(item.value)}`, span);
      }
      continue;
    }
    if (!isMap(item)) {
      invalid(problems, 'concordance.reservations', 'an entry like "budapest 9(1)(e)" or { instrument: budapest, article: "9(1)(e)" }', span);
      continue;
    }
    const raw: Record<string, unknown> = {};
    const nodes: Record<string, unknown> = {};
    for (const pair of item.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const v = isScalar(pair.value) ? pair.value.value : pair.value;
      raw[k] = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v;
      if (k === 'instrument' && typeof raw[k] === 'string') raw[k] = (raw[k] as string).toLowerCase();
      nodes[k] = pair.value ?? pair.key;
    }
    const parsed = ReservationObjectSchema.safeParse(raw);
    if (parsed.success) {
      const r: DeclaredReservation = { instrument: parsed.data.instrument, article: parsed.data.article, span };
      settings.reservations.push(r);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const fieldName = typeof field === 'string' ? field : undefined;
      const where = fieldName && nodes[fieldName] ? at(nodes[fieldName], span) : span;
      let expected: string;
      if (fieldName === 'instrument') expected = `an instrument id (${KNOWN_INSTRUMENTS.join(', ')}), not ${describe(raw.instrument)}`;
      else if (fieldName === 'article') expected = `an article reference like "9(1)(e)", not ${describe(raw.article)}`;
      else if (issue.code === 'unrecognized_keys') expected = `only "instrument" and "article" keys (${issue.keys.join(', ')} not allowed)`;
      else expected = 'an { instrument, article } entry';
      invalid(problems, `concordance.reservations${fieldName ? '.' + fieldName : ''}`, expected, where);
    }
  }
}

function invalid(problems: ParseProblem[], key: string, expected: string, span: Span): void {
  problems.push({ code: 'frontmatter/invalid-setting', message: `Invalid value for "${key}": expected ${expected}.`, severity: 'error', span });
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return 'a ' + (isSeq(v) ? 'list' : isMap(v) ? 'mapping' : typeof v);
}

function rangeOf(node: unknown, base: number, fallback: Span, max: number): Span {
  const range = (node as YamlNode | undefined)?.range;
  if (!range) return fallback;
  const start = Math.min(base + range[0], max);
  const end = Math.min(Math.max(base + range[1], start), max);
  return { start, end };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i === -1 ? s : s.slice(0, i);
}
