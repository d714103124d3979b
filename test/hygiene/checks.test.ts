// Each drafting check, positive and negative, on small bills — and the traps a legislative counsel
// would not fall into: capitalised ordinary words, sentence capitals, proper names, signpost
// definitions, quoted titles and amendments, treaty articles, inserted numbers, Markdown lists.
import { describe, expect, it } from 'vitest';
import { bill, codes, found } from './helpers.js';

const DEFS = `## 1. Interpretation

In this Act—

“child” means a person under the age of 18 years;

“image” includes a photograph or film.`;

describe('drafting/undefined-term', () => {
  it('flags a quoted term-like phrase the bill does not define, once per phrase', () => {
    const text = bill(`${DEFS}\n\n## 2. Offence\n\nA person who makes a “sexual image” of a child, or any other “sexual image”, commits an offence.`);
    expect(found(text, 'drafting/undefined-term')).toEqual(['drafting/undefined-term: sexual image']);
  });

  it('flags a bold phrase where the bill defines its terms in bold', () => {
    const text = bill('## 1. Interpretation\n\n**child** means a person under 18;\n\n**image** includes a film.\n\n## 2. Offence\n\nA person who possesses an image of a child or **abuse material** commits an offence.');
    expect(found(text, 'drafting/undefined-term')).toEqual(['drafting/undefined-term: abuse material']);
  });

  it('leaves defined terms (and their plurals), titles, amendments and inline definitions alone', () => {
    const text = bill(`${DEFS}

## 2. Offence

(1) A person who shows “images” of a “child” commits an offence under the “Protection of Children Act 1978”.

(2) In section 4 of the Criminal Code, omit “indecent photograph” and substitute “indecent image”.

(3) The Council of Europe Convention on Cybercrime (the “Budapest Convention”) applies, and the “Budapest Convention” governs.

(4) «minor» has a corresponding meaning.`);
    expect(found(text, 'drafting/undefined-term')).toEqual([]);
  });

  it('does not apply where the bill does not mark its definitions (no style to go by)', () => {
    const text = bill('## 1. Interpretation\n\nIn this Act child means a person under 18.\n\n## 2. Offence\n\nA person who possesses “abuse material” commits an offence.');
    expect(codes(text)).not.toContain('drafting/undefined-term');
  });

  it('never inside quoted treaty text', () => {
    const text = bill(`${DEFS}\n\n## 2. Treaty\n\n> Each Party shall criminalise “sexual images” of a child.\n\nA person who makes an image of a child commits an offence.`);
    expect(codes(text)).not.toContain('drafting/undefined-term');
  });
});

describe('drafting/unused-definition', () => {
  it('flags a definition never used where it applies', () => {
    expect(found(bill(`${DEFS}\n\n## 2. Offence\n\nA person who sells a child commits an offence.`), 'drafting/unused-definition')).toEqual(['drafting/unused-definition: image']);
  });

  it('counts plurals, possessives and case variants at a sentence start as uses, but not the term inside its own definition', () => {
    const used = bill(`${DEFS}\n\n## 2. Offence\n\nImages of children, and a child’s image, are covered.`);
    expect(codes(used)).not.toContain('drafting/unused-definition');
    const self = bill('## 1. Interpretation\n\nIn this Act—\n\n“film” includes any record from which a moving image may be produced, and a part of a film;\n\n“child” means a person under 18.\n\n## 2. Offence\n\nA person who photographs a child commits an offence.');
    expect(found(self, 'drafting/unused-definition')).toEqual(['drafting/unused-definition: film']);
  });

  it('does not count a use outside the provision the definition is limited to', () => {
    const text = bill('## Part 1 — General\n\n### 1. Duties\n\n(1) In this section, “platform” means an online service.\n\n(2) A person must report abuse.\n\n## Part 2 — More\n\n### 2. Platforms\n\nEvery Platform must report abuse.');
    expect(codes(text)).toContain('drafting/unused-definition');
  });

  it('a signpost ("has the meaning given by section 3") is not an unused definition', () => {
    const text = bill('## 2. Interpretation\n\nIn this Act, “child sexual abuse material” has the meaning given by section 3.\n\n## 3. Meaning\n\nIn this Act, “child sexual abuse material” means any image of a child in sexual activity.\n\n## 4. Offence\n\nA person who possesses child sexual abuse material commits an offence.');
    expect(codes(text)).toEqual([]);
  });
});

