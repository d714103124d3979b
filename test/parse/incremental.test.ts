// Incremental parsing (parse/chunks.ts): the text is cut at division boundaries and unchanged pieces
// are reused. These tests hold it to its contract: the pieced tree is exactly the whole-text tree,
// on real bills and after long runs of random edits (including edits that open fences, comments
// and link definitions, which move or remove the cut points), and a check through the cache equals
// a check from scratch.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divisionChunks, DocumentCache, parseInChunks } from '../../server/src/parse/chunks.js';
import { PieceScans } from '../../server/src/parse/scans.js';
import { parseMarkdown, sanitizeForMarkdown } from '../../server/src/parse/markdown.js';
import { parseBill } from '../../server/src/parse/index.js';
import { checkText, type CheckResult } from '../../server/src/service/check.js';
import { builtinCatalogue, ROOT, SHARED } from '../helpers/catalogue.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'bills');
const bills = [
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).map((f) => path.join(FIXTURES, f)),
  path.join(ROOT, 'examples', 'bills', 'sample.bill.md'),
];

const whole = (text: string) => parseMarkdown(sanitizeForMarkdown(text, 0).source);
const pieced = (text: string) => parseInChunks(sanitizeForMarkdown(text, 0).source, parseMarkdown);

/** What a check shows a user: findings, diagnostics, and the structure the editor features read. */
function visible(result: CheckResult) {
  const { bill, analysis, diagnostics, drafting } = result;
  return {
    provisions: bill.provisions.map((p) => [p.id, p.label, p.span, p.headSpan, p.ownSpans]),
    definitions: bill.definitions.map((d) => [d.term, d.span, d.scope]),
    references: bill.references.map((r) => [r.span, r.targetIds]),
    problems: bill.problems,
    findings: analysis.findings.map((f) => [f.elementId, f.status, f.evidence.map((e) => e.span), f.anchor]),
    diagnostics,
    drafting: drafting.map((d) => [d.code, d.span]),
  };
}

// Pieces that create and destroy cut points and constructs that could reach across them.
const INSERTS = ['#', '# ', '\n', '\n## 9. New\n', '```', '\n```\n', '~~~', '<!--', '-->', '<div>', '\n\n', '[x]: /u\n', '> ', '- ', '(1) ', 'x', '\r\n', '\r', '|a|b|\n|-|-|\n', '**', '"child" means '];
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(12), insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 6 })) });

