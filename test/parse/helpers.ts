import { parseBill } from '../../server/src/parse/index.js';
import type { Bill, Provision, Span } from '../../server/src/parse/types.js';

export { parseBill };

export const slice = (bill: Bill, span: Span | undefined): string | undefined => (span ? bill.text.slice(span.start, span.end) : undefined);

/** "id | label" of every provision except the root, in document order. */
export const outline = (bill: Bill): string[] => bill.provisions.slice(1).map((p) => `${p.id} | ${p.label}`);

export const prov = (bill: Bill, id: string): Provision => {
  const p = bill.byId.get(id);
  if (!p) throw new Error(`no provision ${id}; have ${[...bill.byId.keys()].join(', ')}`);
  return p;
};

/** Every span of the bill lies within the text and parents contain children. */
export function checkInvariants(bill: Bill): void {
  const n = bill.text.length;
  const spans: Span[] = [];
  if (bill.plain.length !== n) throw new Error(`plain length ${bill.plain.length} != ${n}`);
  for (const p of bill.provisions) {
    spans.push(p.span, p.headSpan, ...p.ownSpans);
    if (p.chapeau) spans.push(p.chapeau);
    if (p.closingWords) spans.push(p.closingWords);
    const parent = p.parentId !== undefined ? bill.byId.get(p.parentId) : undefined;
    if (p.parentId !== undefined && !parent) throw new Error(`dangling parent ${p.parentId}`);
    if (parent && (p.span.start < parent.span.start || p.span.end > parent.span.end)) throw new Error(`${p.id} outside ${parent.id}`);
  }
  if (bill.byId.size !== bill.provisions.length) throw new Error('duplicate ids');
  for (const d of bill.definitions) spans.push(d.span, d.termSpan, d.bodySpan);
  for (const r of bill.references) spans.push(r.span);
  for (const a of bill.annotations) spans.push(a.span);
  for (const p of bill.problems) spans.push(p.span);
  for (const r of bill.settings.reservations) spans.push(r.span);
  if (bill.frontMatterSpan) spans.push(bill.frontMatterSpan);
  for (const s of spans) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= n)) {
      throw new Error(`span out of range: ${JSON.stringify(s)} (length ${n})`);
    }
  }
}
