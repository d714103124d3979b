/**
 * "Record reservation": for a finding the bill does not meet, the reservations the catalogue says an
 * instrument permits on that element's obligations (instruments/*.yaml `reservations[].covers`), and
 * the edit that declares one in the front matter — the entry the front matter parser reads
 * (`{ instrument: budapest, article: "9(1)(e)" }` under `concordance.reservations`), so that the
 * engine then reports the element as reserved for that instrument (analysis/status.ts).
 *
 * The edit is one insertion into the YAML (or a new front matter block, or a `concordance:` key,
 * where there is none); every other character of the bill stays as it was, comments included. An
 * insertion the parser would not read back exactly as intended is not offered.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { within } from '../analysis/status.js';
import type { ElementFinding } from '../analysis/types.js';
import type { Catalogue } from '../catalogue/load.js';
import { findFrontMatter, readFrontMatter } from '../parse/frontmatter.js';
import type { Bill } from '../parse/types.js';
import type { TextEdit } from './fixes.js';

export interface ReservationFix {
  elementId: string;
  instrument: string;
  /** The articles that permit the reservation ("9(4)"). */
  permittedBy: string[];
  /** The obligations reserved, as written into the front matter ("9(1)(e)"). */
  articles: string[];
  edits: TextEdit[];
}

/** One quick-fix per instrument whose obligation on this element is unmet and may be reserved. */
export function reservationFixes(bill: Bill, catalogue: Catalogue, finding: ElementFinding): ReservationFix[] {
  const element = catalogue.elementsById.get(finding.elementId);
  if (!element || finding.annotation) return [];
  const out: ReservationFix[] = [];
  for (const obligation of element.obligations) {
    const status = finding.perInstrument[obligation.instrument];
    if (status !== 'missing' && status !== 'partial') continue;
    const instrument = catalogue.instruments.get(obligation.instrument);
    if (!instrument) continue;
    const permittedBy: string[] = [];
    const articles: string[] = [];
    for (const article of obligation.articles) {
      const rule = instrument.reservations.find((r) => r.covers.some((covered) => within(article, covered)));
      if (!rule) continue;
      if (bill.settings.reservations.some((r) => r.instrument === instrument.id && r.article === article)) continue;
      articles.push(article);
      if (!permittedBy.includes(rule.article)) permittedBy.push(rule.article);
    }
    if (articles.length === 0) continue;
    const edit = declareReservations(bill.text, articles.map((article) => ({ instrument: instrument.id, article })));
    if (edit) out.push({ elementId: element.id, instrument: instrument.id, permittedBy, articles, edits: [edit] });
  }
  return out;
}

interface Entry {
  instrument: string;
  article: string;
}

const flowEntry = (e: Entry): string => `{ instrument: ${e.instrument}, article: "${e.article}" }`;

/**
 * The insertion that adds `entries` to `concordance.reservations` in the front matter, or
 * undefined when the front matter cannot take it safely (invalid YAML, an unusual shape).
 */
export function declareReservations(text: string, entries: readonly Entry[]): TextEdit | undefined {
  const edit = insertion(text, entries);
  return edit && readsBack(text, edit, entries) ? edit : undefined;
}

function insertion(text: string, entries: readonly Entry[]): TextEdit | undefined {
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const items = entries.map(flowEntry);
  const problems: Parameters<typeof findFrontMatter>[1] = [];
  const frontMatter = findFrontMatter(text, problems);
  if (!frontMatter) {
    if (problems.length > 0) return undefined;
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const block = ['---', 'concordance:', '  reservations:', ...items.map((i) => `    - ${i}`), '---'];
    return { span: { start: at, end: at }, newText: block.map((line) => line + eol).join('') };
  }
  const base = frontMatter.contentSpan.start;
  const yaml = text.slice(base, frontMatter.contentSpan.end);
  const doc = parseDocument(yaml, { uniqueKeys: true, strict: false });
  if (doc.errors.length > 0) return undefined;
  const lines = new Lines(text, base, eol);
  const contents = doc.contents as unknown;
  if (contents == null) return lines.insertAt(frontMatter.contentSpan.end, 0, ['concordance:', '  reservations:', ...items.map((i) => `    - ${i}`)]);
  if (!isMap(contents) || contents.flow) return undefined;
  const concordance = pairOf(contents.items, 'concordance');
  if (!concordance) {
    const indent = lines.column(contents.range![0]);
    return lines.insertAt(base + contents.range![1], indent, ['concordance:', '  reservations:', ...items.map((i) => `    - ${i}`)]);
  }
  const keyIndent = lines.column((concordance.key as YamlNode).range![0]);
  const settings = concordance.value as unknown;
  if (isEmpty(settings)) return lines.fillEmpty(settings, keyIndent, ['  reservations:', ...items.map((i) => `    - ${i}`)], `{ reservations: [${items.join(', ')}] }`);
  if (!isMap(settings)) return undefined;
  const reservations = pairOf(settings.items, 'reservations');
  if (!reservations) {
    if (settings.flow) return lines.intoFlow(settings, `reservations: [${items.join(', ')}]`);
    const indent = lines.column(settings.range![0]);
    return lines.insertAt(base + settings.range![1], indent, ['reservations:', ...items.map((i) => `  - ${i}`)]);
  }
  const list = reservations.value as unknown;
  const listIndent = lines.column((reservations.key as YamlNode).range![0]);
  if (isEmpty(list)) return lines.fillEmpty(list, listIndent, items.map((i) => `  - ${i}`), `[${items.join(', ')}]`);
  if (!isSeq(list)) return undefined;
  if (list.flow) return lines.intoFlow(list, items.join(', '));
  return lines.insertAt(base + list.range![1], lines.column(list.range![0]), items.map((i) => `- ${i}`));
}

