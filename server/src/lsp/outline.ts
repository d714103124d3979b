/**
 * The bill's structure in the editor: document symbols (Parts, sections, definitions), folding
 * ranges for divisions, links for resolved cross-references, and the code lenses (what a section
 * implements; the bill's overall count on its title).
 */
import {
  SymbolKind,
  type CodeLens,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { ElementStatus } from '../analysis/types.js';
import type { Bill, Definition, Provision, ProvisionKind, Span } from '../parse/types.js';
import type { Checked } from './checked.js';
import { shortInstrument } from './checked.js';

export const SYMBOL_KIND: Partial<Record<ProvisionKind, SymbolKind>> = {
  title: SymbolKind.File,
  part: SymbolKind.Namespace,
  chapter: SymbolKind.Namespace,
  division: SymbolKind.Namespace,
  subpart: SymbolKind.Namespace,
  schedule: SymbolKind.Package,
  section: SymbolKind.Class,
  article: SymbolKind.Class,
  heading: SymbolKind.String,
};

export const SHOW_REPORT_COMMAND = 'concordance.showReport';

/** Order of instruments in lenses: the binding treaties as the README lists them, then the rest. */
const INSTRUMENT_ORDER = ['opsc', 'budapest', 'lanzarote', 'eu-2011-93', 'icmec'];

/** The bill's title line: a 'title' provision, or the document root's heading. */
export function titleSpan(bill: Bill): Span | undefined {
  const title = bill.provisions.find((p) => p.kind === 'title');
  if (title) return title.headSpan;
  return bill.root.headSpan.end > bill.root.headSpan.start ? bill.root.headSpan : undefined;
}

/** "Section 4 — Production of child sexual abuse material" */
export function symbolName(provision: Provision): string {
  const text = provision.heading ? `${provision.label} — ${provision.heading}` : provision.label;
  return text.replace(/\s+/g, ' ').trim() || provision.kind;
}

/** A defined term as a symbol's name. */
export function termName(definition: Definition): string {
  return definition.term.replace(/\s+/g, ' ').trim() || definition.normalizedTerm || 'definition';
}

/** The span without trailing blank lines, so folds and symbol ranges end on the last word. */
function trimmed(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1]!)) end--;
  return { start: span.start, end: Math.max(end, span.start) };
}

export function documentSymbols(checked: Checked): DocumentSymbol[] {
  const result = checked.result;
  if (!result) return [];
  const { bill } = result;
  const byProvision = new Map<string, DocumentSymbol>();
  const roots: DocumentSymbol[] = [];
  const parentSymbol = (provisionId: string | undefined): DocumentSymbol | undefined => {
    let id = provisionId;
    while (id) {
      const symbol = byProvision.get(id);
      if (symbol) return symbol;
      id = bill.byId.get(id)?.parentId;
    }
    return undefined;
  };
  for (const provision of bill.provisions) {
    const kind = provision.kind === 'document' ? (titleSpan(bill) && provision.headSpan.end > provision.headSpan.start ? SymbolKind.File : undefined) : SYMBOL_KIND[provision.kind];
    if (kind === undefined) continue;
    const span = trimmed(bill.text, provision.span);
    const head = trimmed(bill.text, provision.headSpan);
    const selection = head.start >= span.start && head.end <= span.end ? head : { start: span.start, end: span.start };
    const symbol: DocumentSymbol = {
      name: symbolName(provision),
      kind,
      range: checked.rangeOf(span),
      selectionRange: checked.rangeOf(selection),
      children: [],
      ...(provision.heading && provision.number ? { detail: provision.kind } : {}),
    };
    byProvision.set(provision.id, symbol);
    const parent = parentSymbol(provision.parentId);
    (parent ? parent.children! : roots).push(symbol);
  }
  for (const definition of bill.definitions) {
    const span = trimmed(bill.text, definition.span);
    const term = definition.termSpan.start >= span.start && definition.termSpan.end <= span.end ? definition.termSpan : { start: span.start, end: span.start };
    const symbol: DocumentSymbol = {
      name: termName(definition),
      detail: `definition (${definition.form})`,
      kind: SymbolKind.Key,
      range: checked.rangeOf(span),
      selectionRange: checked.rangeOf(term),
    };
    const parent = parentSymbol(definition.provisionId);
    if (parent) {
      // A child's range must lie within its parent's range.
      const within = parentContains(parent, symbol);
      (within ? parent.children! : roots).push(symbol);
    } else roots.push(symbol);
  }
  const sort = (list: DocumentSymbol[]): void => {
    list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const s of list) if (s.children) sort(s.children);
  };
  sort(roots);
  return roots;
}

function parentContains(parent: DocumentSymbol, child: DocumentSymbol): boolean {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(parent.range.start, child.range.start) && before(child.range.end, parent.range.end);
}

/** Flat symbols for clients without hierarchical support. */
export function flatSymbols(checked: Checked, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const symbol of symbols) {
    out.push({ name: symbol.name, kind: symbol.kind, location: { uri: checked.uri, range: symbol.range }, ...(container ? { containerName: container } : {}) });
    if (symbol.children) out.push(...flatSymbols(checked, symbol.children, symbol.name));
  }
  return out;
}