describe('drafting/duplicate-definition', () => {
  it('flags a second definition over the same ground, saying whether the meanings differ', () => {
    const twice = bill('## 1. Interpretation\n\nIn this Act, “child” means a person under 18.\n\n## 2. More\n\nIn this Act, “child” means a person under 18.\n\n## 3. Offence\n\nA person who harms a child commits an offence.');
    const { found: f } = { found: found(twice, 'drafting/duplicate-definition') };
    expect(f).toEqual(['drafting/duplicate-definition: child']);
  });

  it('allows the same term defined for two separate Parts', () => {
    const text = bill('## Part 1 — One\n\n### 1. Meaning\n\n(1) In this Part, “officer” means a police officer.\n\n(2) An officer may seize material.\n\n## Part 2 — Two\n\n### 2. Meaning\n\n(1) In this Part, “officer” means a customs officer.\n\n(2) An officer may detain goods.');
    expect(codes(text)).not.toContain('drafting/duplicate-definition');
  });

  it('flags a Part definition nested inside an Act-wide one', () => {
    const text = bill('## Part 1 — One\n\n### 1. Meaning\n\nIn this Act, “officer” means a police officer.\n\n## Part 2 — Two\n\n### 2. Meaning\n\n(1) In this Part, “officer” means a customs officer.\n\n(2) An officer may detain goods.');
    expect(codes(text)).toContain('drafting/duplicate-definition');
  });
});

describe('drafting/inconsistent-term-form and drafting/ambiguous-term-case', () => {
  const csam = '## 1. Interpretation\n\nIn this Act, “child sexual abuse material” means an image of a child in sexual activity.\n\n## 2. Offence\n\n';

  it('flags a defined term written in title case mid-sentence', () => {
    expect(found(bill(`${csam}A person who makes Child Sexual Abuse Material commits an offence.`), 'drafting/inconsistent-term-form')).toEqual([
      'drafting/inconsistent-term-form: Child Sexual Abuse Material',
    ]);
  });

  it('accepts a sentence capital, ALL CAPS, headings and proper names that contain the term', () => {
    const text = bill(`${csam}(1) Child sexual abuse material may be seized.\n\n(2) POSSESSING CHILD SEXUAL ABUSE MATERIAL IS AN OFFENCE.\n\n(3) This Act amends the Child Sexual Abuse Material (Offences) Act 2020.\n\n## 3. Forfeiture of Child Sexual Abuse Material\n\nA court may order the forfeiture of child sexual abuse material.`);
    expect(codes(text)).toEqual([]);
  });

  it('the capitalisation trap: “Services” defined, “services” is the ordinary word until the drafter says otherwise', () => {
    const text = bill('## 1. Interpretation\n\nIn this Act, “Services” means the hosting services listed in the Schedule.\n\n## 2. Duty\n\n(1) A provider of Services must report abuse.\n\n(2) A provider of financial services must report fraud.');
    // One advisory note for the term, not an "inconsistent form" per occurrence.
    expect(found(text)).toEqual(['drafting/ambiguous-term-case: services']);
    expect(codes(`${text}\n<!-- concordance: ordinary services -->\n`)).toEqual([]);
  });

  it('a lower-case multi-word variant of a capitalised term is inconsistent', () => {
    const text = bill('## 1. Interpretation\n\nIn this Act, “Online Safety Regulator” means the body established by section 5.\n\n## 2. Duty\n\nThe online safety regulator must publish guidance, and the Online Safety Regulator may audit.\n\n## 5. Establishment\n\nThe Online Safety Regulator is established.');
    expect(found(text, 'drafting/inconsistent-term-form')).toEqual(['drafting/inconsistent-term-form: online safety regulator']);
  });
});

