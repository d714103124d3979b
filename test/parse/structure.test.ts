import { describe, expect, it } from 'vitest';
import { checkInvariants, outline, parseBill, prov, slice } from './helpers.js';

describe('divisions from headings', () => {
  it.each([
    ['## Part 2 — Offences', 'part-2', 'Part 2', 'part', 'Offences'],
    ['## PART II', 'part-II', 'Part II', 'part', undefined],
    ['## Section 3. Possession', 's-3', 'Section 3', 'section', 'Possession'],
    ['## 3. Possession', 's-3', 'Section 3', 'section', 'Possession'],
    ['## 3 Possession', 's-3', 'Section 3', 'section', 'Possession'],
    ['### § 2252A. Certain activities', 's-2252A', '§ 2252A', 'section', 'Certain activities'],
    ['## Article 5', 'art-5', 'Article 5', 'article', undefined],
    ['## Art. 5 — Offences', 'art-5', 'Article 5', 'article', 'Offences'],
    ['### Chapter II', 'ch-II', 'Chapter II', 'chapter', undefined],
    ['## Division 3', 'div-3', 'Division 3', 'division', undefined],
    ['## Schedule 1', 'sch-1', 'Schedule 1', 'schedule', undefined],
    ['## Annex', 'annex', 'Annex', 'schedule', undefined],
    ['## CHAPTER 1— GENERAL PROVISIONS', 'ch-1', 'Chapter 1', 'chapter', 'GENERAL PROVISIONS'],
  ])('%s', (heading, id, label, kind, text) => {
    const bill = parseBill(`# A Bill\n\n${heading}\n\nSome text.\n`);
    const p = prov(bill, id);
    expect(p.label).toBe(label);
    expect(p.kind).toBe(kind);
    expect(p.heading).toBe(text);
    expect(slice(bill, p.headSpan)).toBe(heading);
    expect(bill.title).toBe('A Bill');
  });

  it('unnumbered headings are kind heading and do not change the ids of numbered provisions', () => {
    const bill = parseBill('# Bill\n\n## Preliminary\n\n## 1. Short title\n\nText.\n\n## Interpretation\n\n## 2. Definitions\n\n(1) A.\n\n### Marginal note\n\n(2) B.\n');
    expect(outline(bill)).toEqual([
      'h-preliminary | Preliminary',
      's-1 | Section 1',
      'h-interpretation | Interpretation',
      's-2 | Section 2',
      's-2/1 | Section 2(1)',
      's-2/h-marginal-note | Marginal note',
      's-2/2 | Section 2(2)',
    ]);
    expect(prov(bill, 'h-preliminary').kind).toBe('heading');
  });

  it('a Part contains its sections at the same heading depth; deeper headings nest', () => {
    const bill = parseBill('# Bill\n\n## Part 1\n\n## 1. A\n\n## 2. B\n\n## Part 2\n\n### 3. C\n');
    expect(outline(bill)).toEqual(['part-1 | Part 1', 'part-1/s-1 | Section 1', 'part-1/s-2 | Section 2', 'part-2 | Part 2', 'part-2/s-3 | Section 3']);
    expect(prov(bill, 'part-1/s-2').parentId).toBe('part-1');
  });

  it('a first-level Part heading is not mistaken for the title; front matter title is used', () => {
    const bill = parseBill('---\ntitle: Front Title\n---\n# Part 1 — Preliminary\n\n## 1. Short title\n');
    expect(bill.title).toBe('Front Title');
    expect(outline(bill)).toEqual(['part-1 | Part 1', 'part-1/s-1 | Section 1']);
  });

  it('duplicate numbers get a suffix and a problem', () => {
    const bill = parseBill('# B\n\n## 3. One\n\nx\n\n## 3. Two\n\ny\n');
    expect(outline(bill)).toEqual(['s-3 | Section 3', 's-3~2 | Section 3']);
    expect(bill.problems.map((p) => p.code)).toEqual(['structure/duplicate-number']);
  });

  it('keyword heading without a number is reported as unnumbered', () => {
    const bill = parseBill('# B\n\n## Section — Offences\n\nx\n');
    expect(bill.problems.map((p) => p.code)).toEqual(['structure/unnumbered']);
    expect(bill.provisions[1]?.kind).toBe('heading');
  });

  it('bold section numbers open sections', () => {
    const bill = parseBill('# B\n\n**3.** Possession\n(1) A person who possesses it commits an offence.\n\n**4.** Access\n\nText.\n');
    expect(outline(bill)).toEqual(['s-3 | Section 3', 's-3/1 | Section 3(1)', 's-4 | Section 4']);
    expect(prov(bill, 's-3').heading).toBe('Possession');
  });
});

