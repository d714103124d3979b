/**
 * Hover: on a provision's heading (or on words that are evidence), which elements it implements,
 * per instrument, with the treaty text quoted verbatim and linked; on a defined term, its
 * definition and where it is.
 */
import type { Hover } from 'vscode-languageserver';
import type { Citation, ElementFinding } from '../analysis/types.js';
import type { Bill, Provision, Span } from '../parse/types.js';
import type { Checked } from './checked.js';
import { shortInstrument } from './checked.js';
import { citationList } from '../report/diagnostics.js';
import { statusCounts, summaryLine } from './outline.js';
import { termAt, usesOf } from './terms.js';

const DIVISIONS = new Set(['part', 'chapter', 'division', 'subpart', 'schedule']);

function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

function isWithin(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The innermost provision whose heading / number token is at `offset`. */
export function provisionHeadAt(bill: Bill, offset: number): Provision | undefined {
  let best: Provision | undefined;
  for (const provision of bill.provisions) {
    if (provision.headSpan.end <= provision.headSpan.start) continue;
    if (contains(provision.headSpan, offset) && (!best || provision.depth > best.depth)) best = provision;
  }
  return best;
}

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

function citationBlock(citation: Citation, status: string | undefined): string {
  const unverified = citation.verified ? '' : ' *(unverified quotation)*';
  const head = `**${shortInstrument(citation.instrumentName)} ${citation.article}**${status ? ` — ${status}` : ''} · [${citation.instrumentName} ${citation.article}](${citation.url})${unverified}`;
  return `${head}\n\n${quote(citation.text)}`;
}

function findingBlock(bill: Bill, finding: ElementFinding, evidenceIn: Span | undefined): string {
  const lines: string[] = [];
  lines.push(`**${finding.title}** · \`${finding.elementId}\` · ${finding.status}`);
  const evidence = finding.evidence.filter((e) => !evidenceIn || isWithin(e.span, evidenceIn));
  const words = [...new Set(evidence.map((e) => `“${bill.text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ').trim()}” (${e.label})`))].slice(0, 4);
  if (words.length > 0) lines.push(`Evidence: ${words.join(', ')}`);
  if (finding.status !== 'met') lines.push(finding.reason);
  const blocks = [lines.join('  \n')];
  for (const citation of finding.citations) blocks.push(citationBlock(citation, finding.perInstrument[citation.instrument]));
  return blocks.join('\n\n');
}

function provisionTitle(provision: Provision): string {
  return provision.heading ? `${provision.label} — ${provision.heading}` : provision.label;
}

function oneLine(text: string, max = 600): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function hoverAt(checked: Checked, offset: number): Hover | null {
  const result = checked.result;
  if (!result) return null;
  const { bill, analysis } = result;
  const parts: string[] = [];
  let range: Span | undefined;

  const term = termAt(bill, offset);
  if (term) {
    const definition = term.definition;
    const provision = bill.byId.get(definition.provisionId);
    const line = checked.rangeOf(definition.span).start.line + 1;
    const scope = definition.scope.kind === 'provision' ? bill.byId.get(definition.scope.provisionId) : undefined;
    const where = `${provision ? provisionTitle(provision) : 'the bill'}, line ${line}${scope ? ` (applies in ${scope.label} only)` : ''}`;
    const uses = usesOf(bill, definition).filter((u) => !u.isDefinition).length;
    const head = term.isDefinition
      ? `**“${definition.term}”** — defined term, used ${uses} time${uses === 1 ? '' : 's'} in ${scope ? scope.label : 'the bill'}`
      : `**“${definition.term}”** — defined in ${where}`;
    parts.push(`${head}\n\n${quote(oneLine(bill.text.slice(definition.span.start, definition.span.end)))}`);
    range = term.span;
  }

  const head = provisionHeadAt(bill, offset);
  if (head) {
    const inside = analysis.findings.filter((f) => f.evidence.some((e) => isWithin(e.span, head.span)));
    if (head.kind === 'title' || head.kind === 'document') {
      // The title: the whole bill's standing, one line per element.
      const counts = statusCounts(analysis.findings.map((f) => f.status));
      const rows = analysis.findings.map((f) => `| \`${f.elementId}\` | ${f.status} | ${f.title} |`);
      parts.push(`#### ${summaryLine(counts)}\n\n| element | status | |\n|---|---|---|\n${rows.join('\n')}`);
    } else if (DIVISIONS.has(head.kind)) {
      // A Part or chapter: which elements its sections implement (the sections' hovers quote the treaties).
      const rows = inside.map((f) => `- **${f.title}** · \`${f.elementId}\` · ${f.status} — ${citationList(f)}`);
      parts.push(rows.length > 0 ? `#### ${provisionTitle(head)} implements\n\n${rows.join('\n')}` : `#### ${provisionTitle(head)}\n\nImplements no element.`);
    } else {
      const blocks = inside.map((f) => findingBlock(bill, f, head.span));
      parts.push(
        blocks.length > 0
          ? `#### ${provisionTitle(head)} implements\n\n${blocks.join('\n\n---\n\n')}`
          : `#### ${provisionTitle(head)}\n\nImplements no element of ${analysis.instruments.map((id) => checked.catalogue.instruments.get(id)?.shortName ?? id).join(', ')}.`,
      );
    }
    range ??= head.headSpan;
  } else if (!term) {
    const atEvidence = analysis.findings.filter((f) => f.evidence.some((e) => contains(e.span, offset)));
    if (atEvidence.length > 0) {
      const spans = atEvidence.flatMap((f) => f.evidence.filter((e) => contains(e.span, offset)).map((e) => e.span));
      const span = spans.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
      parts.push(atEvidence.map((f) => findingBlock(bill, f, span)).join('\n\n---\n\n'));
      range = span;
    }
  }

  if (parts.length === 0) return null;
  return {
    contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') },
    ...(range ? { range: checked.rangeOf(range) } : {}),
  };
}