function pairOf(items: readonly Pair[], key: string): Pair | undefined {
  return items.find((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)) === key);
}

function isEmpty(node: unknown): boolean {
  return node == null || (isScalar(node) && node.value == null);
}

/** Line arithmetic on the bill text, for YAML node offsets relative to the front matter content. */
class Lines {
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly eol: string,
  ) {}

  /** Column of a YAML offset. */
  column(offset: number): number {
    const at = this.base + offset;
    let start = at;
    while (start > 0 && this.text.charCodeAt(start - 1) !== 10 && this.text.charCodeAt(start - 1) !== 13) start--;
    return at - start;
  }

  /** New lines, indented, at the line that starts at `at` (or after the line `at` is on). */
  insertAt(at: number, indent: number, lines: readonly string[]): TextEdit {
    const pad = ' '.repeat(indent);
    const lineStart = at === 0 || this.text.charCodeAt(at - 1) === 10 || this.text.charCodeAt(at - 1) === 13;
    if (lineStart) return { span: { start: at, end: at }, newText: lines.map((line) => pad + line + this.eol).join('') };
    let end = at;
    while (end < this.text.length && this.text.charCodeAt(end) !== 10 && this.text.charCodeAt(end) !== 13) end++;
    return { span: { start: end, end }, newText: lines.map((line) => this.eol + pad + line).join('') };
  }

  /** A key with no value (`concordance:`) gets block lines under it; an explicit null (`~`) is replaced in flow style. */
  fillEmpty(node: unknown, keyIndent: number, lines: readonly string[], flow: string): TextEdit | undefined {
    const range = (node as YamlNode | undefined)?.range;
    if (range && range[1] > range[0]) return { span: { start: this.base + range[0], end: this.base + range[1] }, newText: flow };
    if (!range) return undefined;
    // The value's (empty) range sits at the end of the key's line (a comment may follow): the new lines go below it.
    return this.insertAt(this.base + range[0], keyIndent, lines);
  }

  /** Adds `item` to a flow collection (`[a]` → `[a, item]`, `{}` → `{ item }`). */
  intoFlow(node: { items: readonly unknown[]; range?: [number, number, number] | null }, item: string): TextEdit | undefined {
    const range = node.range;
    if (!range) return undefined;
    const source = this.text.slice(this.base + range[0], this.base + range[1]);
    const close = source.lastIndexOf(source.startsWith('[') ? ']' : '}');
    if (close < 0) return undefined;
    const last = node.items.at(-1);
    const lastEnd = last === undefined ? undefined : isPair(last) ? ((last.value as YamlNode | null)?.range ?? (last.key as YamlNode | null)?.range)?.[1] : (last as YamlNode).range?.[1];
    if (last && lastEnd === undefined) return undefined;
    const at = this.base + (lastEnd ?? range[0] + 1);
    const newText = last ? `, ${item}` : source.startsWith('{') ? ` ${item} ` : item;
    return { span: { start: at, end: at }, newText };
  }
}

/** The edited bill's front matter declares exactly the new reservations on top of the old settings. */
function readsBack(text: string, edit: TextEdit, entries: readonly Entry[]): boolean {
  const before = readFrontMatter(text);
  const after = readFrontMatter(text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end));
  const key = (r: Entry): string => `${r.instrument} ${r.article}`;
  const expected = [...before.settings.reservations.map(key), ...entries.map(key)].sort();
  return (
    after.settings.declared &&
    after.problems.length === before.problems.length &&
    after.settings.jurisdiction === before.settings.jurisdiction &&
    JSON.stringify(after.settings.instruments) === JSON.stringify(before.settings.instruments) &&
    JSON.stringify(after.settings.reservations.map(key).sort()) === JSON.stringify(expected) &&
    after.title === before.title
  );
}
