/**
 * Workspace symbols (workspace/symbol): the Parts, sections, articles and defined terms of every bill
 * in the workspace — open ones at their current text, the others from disk as "Check Workspace" finds
 * them — filtered by the query. Only the parser runs on a bill from disk (no analysis), once per
 * modification time; an open bill's symbols are made once per version.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { LineIndex, parseBill } from '../parse/index.js';
import type { Bill, ProvisionKind } from '../parse/types.js';
import type { Checked } from './checked.js';
import { pathToUri, uriToPath } from './files.js';
import { SYMBOL_KIND, symbolName, termName } from './outline.js';

/** What a workspace symbol can be: the bill's title, its divisions and sections, and its definitions. */
const KINDS = new Set<ProvisionKind>(['title', 'part', 'chapter', 'division', 'subpart', 'schedule', 'section', 'article']);

/** At most this many symbols per answer (a client filters further as the user types). */
export const MAX_WORKSPACE_SYMBOLS = 1000;

/** The symbols of one bill, in document order: provisions at their heading, definitions at their term. */
export function billSymbols(uri: string, bill: Bill, lines: LineIndex): SymbolInformation[] {
  const file = uriToPath(uri);
  const container = bill.title ?? (file ? path.basename(file) : uri);
  const out: Array<SymbolInformation & { at: number }> = [];
  for (const provision of bill.provisions) {
    const kind = SYMBOL_KIND[provision.kind];
    if (!KINDS.has(provision.kind) || kind === undefined || provision.headSpan.end <= provision.headSpan.start) continue;
    out.push({ name: symbolName(provision), kind, location: { uri, range: lines.rangeOf(provision.headSpan) }, containerName: container, at: provision.headSpan.start });
  }
  for (const definition of bill.definitions) {
    out.push({ name: termName(definition), kind: SymbolKind.Key, location: { uri, range: lines.rangeOf(definition.termSpan) }, containerName: container, at: definition.termSpan.start });
  }
  return out.sort((a, b) => a.at - b.at).map(({ at: _at, ...symbol }) => symbol);
}

/**
 * How well a symbol's name answers the query, case-insensitively (lower is better): 0 a prefix,
 * 1 a substring, 2 the query's letters in order ("prodn" for "Production"); undefined: no match.
 */
export function matchScore(name: string, query: string): number | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const n = name.toLowerCase();
  const at = n.indexOf(q);
  if (at >= 0) return at === 0 ? 0 : 1;
  const letters = q.replace(/\s+/g, '');
  let i = 0;
  for (let k = 0; k < n.length && i < letters.length; k++) if (n[k] === letters[i]) i++;
  return i === letters.length ? 2 : undefined;
}

export class WorkspaceSymbolIndex {
  private readonly open = new Map<string, { version: number; symbols: SymbolInformation[] }>();
  private readonly disk = new Map<string, { mtimeMs: number; size: number; symbols: SymbolInformation[] }>();

  /** An open bill's symbols (once per version). */
  ofChecked(checked: Checked): SymbolInformation[] {
    const cached = this.open.get(checked.uri);
    if (cached && cached.version === checked.version) return cached.symbols;
    const result = checked.result;
    const symbols = result ? billSymbols(checked.uri, result.bill, result.lines) : [];
    this.open.set(checked.uri, { version: checked.version, symbols });
    return symbols;
  }

  /** A bill on disk's symbols (parsed once per modification time and size). */
  ofFile(file: string): SymbolInformation[] {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      this.disk.delete(file);
      return [];
    }
    const cached = this.disk.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.symbols;
    let symbols: SymbolInformation[] = [];
    try {
      const text = readFileSync(file, 'utf8');
      const uri = pathToUri(file);
      symbols = billSymbols(uri, parseBill(text, uri), new LineIndex(text));
    } catch {
      symbols = [];
    }
    this.disk.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, symbols });
    return symbols;
  }

  /**
   * The symbols that match `query`, best matches first (then open bills before bills on disk, each
   * in document order). `openUris`: every open document, bill or not — its text on disk is stale.
   */
  query(query: string, open: readonly Checked[], openUris: ReadonlySet<string>, files: readonly string[]): SymbolInformation[] {
    for (const uri of this.open.keys()) if (!openUris.has(uri)) this.open.delete(uri);
    const candidates = [...open.flatMap((checked) => this.ofChecked(checked)), ...files.filter((file) => !openUris.has(pathToUri(file))).flatMap((file) => this.ofFile(file))];
    const scored: Array<{ symbol: SymbolInformation; score: number; index: number }> = [];
    for (const [index, symbol] of candidates.entries()) {
      const score = matchScore(symbol.name, query);
      if (score !== undefined) scored.push({ symbol, score, index });
    }
    scored.sort((a, b) => a.score - b.score || a.index - b.index);
    return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map((s) => s.symbol);
  }

  clear(): void {
    this.open.clear();
    this.disk.clear();
  }
}