describe('cutting a bill at its divisions', () => {
  it.each(bills.map((b) => [path.basename(b), b]))('gives the whole-text tree for %s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(divisionChunks(text).length).toBeGreaterThan(1);
    expect(pieced(text)).toEqual(whole(text));
  });

  it('gives the whole-text tree on a real statute (the first 400 KB of US Code Title 18)', () => {
    const text = readFileSync(path.join(SHARED, 'bench', 'usc-title-18.md'), 'utf8').slice(0, 400_000);
    expect(divisionChunks(text).length).toBeGreaterThan(100);
    // The pieces are parsed in runs of neighbours (about 25 here).
    expect(pieced(text)).toEqual(whole(text));
  });

  it('parses runs of new pieces together, and after a keystroke only the piece it touched', () => {
    const text = Array.from({ length: 600 }, (_, i) => `## ${i + 1}. Heading ${i + 1}\n\n(1) A person commits an offence.\n\n- item\n`).join('\n');
    const cache = new DocumentCache();
    let parses = 0;
    const counted = (t: string) => ((parses += 1), parseMarkdown(t));
    const first = cache.read(text, text, counted);
    expect(first.plain).toHaveLength(text.length);
    expect(cache.misses).toBe(600);
    expect(parses).toBeGreaterThan(1);
    expect(parses).toBeLessThan(600 / 10);
    parses = 0;
    const at = text.indexOf('## 300.') + 10;
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const second = cache.read(edited, edited, counted);
    expect(parses).toBe(1);
    expect(cache.hits).toBe(599);
    // The reused pieces' events moved by the inserted character; those before the edit did not.
    const starts = (blocks: typeof first.blocks) => blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.span.start : -1));
    expect(starts(second.blocks)).toEqual(starts(first.blocks).map((s) => (s > at ? s + 1 : s)));
  });

  it('does not cut inside fenced code, HTML blocks or a text with link reference definitions', () => {
    const fenced = '# A\n\n```\n# not a heading\n```\n\n# B\n';
    expect(divisionChunks(fenced).map((c) => c.start)).toEqual([0, fenced.indexOf('# B')]);
    const comment = '# A\n<!--\n# inside a comment\n-->\n# B\n';
    expect(divisionChunks(comment).map((c) => c.start)).toEqual([0, comment.indexOf('# B')]);
    const div = '# A\n<div>\n# inside html\n\n# B\n';
    expect(divisionChunks(div).map((c) => c.start)).toEqual([0, div.indexOf('# B')]);
    expect(divisionChunks('# A\n[x]: https://example.org\n# B [x]\n')).toHaveLength(1);
    for (const text of [fenced, comment, div]) expect(pieced(text)).toEqual(whole(text));
  });

  it('reads what front matter, once opened, closed or moved by a BOM, blanks as a read from scratch does', () => {
    const read = (text: string, documentCache?: DocumentCache) => {
      const bill = parseBill(text, 'file:///b.md', documentCache ? { documentCache } : {});
      return { plain: bill.plain, provisions: bill.provisions.map((p) => [p.id, p.span]), problems: bill.problems.map((p) => p.code) };
    };
    const closed = '---\ntitle: Act\n---\n# A\n\n## 1. One\n\n(1) A person commits an offence.\n\n## 2. Two\n\ntext\n';
    // Deleting one "-" of the closing fence leaves the front matter unclosed.
    const unclosed = closed.replace('---\n# A', '--\n# A');
    const cache = new DocumentCache();
    // Typing "---" at the top makes front matter of everything down to a thematic break further on.
    const body = '# A\n\n## 1. One\n\n(1) A person commits an offence.\n\n---\n\n## 2. Two\n\ntext\n';
    for (const text of [closed, unclosed, closed, '\uFEFF' + closed, closed, body, `---\n${body}`, body]) expect(read(text, cache)).toEqual(read(text));
  });

  it('neutralises deep nesting and long delimiter runs an edit brings in, as a read from scratch does', () => {
    // After a text that needed nothing, only the lines an edit touched are tested (DocumentCache.sanitize).
    const read = (text: string, documentCache?: DocumentCache) => {
      const bill = parseBill(text, 'file:///b.md', documentCache ? { documentCache } : {});
      return { plain: bill.plain, provisions: bill.provisions.map((p) => [p.id, p.span]), problems: bill.problems };
    };
    const body = '# A\n\n## 1. One\n\n(1) A person commits an offence.\n\n## 2. Two\n\ntext\n';
    const at = body.indexOf('text');
    const edits = [
      body.slice(0, at) + '\t'.repeat(16) + '> ' + body.slice(at),
      body,
      body.slice(0, at) + '>'.repeat(30) + body.slice(at),
      body,
      body.slice(0, at + 2) + '*'.repeat(80) + body.slice(at + 2),
      body,
      // Two lines that need nothing, then the line break between them deleted: the joined line does.
      body.slice(0, at) + '\t'.repeat(10) + '\n' + '\t'.repeat(6) + '> ' + body.slice(at),
      body.slice(0, at) + '\t'.repeat(10) + '\t'.repeat(6) + '> ' + body.slice(at),
    ];
    const cache = new DocumentCache();
    for (const text of edits) {
      const fresh = read(text);
      expect(read(text, cache)).toEqual(fresh);
    }
    expect(edits.filter((text) => read(text).problems.some((p) => p.code === 'structure/too-deep'))).toHaveLength(3);
  });

  it('after random edits, the bill read from reused pieces is the bill read from scratch', () => {
    const base = readFileSync(path.join(FIXTURES, 'westminster-compliant.bill.md'), 'utf8');
    const read = (text: string, documentCache?: DocumentCache) => {
      const bill = parseBill(text, 'file:///b.md', documentCache ? { documentCache } : {});
      return { plain: bill.plain, provisions: bill.provisions.map((p) => [p.id, p.label, p.span, p.headSpan, p.ownSpans, p.number]), definitions: bill.definitions, references: bill.references, annotations: bill.annotations, problems: bill.problems };
    };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        const cache = new DocumentCache();
        let text = base;
        read(text, cache);
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          expect(read(text, cache)).toEqual(read(text));
          expect(pieced(text)).toEqual(whole(text));
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('searching piece by piece', () => {
  const find = (re: RegExp) => (text: string, span: { start: number; end: number }) =>
    [...text.slice(span.start, span.end).matchAll(re)].map((m) => ({ span: { start: span.start + m.index, end: span.start + m.index + m[0].length } }));
  const relocate = (m: { span: { start: number; end: number } }, d: number) => ({ span: { start: m.span.start + d, end: m.span.end + d } });

  it('finds what a whole-text search finds, including a match across a cut, and reuses unchanged pieces', () => {
    const text = '# A\nchild x\n# B\nchild\n# C\nabuse child y\n';
    const pieces = divisionChunks(text);
    expect(pieces).toHaveLength(3);
    const re = /child(?:\s+#\s+C\s+abuse)?/g;
    const scans = new PieceScans();
    const whole = find(re)(text, { start: 0, end: text.length });
    expect(scans.findAll('k', text, pieces, find(re), relocate)).toEqual(whole);
    expect(whole.some((m) => m.span.end - m.span.start > 5)).toBe(true);
    const edited = 'x' + text;
    const shifted = divisionChunks(edited);
    expect(scans.findAll('k', edited, shifted, find(re), relocate)).toEqual(find(re)(edited, { start: 0, end: edited.length }));
    expect(scans.hits).toBe(2);
  });

  it('after random edits of pieces keyed by id, finds what a whole-text search finds (matches across cuts appearing and vanishing)', () => {
    // Ids as DocumentCache gives them: the same id for the same text. A match across a cut ("child\n# C")
    // turns the head/tail reuse off for that search until it is gone again.
    const re = /child(?:\s+#\s+C)?|#\s+B\s+abuse|\bx{2,}\b/g;
    const ids = new Map<string, number>();
    const keyed = (text: string) => divisionChunks(text).map((p) => ({ ...p, id: ids.get(text.slice(p.start, p.end)) ?? ids.set(text.slice(p.start, p.end), ids.size).size - 1 }));
    const inserts = ['child', '\n# C\n', '\n# B\n', ' abuse ', 'xx', 'x', '\n', '# ', 'c'];
    const step = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(8), insert: fc.constantFrom(...inserts) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const scans = new PieceScans();
        let text = '# A\nchild x\n# B\nchild\n# C\nabuse child y\n# D\nxx yy\n';
        for (const e of steps) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          expect(scans.findAll('k', text, keyed(text), find(re), relocate)).toEqual(find(re)(text, { start: 0, end: text.length }));
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});

describe('checking through the cache', () => {
  it('re-parses only the division a keystroke touched', () => {
    const text = readFileSync(path.join(ROOT, 'examples', 'bills', 'sample.bill.md'), 'utf8');
    const pieces = divisionChunks(text).length;
    const cache = new DocumentCache();
    cache.read(text, text, parseMarkdown);
    expect([cache.hits, cache.misses]).toEqual([0, pieces]);
    const at = text.indexOf('commits an offence');
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    cache.read(edited, edited, parseMarkdown);
    expect([cache.hits, cache.misses]).toEqual([pieces - 1, pieces + 1]);
  });

  it('after 1,000 random keystrokes and edits, equals a full check of the final text', () => {
    const catalogue = builtinCatalogue();
    const uri = 'file:///bills/sample.bill.md';
    let text = readFileSync(path.join(ROOT, 'examples', 'bills', 'sample.bill.md'), 'utf8');
    const documentCache = new DocumentCache();
    // No link reference definition here: one turns off cutting for the whole text (tested above).
    const keystroke = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(2), insert: fc.oneof(fc.constantFrom(...INSERTS.filter((i) => !i.includes(']:'))), fc.string({ maxLength: 3 })) });
    const edits = fc.sample(keystroke, { numRuns: 1000, seed: 20261123 });
    for (const [i, e] of edits.entries()) {
      const at = Math.floor(e.at * text.length);
      text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      const incremental = checkText(text, uri, catalogue, { documentCache });
      // Every hundredth version, and the last, against a check from scratch.
      if (i % 100 === 99) expect(visible(incremental)).toEqual(visible(checkText(text, uri, catalogue)));
    }
  });
});