export function foldingRanges(checked: Checked): FoldingRange[] {
  const result = checked.result;
  if (!result) return [];
  const { bill } = result;
  const out: FoldingRange[] = [];
  const seen = new Set<string>();
  const add = (span: Span, kind?: string): void => {
    const range = checked.rangeOf(trimmed(bill.text, span));
    if (range.end.line <= range.start.line) return;
    const key = `${range.start.line}:${range.end.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ startLine: range.start.line, endLine: range.end.line, ...(kind ? { kind } : {}) });
  };
  if (bill.frontMatterSpan) add(bill.frontMatterSpan, 'comment');
  for (const provision of bill.provisions) {
    if (provision.kind === 'document') continue;
    if (provision.kind === 'subdivision' && provision.childIds.length === 0) continue;
    add(provision.span, 'region');
  }
  return out.sort((a, b) => a.startLine - b.startLine);
}

export function documentLinks(checked: Checked): DocumentLink[] {
  const result = checked.result;
  if (!result) return [];
  const { bill } = result;
  const out: DocumentLink[] = [];
  for (const reference of bill.references) {
    if (reference.external || reference.self) continue;
    const target = reference.targetIds.map((id) => bill.byId.get(id)).find((p): p is Provision => p !== undefined);
    if (!target) continue;
    const at = checked.rangeOf(target.headSpan).start;
    out.push({
      range: checked.rangeOf(reference.span),
      target: `${checked.uri}#L${at.line + 1},${at.character + 1}`,
      tooltip: `Go to ${target.label}${target.heading ? ` — ${target.heading}` : ''}`,
    });
  }
  return out;
}

export interface StatusCounts {
  total: number;
  met: number;
  partial: number;
  missing: number;
  conflict: number;
  reserved: number;
  notApplicable: number;
}

export function statusCounts(statuses: readonly ElementStatus[]): StatusCounts {
  const count = (s: ElementStatus): number => statuses.filter((x) => x === s).length;
  return { total: statuses.length, met: count('met'), partial: count('partial'), missing: count('missing'), conflict: count('conflict'), reserved: count('reserved'), notApplicable: count('not-applicable') };
}

/** "18 of 25 elements met · 3 partial · 4 missing" (conflict/reserved only when present). */
export function summaryLine(counts: StatusCounts): string {
  const parts = [`${counts.met} of ${counts.total} elements met`, `${counts.partial} partial`, `${counts.missing} missing`];
  if (counts.conflict > 0) parts.push(`${counts.conflict} conflict`);
  if (counts.reserved > 0) parts.push(`${counts.reserved} reserved`);
  return parts.join(' · ');
}

export function codeLenses(checked: Checked): CodeLens[] {
  const result = checked.result;
  if (!result) return [];
  const { bill, analysis } = result;
  const lenses: CodeLens[] = [];
  const title = titleSpan(bill);
  const titleAt = checked.rangeOf(title ?? { start: bill.frontMatterSpan?.end ?? 0, end: bill.frontMatterSpan?.end ?? 0 }).start;
  const counts = statusCounts(analysis.findings.map((f) => f.status));
  lenses.push({
    range: { start: titleAt, end: titleAt },
    command: { title: summaryLine(counts), command: SHOW_REPORT_COMMAND, arguments: [checked.uri] },
  });
  for (const section of bill.provisions) {
    if (section.kind !== 'section' && section.kind !== 'article') continue;
    // Articles per instrument, in first-seen order: "OPSC 3(1)(c), 3(3) · Budapest 9(1)(a)".
    const byInstrument = new Map<string, { name: string; articles: string[] }>();
    for (const finding of analysis.findings) {
      if (!finding.evidence.some((e) => e.span.start >= section.span.start && e.span.end <= section.span.end)) continue;
      for (const citation of finding.citations) {
        const status = finding.perInstrument[citation.instrument];
        if (status !== 'met' && status !== 'partial') continue;
        const entry = byInstrument.get(citation.instrument) ?? { name: shortInstrument(citation.instrumentName), articles: [] };
        if (!entry.articles.includes(citation.article)) entry.articles.push(citation.article);
        byInstrument.set(citation.instrument, entry);
      }
    }
    if (byInstrument.size === 0) continue;
    const rank = (id: string): number => (INSTRUMENT_ORDER.indexOf(id) + 1 || INSTRUMENT_ORDER.length + 1);
    const groups = [...byInstrument].sort(([a], [b]) => rank(a) - rank(b)).map(([, entry]) => entry);
    let budget = 10;
    let hidden = 0;
    const parts: string[] = [];
    for (const { name, articles } of groups) {
      const shown = articles.slice(0, Math.max(budget, 1));
      hidden += articles.length - shown.length;
      budget -= shown.length;
      parts.push(`${name} ${shown.join(', ')}`);
    }
    const at = checked.rangeOf(section.headSpan).start;
    const title = `Implements ${parts.join(' · ')}${hidden > 0 ? ` (+${hidden} more)` : ''}`;
    lenses.push({ range: { start: at, end: at }, command: { title, command: '' } });
  }
  return lenses;
}
