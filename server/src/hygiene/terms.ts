/**
 * Defined terms as a legislative counsel reads them: a definition never used where it applies, the
 * same term defined twice over the same ground, a term written in another form than its definition,
 * and a use outside the provision a definition is limited to. Precision first: capitalisation is
 * only a defect where it cannot be the ordinary word (see `classify`), and anything the drafter marks
 * `<!-- concordance: ordinary … -->` is left alone.
 */
import type { Bill, Definition, Span } from '../parse/types.js';
import { inProperName, isSentenceStart, type TextContext } from './text.js';
import type { HygieneFinding, HygieneFix } from './types.js';
import type { Occurrence, OccurrenceLike, OccurrenceList, TermKey } from './uses.js';

const WORD = /[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*/gu;

export function scopeSpan(bill: Bill, d: Definition): Span {
  if (d.scope.kind === 'provision') {
    const p = bill.byId.get(d.scope.provisionId);
    if (p) return p.span;
  }
  return { start: 0, end: bill.text.length };
}


type Form = 'ok' | 'inconsistent' | 'ambiguous' | 'proper';

function caseClass(w: string): 'lower' | 'upper' | 'cap' | 'mixed' {
  if (w === w.toLowerCase()) return 'lower';
  if (w === w.toUpperCase()) return w.replace(/[^\p{L}]/gu, '').length > 1 ? 'upper' : 'cap';
  const rest = w.slice(1);
  return w.charAt(0) !== w.charAt(0).toLowerCase() && rest === rest.toLowerCase() ? 'cap' : 'mixed';
}

/**
 * Is this occurrence written the way the term is defined? A sentence-initial capital and ALL CAPS
 * are always fine, headings keep their own capitalisation; a lower-case use of a one-word capitalised
 * term ("services" for "Services") may well be the ordinary word, so it is only "ambiguous".
 */
export function classify(ctx: TextContext, occ: OccurrenceLike, term: string): Form {
  if (occ.is(term) || ctx.headings.has(occ.start)) return 'ok';
  const plain = ctx.bill.plain;
  const shape = shapeOf(occ.text, term);
  if (shape === 'ok') return 'ok';
  if (shape === 'initial' && isSentenceStart(plain, occ.start)) return 'ok';
  if (shape === 'lower') return 'ambiguous';
  // "an advisory committee" beside a defined "Advisory Committee" is any committee, not the one defined.
  if (shape === 'lower-phrase') return INDEFINITE.test(plain.slice(Math.max(0, occ.start - 12), occ.start)) ? 'ok' : 'inconsistent';
  return inProperName(plain, { start: occ.start, end: occ.end }) ? 'proper' : 'inconsistent';
}

const INDEFINITE = /\b(?:a|an|any|each|every|no|such|another)\s+$/i;

type Shape = 'ok' | 'initial' | 'lower' | 'lower-phrase' | 'other';
const shapes = new Map<string, Shape>();

/**
 * How an occurrence's capitalisation differs from the term's, whatever the context (cached: a code
 * writes "Department of Transportation" thousands of times): "initial" when only a first capital
 * differs (fine at the start of a sentence), "lower" / "lower-phrase" when a capitalised term is
 * written in lower case (one word / several), "other" otherwise.
 */
function shapeOf(text: string, term: string): Shape {
  const key = `${text}\u0000${term}`;
  const known = shapes.get(key);
  if (known) return known;
  const o = text.match(WORD) ?? [];
  const t = term.match(WORD) ?? [];
  let shape: Shape = 'ok';
  if (o.length === t.length && o.length > 0) {
    // "TIPs" is the plural of "TIP": compare the acronym, not its plural ending.
    const last = o.length - 1;
    if (/^\p{Lu}+s$/u.test(o[last] as string) && (o[last] as string).slice(0, -1) === t[last]) o[last] = t[last] as string;
    const oc = o.map(caseClass);
    const tc = t.map(caseClass);
    const mismatched = oc.map((c, i) => c !== tc[i]);
    if (oc.every((c) => c === 'upper') && !tc.every((c) => c === 'upper')) shape = 'ok';
    else if (!mismatched.some(Boolean)) shape = 'ok';
    // "advisory committees" beside a defined "Advisory Committee": the generic plural, not the name.
    else if (oc.every((c) => c === 'lower')) shape = t.length === 1 ? 'lower' : (o[o.length - 1] as string).toLowerCase() !== (t[t.length - 1] as string).toLowerCase() ? 'ok' : 'lower-phrase';
    else if (mismatched.slice(1).every((m) => !m) && tc[0] === 'lower' && oc[0] === 'cap') shape = 'initial';
    else shape = 'other';
  }
  if (shapes.size > 10_000) shapes.clear();
  shapes.set(key, shape);
  return shape;
}

/** The occurrence rewritten in the defined form, keeping its own plural ending and a sentence capital. */
function definedForm(ctx: TextContext, occ: Occurrence, term: string): HygieneFix['edits'] {
  const edits: HygieneFix['edits'] = [];
  const t = term.match(WORD) ?? [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let i = 0;
  const re = new RegExp(WORD.source, 'gu');
  while ((m = re.exec(occ.text)) !== null && i < t.length) {
    const word = m[0];
    const model = t[i] as string;
    let next: string;
    if (word.toLowerCase() === model.toLowerCase()) next = model;
    else {
      const cls = caseClass(model);
      next = cls === 'upper' ? word.toUpperCase() : cls === 'cap' ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase() : word.toLowerCase();
    }
    if (i === 0 && caseClass(model) === 'lower' && isSentenceStart(ctx.bill.plain, occ.start)) next = next.charAt(0).toUpperCase() + next.slice(1);
    if (next !== word) edits.push({ span: { start: occ.start + m.index, end: occ.start + m.index + word.length }, newText: next });
    i++;
  }
  return edits;
}

/** A "has the meaning given by section 3" definition that points at the other definition. */
function isSignpostFor(bill: Bill, d: Definition, other: Definition): boolean {
  if (d.form !== 'has-meaning') return false;
  const refs = bill.references;
  // References are in document order: binary search for the first one after the term.
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((refs[mid] as (typeof refs)[number]).span.start < d.termSpan.end) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < refs.length; i++) {
    const r = refs[i] as (typeof refs)[number];
    if (r.span.start > d.span.end + 200) break;
    for (const id of r.targetIds) {
      const p = bill.byId.get(id);
      if (p && p.span.start <= other.span.start && other.span.start < p.span.end) return true;
    }
  }
  return false;
}

function bodyText(bill: Bill, d: Definition): string {
  return bill.plain.slice(d.bodySpan.start, d.bodySpan.end).replace(/\s+/g, ' ').replace(/[;.,\s]+$/, '').toLowerCase();
}

function duplicates(bill: Bill, key: TermKey, out: HygieneFinding[]): void {
  const defs = [...key.definitions].sort((a, b) => a.span.start - b.span.start);
  for (let j = 1; j < defs.length; j++) {
    const b = defs[j] as Definition;
    for (let i = 0; i < j; i++) {
      const a = defs[i] as Definition;
      // "“x” includes …" beside "“x” means …" extends the meaning, a recognised technique, not a rival one.
      if (a.form === 'includes' || b.form === 'includes') continue;
      const sa = scopeSpan(bill, a);
      const sb = scopeSpan(bill, b);
      if (!(sa.start < sb.end && sb.start < sa.end)) continue;
      if (isSignpostFor(bill, a, b) || isSignpostFor(bill, b, a)) continue;
      const where = bill.byId.get(a.provisionId)?.label ?? 'earlier';
      const same = bodyText(bill, a) === bodyText(bill, b);
      out.push({
        code: 'drafting/duplicate-definition',
        span: b.termSpan,
        message: `“${b.term}” is defined again here, where its definition in ${where} also applies${same ? ' (in the same words: one of them can go)' : ', with a different meaning: which one governs?'}`,
        related: [{ span: a.termSpan, message: `“${a.term}” is first defined here` }],
      });
      break;
    }
  }
}

function scopeName(bill: Bill, d: Definition): string {
  return d.scope.kind === 'provision' ? (bill.byId.get(d.scope.provisionId)?.label ?? 'a provision') : 'the whole Act';
}

/** The section (or article) around an offset, for offsets in increasing order: one sweep. */
class SectionIndex {
  private readonly spans: Array<{ start: number; end: number; id: string }> = [];
  private i = 0;

  constructor(bill: Bill) {
    for (const p of bill.provisions) if (p.kind === 'section' || p.kind === 'article') this.spans.push({ start: p.span.start, end: p.span.end, id: p.id });
  }

  at(offset: number): string {
    while (this.i > 0 && (this.spans[this.i] as { start: number }).start > offset) this.i--;
    while (this.i + 1 < this.spans.length && (this.spans[this.i + 1] as { start: number }).start <= offset) this.i++;
    const s = this.spans[this.i];
    return s && s.start <= offset && offset < s.end ? s.id : '';
  }
}

/**
 * A term's definitions as flat arrays, read once per occurrence: where each definition stands (a
 * term inside its own definition is no use of it) and the span of its scope.
 */
interface KeyInfo {
  ownStart: Int32Array;
  ownEnd: Int32Array;
  scopeStart: Int32Array;
  scopeEnd: Int32Array;
  uses: Int32Array;
  lower: Occurrence[][];
}

function keyInfo(bill: Bill, key: TermKey): KeyInfo {
  const n = key.definitions.length;
  const info: KeyInfo = { ownStart: new Int32Array(n), ownEnd: new Int32Array(n), scopeStart: new Int32Array(n), scopeEnd: new Int32Array(n), uses: new Int32Array(n), lower: key.definitions.map(() => []) };
  key.definitions.forEach((d, j) => {
    info.ownStart[j] = Math.min(d.span.start, d.termSpan.start);
    info.ownEnd[j] = Math.max(d.span.end, d.termSpan.end);
    const scope = scopeSpan(bill, d);
    info.scopeStart[j] = scope.start;
    info.scopeEnd[j] = scope.end;
  });
  return info;
}

export function checkTerms(ctx: TextContext, keys: readonly TermKey[], occurrences: OccurrenceList, out: HygieneFinding[]): void {
  const bill = ctx.bill;
  // Pushed, not mapped: an optimised caller makes a mapped array with another elements kind than
  // the interpreter did, and the loop below, compiled for one, was thrown away on meeting the other.
  const infos: KeyInfo[] = [];
  for (const k of keys) infos.push(keyInfo(bill, k));
  const governing = new Int32Array(Math.max(1, ...keys.map((k) => k.definitions.length)));
  const inconsistentSeen = new Set<number>();
  const outOfScope = new Map<string, { finding: HygieneFinding; count: number; text: string; definition: Definition }>();
  const sections = new SectionIndex(bill);

  for (let i = 0; i < occurrences.count; i++) {
    const occ = occurrences.view(i);
    const at = occ.start;
    const end = occ.end;
    if (ctx.blockquotes.size > 0 && ctx.blockquotes.has(at)) continue;
    const info = infos[occurrences.keyId(i)] as KeyInfo;
    const defs = occ.key.definitions;
    // One pass over the term's definitions: the occurrence is not a use when it stands inside a
    // definition of the term; else the narrowest scopes that reach it govern it.
    let count = 0;
    let best = Infinity;
    let own = false;
    for (let j = 0; j < defs.length; j++) {
      if (at < (info.ownEnd[j] as number) && end > (info.ownStart[j] as number)) {
        own = true;
        break;
      }
      const s = info.scopeStart[j] as number;
      const e = info.scopeEnd[j] as number;
      if (at < s || at >= e) continue;
      if (e - s < best) {
        best = e - s;
        count = 0;
      }
      if (e - s === best) governing[count++] = j;
    }
    if (own) continue;
    if (ctx.ordinary.forms.size > 0 && ctx.ordinary.forms.has(occ.text.replace(/\s+/g, ' '))) continue;
    const model = (defs[count > 0 ? (governing[0] as number) : 0]) as Definition;
    const form = classify(ctx, occ, model.term);
    if (form === 'proper') continue;
    if (form === 'ambiguous') {
      const kept = occurrences.at(i);
      for (let k = 0; k < count; k++) (info.lower[governing[k] as number] as Occurrence[]).push(kept);
      continue;
    }
    // The form of a term is only held against it where its definition applies.
    if (form === 'inconsistent' && count > 0 && !inconsistentSeen.has(at)) {
      inconsistentSeen.add(at);
      const kept = occurrences.at(i);
      const edits = definedForm(ctx, kept, model.term);
      out.push({
        code: 'drafting/inconsistent-term-form',
        span: kept.span,
        message: `“${kept.text}” is written differently from the defined term “${model.term}”: a reader may take it for a different term`,
        related: [{ span: model.termSpan, message: `“${model.term}” is defined here` }],
        ...(edits.length > 0 ? { fixes: () => [{ title: `Write it as defined: “${model.term}”`, edits, preferred: true }] } : {}),
      });
    }
    if (count === 0) {
      // Out of scope: reported for terms that cannot be the ordinary word (several words, or one
      // capitalised word written as defined), once per section, so a code of section-local
      // definitions ("In this section, the term 'carrier' means") does not drown in hits.
      const d = defs[0] as Definition;
      const termLike = occ.key.words.length > 1 || (/^\p{Lu}/u.test(d.term) && /^\p{Lu}/u.test(bill.plain.charAt(at)));
      if (form === 'ok' && termLike && !ctx.headings.has(at)) {
        const section = sections.at(at);
        const key = `${occ.key.id}\u0000${section}`;
        const earlier = outOfScope.get(key);
        if (earlier) earlier.count++;
        else {
          const finding: HygieneFinding = { code: 'drafting/definition-out-of-scope', span: { start: at, end }, message: '', related: defs.slice(0, 5).map((x) => ({ span: x.termSpan, message: `“${x.term}” is defined here, for ${scopeName(bill, x)}` })) };
          outOfScope.set(key, { finding, count: 1, text: occ.text, definition: d });
          out.push(finding);
        }
      }
      continue;
    }
    for (let k = 0; k < count; k++) info.uses[governing[k] as number] = (info.uses[governing[k] as number] as number) + 1;
  }

  for (const { finding, count, text, definition } of outOfScope.values()) {
    finding.message = `“${text}” is used here${count > 1 ? ` (and ${count - 1} more time${count > 2 ? 's' : ''} in this provision)` : ''}, but its definition applies only in ${scopeName(bill, definition)}`;
  }
  keys.forEach((key, keyId) => {
    const info = infos[keyId] as KeyInfo;
    if (key.definitions.length > 1) duplicates(bill, key, out);
    const real = key.definitions.filter((d) => d.form !== 'has-meaning');
    key.definitions.forEach((d, j) => {
      const lower = info.lower[j] as Occurrence[];
      if (lower.length > 0) out.push(ambiguous(ctx, d, lower));
      if ((info.uses[j] as number) > 0 || lower.length > 0) return;
      // A signpost ("has the meaning given by section 3") is there to point, not to be used.
      if (d.form === 'has-meaning' && real.length > 0) return;
      const where = d.scope.kind === 'provision' ? ` in ${bill.byId.get(d.scope.provisionId)?.label ?? 'its provision'}, to which it is limited` : '';
      out.push({ code: 'drafting/unused-definition', span: d.termSpan, message: `“${d.term}” is defined but never used${where}` });
    });
  });
}

function ambiguous(ctx: TextContext, d: Definition, lower: Occurrence[]): HygieneFinding {
  const first = lower[0] as Occurrence;
  const word = first.text;
  const text = ctx.bill.text;
  const eol = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return {
    code: 'drafting/ambiguous-term-case',
    span: first.span,
    message: `“${d.term}” is defined with a capital, but “${word}” appears in lower case ${lower.length === 1 ? 'here' : `${lower.length} times`}: if it means the defined term write “${d.term}”; if it is the ordinary word, mark it <!-- concordance: ordinary ${word} -->`,
    related: [{ span: d.termSpan, message: `“${d.term}” is defined here` }, ...lower.slice(1, 6).map((o) => ({ span: o.span, message: `“${o.text}” in lower case` }))],
    fixes: () => [
      {
        title: `Write “${d.term}” (the defined term) in ${lower.length === 1 ? 'this place' : `all ${lower.length} places`}`,
        edits: lower.flatMap((o) => definedForm(ctx, o, d.term)),
        preferred: false,
      },
      {
        title: `Mark “${word}” as the ordinary word`,
        edits: [{ span: { start: text.length, end: text.length }, newText: `${eol}\n<!-- concordance: ordinary ${word} -->\n` }],
        preferred: false,
      },
    ],
  };
}