describe('drafting/definition-out-of-scope', () => {
  it('flags a use beyond "In this Part", once per provision', () => {
    const text = bill('## Part 1 — Platforms\n\n### 1. Duty\n\n(1) In this Part, “online platform” means a service for sharing content.\n\n(2) An online platform must report abuse.\n\n## Part 2 — Penalties\n\n### 2. Fines\n\nAn online platform that fails to report, or an online platform that delays, is liable to a fine.');
    expect(found(text, 'drafting/definition-out-of-scope')).toEqual(['drafting/definition-out-of-scope: online platform']);
  });

  it('leaves a run-in heading a code was converted with alone ("(4) Online platform ."), not a sentence', () => {
    const defined = '## Part 1 — Platforms\n\n### 1. Duty\n\n(1) In this Part, “online platform” means a service for sharing content.\n\n(2) An online platform must report abuse.\n\n## Part 2 — Other\n\n### 2. Notes\n\n';
    expect(codes(bill(`${defined}(4) Online platform .\n\n(5) Text.`))).not.toContain('drafting/definition-out-of-scope');
    expect(found(bill(`${defined}(4) Online platform applies.\n\n(5) Text.`), 'drafting/definition-out-of-scope')).toEqual(['drafting/definition-out-of-scope: Online platform']);
  });

  it('leaves single lower-case words alone (they are usually the ordinary word there)', () => {
    const text = bill('## 1. Duty\n\n(1) In this section, “audience” means the persons watching.\n\n(2) A performance before an audience is public.\n\n## 2. Other\n\nA lecture before an audience is not covered.');
    expect(codes(text)).not.toContain('drafting/definition-out-of-scope');
  });
});

describe('drafting/broken-reference', () => {
  const body = '## 1. One\n\n(1) A person commits an offence.\n\n(2) Text.\n\n## 2. Two\n\n';
  it('flags a reference to a section the bill does not have', () => {
    expect(found(bill(`${body}Section 7 applies.`), 'drafting/broken-reference')).toEqual(['drafting/broken-reference: Section 7']);
  });

  it('flags a reference into a subdivision that no longer exists (renumbered)', () => {
    expect(found(bill(`${body}(1) Section 1(3) applies.\n\n(2) Subsection (4) applies.`), 'drafting/broken-reference')).toEqual([
      'drafting/broken-reference: Section 1(3)',
      'drafting/broken-reference: Subsection (4)',
    ]);
  });

  it('checks lists and ranges element by element, not the numbers a range only spans', () => {
    const text = bill(`${body}(1) Sections 1, 2 and 6 apply.\n\n(2) Sections 1 to 2 apply, and sections 1 to 9 do not.`);
    expect(found(text, 'drafting/broken-reference')).toEqual(['drafting/broken-reference: 6', 'drafting/broken-reference: 9']);
  });

  it('leaves external references, treaty articles, "this section" and quoted treaty text alone', () => {
    const text = bill(`${body}(1) Section 99 of the Criminal Code applies, and so does section 12 of the Evidence Act 1995.\n\n(2) Article 9(1)(e) of the Convention is reserved; this section applies.\n\n> Article 9(4) permits a reservation.`);
    expect(codes(text)).not.toContain('drafting/broken-reference');
  });

  it('is an error by default, every other drafting code is advisory', async () => {
    const { DRAFTING_CODES } = await import('../../server/src/hygiene/codes.js');
    for (const [code, { severity }] of Object.entries(DRAFTING_CODES)) expect(severity, code).toBe(code === 'drafting/broken-reference' ? 'error' : severity === 'warning' ? 'warning' : 'info');
  });
});