describe('subdivisions', () => {
  it('Westminster (1) → (a) → (i) with labels, ids and spans', () => {
    const text = '# B\n\n## 4. Possession\n\n(1) A person who—\n\n(a) has it; or\n\n(b) controls it,\n\n(i) alone, or\n\n(ii) jointly,\n\ncommits an offence.\n\n(2) Other.\n';
    const bill = parseBill(text);
    expect(outline(bill)).toEqual([
      's-4 | Section 4',
      's-4/1 | Section 4(1)',
      's-4/1/a | Section 4(1)(a)',
      's-4/1/b | Section 4(1)(b)',
      's-4/1/b/i | Section 4(1)(b)(i)',
      's-4/1/b/ii | Section 4(1)(b)(ii)',
      's-4/2 | Section 4(2)',
    ]);
    const one = prov(bill, 's-4/1');
    expect(slice(bill, one.headSpan)).toBe('(1)');
    expect(slice(bill, one.chapeau)).toBe('A person who—');
    expect(slice(bill, one.closingWords)).toBe('commits an offence.');
    expect(prov(bill, 's-4/1/b/i').scheme).toBe('lower-roman');
    expect(slice(bill, prov(bill, 's-4/1/a').ownSpans[0])).toBe('has it; or');
    checkInvariants(bill);
  });

  it('US (a) → (1) → (A) → (i) → (I)', () => {
    const bill = parseBill('# B\n\n## § 2252A. X\n\n(a) In general.\n\n(1) one\n\n(A) big\n\n(i) small\n\n(I) roman\n\n(II) roman two\n\n(ii) small two\n\n(B) big two\n\n(2) two\n\n(b) bee\n');
    expect(outline(bill).map((l) => l.split(' | ')[1])).toEqual([
      '§ 2252A', '§ 2252A(a)', '§ 2252A(a)(1)', '§ 2252A(a)(1)(A)', '§ 2252A(a)(1)(A)(i)', '§ 2252A(a)(1)(A)(i)(I)',
      '§ 2252A(a)(1)(A)(i)(II)', '§ 2252A(a)(1)(A)(ii)', '§ 2252A(a)(1)(B)', '§ 2252A(a)(2)', '§ 2252A(b)',
    ]);
    expect(prov(bill, 's-2252A/a/1/A/i/I').scheme).toBe('upper-roman');
  });

  it('civil law: Article → 1. list items → a) points, closing words after the last point', () => {
    const bill = parseBill('# L\n\n## Article 5\n\n1. Whoever produces it shall be punished.\n\n2. Whoever:\n\na) offers it;\n\nb) sells it,\n\nshall be punished.\n\n3. Other.\n');
    expect(outline(bill)).toEqual(['art-5 | Article 5', 'art-5/1 | Article 5(1)', 'art-5/2 | Article 5(2)', 'art-5/2/a | Article 5(2)(a)', 'art-5/2/b | Article 5(2)(b)', 'art-5/3 | Article 5(3)']);
    expect(prov(bill, 'art-5/2').style).toBe('list');
    expect(prov(bill, 'art-5/2/a').style).toBe('close-paren');
    expect(slice(bill, prov(bill, 'art-5/2').closingWords)).toBe('shall be punished.');
  });

  describe('roman / letter ambiguity', () => {
    const letters = 'abcdefgh'.split('').map((l) => `(${l}) x;`).join('\n\n');
    it('"(i)" after "(h)" is the letter i', () => {
      const bill = parseBill(`# B\n\n## 1. S\n\n${letters}\n\n(i) x;\n\n(j) x.\n`);
      expect(prov(bill, 's-1/i').scheme).toBe('lower-alpha');
      expect(prov(bill, 's-1/i').parentId).toBe('s-1');
    });
    it('"(i)" after "(h)" followed by "(ii)" opens a roman level', () => {
      const bill = parseBill(`# B\n\n## 1. S\n\n${letters}\n\n(i) x;\n\n(ii) x.\n`);
      expect(prov(bill, 's-1/h/i').scheme).toBe('lower-roman');
      expect(prov(bill, 's-1/h/ii').parentId).toBe('s-1/h');
    });
    it('"(i)" after "(a)" is roman, and "(v)" after "(iv)" stays roman', () => {
      const bill = parseBill('# B\n\n## 1. S\n\n(a) x\n\n(i) one\n\n(ii) two\n\n(iii) three\n\n(iv) four\n\n(v) five\n\n(b) y\n');
      expect(prov(bill, 's-1/a/v').scheme).toBe('lower-roman');
      expect(prov(bill, 's-1/b').scheme).toBe('lower-alpha');
    });
    it('"(v)" after "(u)" is a letter; "(I)" after "(H)" is a letter', () => {
      const abc = 'abcdefghijklmnopqrstu'.split('').map((l) => `(${l}) x`).join('\n\n');
      const bill = parseBill(`# B\n\n## 1. S\n\n${abc}\n\n(v) x\n\n## 2. T\n\n${'ABCDEFGH'.split('').map((l) => `(${l}) x`).join('\n\n')}\n\n(I) x\n`);
      expect(prov(bill, 's-1/v').scheme).toBe('lower-alpha');
      expect(prov(bill, 's-2/I').scheme).toBe('upper-alpha');
    });
  });

  it('soft line breaks inside one paragraph split into subdivisions', () => {
    const bill = parseBill('# B\n\n## 1. S\n\n(1) A person who—\n(a) does x; or\n(b) does y,\ncommits an offence.\n');
    expect(outline(bill)).toEqual(['s-1 | Section 1', 's-1/1 | Section 1(1)', 's-1/1/a | Section 1(1)(a)', 's-1/1/b | Section 1(1)(b)']);
    expect(slice(bill, prov(bill, 's-1/1/b').ownSpans[0])).toBe('does y,');
    expect(slice(bill, prov(bill, 's-1/1').closingWords)).toBe('commits an offence.');
  });

  it('a number after "section"/"subsection" at the end of a line is a reference, not a new paragraph', () => {
    const bill = parseBill('# B\n\n## 1. S\n\n(1) An offence under subsection\n(2) is punishable.\n');
    expect(outline(bill)).toEqual(['s-1 | Section 1', 's-1/1 | Section 1(1)']);
  });

  it('nested Markdown lists decide nesting; bullets starting with (a) are numbered', () => {
    const bill = parseBill('# B\n\n## 1. S\n\n1. First—\n   - (a) one;\n   - (b) two.\n2. Second.\n');
    expect(outline(bill)).toEqual(['s-1 | Section 1', 's-1/1 | Section 1(1)', 's-1/1/a | Section 1(1)(a)', 's-1/1/b | Section 1(1)(b)', 's-1/2 | Section 1(2)']);
  });

  it('unnumbered text after a child that does not continue the sentence stays with the child', () => {
    const bill = parseBill('# B\n\n## 1. S\n\n(1) A person who—\n\n(a) does x.\n\nExplanation: this is not closing.\n');
    expect(prov(bill, 's-1/1').closingWords).toBeUndefined();
    expect(prov(bill, 's-1/1/a').ownSpans.map((s) => bill.text.slice(s.start, s.end))).toEqual(['does x.', 'Explanation: this is not closing.']);
  });

  it('repeated identical grouping headings (chunked sources) continue the same division', () => {
    const bill = parseBill('# Title 18\n\n### CHAPTER 1— GENERAL\n#### § 2. A\n\n(a) x\n\n# Title 18\n\n### CHAPTER 1— GENERAL\n#### § 3. B\n\n(a) y\n');
    expect(outline(bill)).toEqual(['ch-1 | Chapter 1', 'ch-1/s-2 | § 2', 'ch-1/s-2/a | § 2(a)', 'ch-1/s-3 | § 3', 'ch-1/s-3/a | § 3(a)']);
  });
});
