// Property: renumbering never changes what a cross-reference means. Bills are generated with
// sections and subsections under scrambled numbers (duplicates, gaps, numbers out of order,
// inserted "3A") and references of every shape into them; every renumbering fix on offer is
// applied, the bill is parsed again, and each reference must point at the same provisions — by
// their content, not their numbers — as before (and one that pointed nowhere still points nowhere).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bill, Provision } from '../../server/src/parse/types.js';
import { apply, fixesOf, hygiene, parseBill } from './helpers.js';

const NUMBERING = new Set(['drafting/duplicate-number', 'drafting/numbering-gap', 'drafting/numbering-order', 'drafting/mixed-numbering']);
const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];

interface GenSection {
  number: number;
  suffix: string;
  subs: number[];
}

type RefChoice = { shape: 'section' | 'sectionSub' | 'subsection' | 'range' | 'list'; a: number; b: number; j: number };

const sectionArb = fc.record({
  number: fc.integer({ min: 1, max: 8 }),
  suffix: fc.constantFrom('', '', '', '', 'A'),
  subs: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 }),
});
const refArb = fc.record({ shape: fc.constantFrom('section', 'sectionSub', 'subsection', 'range', 'list'), a: fc.nat(), b: fc.nat(), j: fc.nat() }) as fc.Arbitrary<RefChoice>;

/** Sections in order with their (scrambled) numbers, each subsection with 0-2 references. */
const billArb = fc
  .array(sectionArb, { minLength: 2, maxLength: 6 })
  .chain((sections) => {
    const slots = sections.reduce((n, s) => n + Math.max(1, s.subs.length), 0);
    return fc.tuple(fc.constant(sections), fc.array(fc.array(refArb, { maxLength: 2 }), { minLength: slots, maxLength: slots }));
  })
  .map(([sections, refs]) => render(sections, refs));

function render(sections: GenSection[], refs: RefChoice[][]): string {
  const num = (i: number): string => {
    const s = sections[i % sections.length]!;
    return `${s.number}${s.suffix}`;
  };
  const sub = (i: number, j: number): string | undefined => {
    const s = sections[i % sections.length]!;
    return s.subs.length > 0 ? String(s.subs[j % s.subs.length]) : undefined;
  };
  const reference = (self: number, r: RefChoice): string | undefined => {
    switch (r.shape) {
      case 'section':
        return `section ${num(r.a)}`;
      case 'sectionSub': {
        const y = sub(r.a, r.j);
        return y ? `section ${num(r.a)}(${y})` : `section ${num(r.a)}`;
      }
      case 'subsection': {
        const y = sub(self, r.j);
        return y ? `subsection (${y})` : undefined;
      }
      case 'range':
        return `sections ${num(Math.min(r.a % sections.length, r.b % sections.length))} to ${num(Math.max(r.a % sections.length, r.b % sections.length))}`;
      case 'list':
        return `sections ${num(r.a)} and ${num(r.b)}`;
    }
  };
  let slot = 0;
  const out = ['# Generated Bill 2025', ''];
  sections.forEach((s, i) => {
    out.push(`## ${s.number}${s.suffix}. Heading ${WORDS[i]}`, '');
    const bodies = s.subs.length > 0 ? s.subs : [0];
    bodies.forEach((n, j) => {
      const texts = (refs[slot++] ?? []).map((r) => reference(i, r)).filter((t): t is string => t !== undefined);
      const see = texts.length > 0 ? ` This is subject to ${texts.join(' and to ')}.` : '';
      out.push(`${n > 0 ? `(${n}) ` : ''}Marker${WORDS[i]}${j} applies to a person.${see}`, '');
    });
  });
  return out.join('\n');
}

/** A provision by what it says: the section's heading, or the marker word that opens a subsection. */
function content(bill: Bill, p: Provision): string {
  if (p.kind !== 'subdivision') return p.heading ?? p.label;
  const own = p.ownSpans[0];
  return own ? (/Marker\w+/.exec(bill.text.slice(own.start, own.end))?.[0] ?? p.id) : p.id;
}

/** Per provision that holds references (by content): every target of its references, by content, sorted. */
function meaning(bill: Bill): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of bill.references) {
    if (r.external || r.self) continue;
    const from = bill.byId.get(r.fromProvisionId);
    if (!from) continue;
    const key = content(bill, from);
    const list = out.get(key) ?? [];
    for (const id of r.targetIds) list.push(content(bill, bill.byId.get(id)!));
    out.set(key, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

describe('renumbering keeps every cross-reference pointing at the same provision', () => {
  it('over generated bills with scrambled numbering', () => {
    let offered = 0;
    let cleanOffered = 0;
    let cleanTotal = 0;
    fc.assert(
      fc.property(billArb, (text) => {
        const before = parseBill(text);
        const want = meaning(before);
        let current = text;
        // Apply every renumbering fix on offer, level by level, as a drafter would.
        for (let round = 0; round < 6; round++) {
          const finding = hygiene(current).findings.find((f) => NUMBERING.has(f.code) && fixesOf(f).length > 0);
          if (!finding) break;
          current = apply(current, fixesOf(finding)[0]!);
          offered++;
        }
        const after = parseBill(current);
        expect(meaning(after)).toEqual(want);
        // With every reference resolving, nothing blocks a renumbering: the numbering ends up clean.
        const broken = before.references.some((r) => !r.external && !r.self && r.targetIds.length === 0);
        const defects = hygiene(text).findings.some((f) => NUMBERING.has(f.code));
        if (!broken && defects) {
          cleanTotal++;
          const left = hygiene(current).findings.filter((f) => NUMBERING.has(f.code));
          if (left.length === 0) cleanOffered++;
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300), seed: Number(process.env.PROPERTY_SEED ?? 20250601) },
    );
    if (process.env.PROPERTY_STATS) console.log({ offered, cleanOffered, cleanTotal });
    expect(offered).toBeGreaterThan(100);
    // Nearly always: the exceptions are references the parser itself reads ambiguously.
    expect(cleanOffered / Math.max(1, cleanTotal)).toBeGreaterThan(0.8);
  });
});