describe('numbering', () => {
  it('inserted sections (8A between 8 and 9) are not gaps; a missing 9 is', () => {
    const ok = bill('## 8. A\n\nText.\n\n## 8A. B\n\nText.\n\n## 8B. C\n\nText.\n\n## 9. D\n\nText.');
    expect(codes(ok)).toEqual([]);
    const gap = bill('## 8. A\n\nText.\n\n## 8A. B\n\nText.\n\n## 10. D\n\nText.');
    expect(found(gap)).toEqual(['drafting/numbering-gap: 10']);
  });

  it('flags duplicates, numbers out of order, a level starting at (2)', () => {
    expect(codes(bill('## 1. A\n\n(1) Text.\n\n(2) Text.\n\n(2) Text.'))).toEqual(['drafting/duplicate-number']);
    expect(codes(bill('## 1. A\n\n(1) Text.\n\n(3) Text.\n\n(2) Text.'))).toEqual(['drafting/numbering-order']);
    expect(found(bill('## 1. A\n\n(2) Text.\n\n(3) Text.'))).toEqual(['drafting/numbering-gap: 2']);
  });

  it('flags mixed schemes at one level: (a), (b), (iii)', () => {
    expect(codes(bill('## 1. A\n\n(1) A person who—\n\n(a) x;\n\n(b) y; or\n\n(iii) z,\n\ncommits an offence.\n\n(2) Text.'))).toEqual(['drafting/mixed-numbering']);
    // (h), (i), (j) are letters, and (i), (ii) under (h) a proper sub-level.
    expect(codes(bill('## 1. A\n\n(1) A person who—\n\n(h) x;\n\n(i) y; or\n\n(j) z.\n\n(2) Text.')).filter((c) => c !== 'drafting/numbering-gap')).toEqual([]);
    expect(codes(bill('## 1. A\n\n(1) A person who—\n\n(a) x, namely—\n\n(i) p; or\n\n(ii) q; or\n\n(b) y.\n\n(2) Text.'))).toEqual([]);
  });

  it('flags a lone (1), not a Markdown list written "1." "1." "1."', () => {
    expect(codes(bill('## 1. A\n\n(1) Text.\n\n## 2. B\n\nText.'))).toEqual(['drafting/lone-subdivision']);
    expect(codes(bill('## 1. A\n\nThe following apply:\n\n1. one;\n1. two;\n1. three.\n\n## 2. B\n\nText.'))).toEqual([]);
  });

  it('reads section numbering per chapter when the bill numbers it so (US Code style)', () => {
    const text = bill('## Chapter 1 — A\n\n### § 101. One\n\nText.\n\n### § 102. Two\n\nText.\n\n## Chapter 3 — B\n\n### § 301. Three\n\nText.\n\n### § 302. Four\n\nText.');
    expect(codes(text)).toEqual(['drafting/numbering-gap']); // chapter 2 is missing; §301 after §102 is not a gap
  });
});

describe('drafting/preferred-terminology', () => {
  it('hints at the definition (with a rename fix) or at each use when there is none', () => {
    expect(found(bill('## 1. Interpretation\n\nIn this Act, “child pornography” means any image.\n\n## 2. Offence\n\nA person who possesses child pornography commits an offence.'))).toEqual([
      'drafting/preferred-terminology: child pornography',
    ]);
    expect(found(bill('## 1. Offence\n\n(1) Possessing child pornography is an offence.\n\n(2) Selling Child Pornography is an offence.'))).toEqual([
      'drafting/preferred-terminology: child pornography',
      'drafting/preferred-terminology: Child Pornography',
    ]);
  });

  it('never inside quoted treaty text, quotation marks or the title of an instrument', () => {
    const text = bill(`## 1. Purpose

This Act implements the Optional Protocol to the Convention on the Rights of the Child on the sale of children,
child prostitution and child pornography, and Directive 2011/93/EU on combating child pornography.

> For the purpose of this Protocol, child pornography means any representation …

The words “child pornography” in the Protocol mean child sexual abuse material.`);
    expect(codes(text)).toEqual([]);
  });
});

describe('extensions are not duplicates', () => {
  it('"“x” includes …" beside "“x” means …" is a recognised way to extend a definition', () => {
    const text = bill('## 1. Interpretation\n\nIn this Act, “image” means a photograph.\n\n## 2. More\n\nIn this Act, “image” includes a film.\n\n## 3. Offence\n\nA person who makes an image commits an offence.');
    expect(codes(text)).toEqual([]);
  });
});
