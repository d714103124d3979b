// One small bill per element and trap: positive and negative cases, data-driven.
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/service/check.js';
import { builtinCatalogue } from '../helpers/catalogue.js';

const DEFS = `## 2. Interpretation

In this Act—

"child" means a person under the age of 18 years;

"child sexual abuse material" means any representation, by whatever means, of a child engaged in real or simulated sexually explicit conduct, or any representation of the sexual organs of a child for primarily sexual purposes.
`;

function bill(body: string, defs = DEFS): string {
  return `# Test Bill\n\n${defs}\n## Part 2 — Offences\n\n${body}\n`;
}

function statusOf(text: string, element: string, instruments?: string[]) {
  const { analysis } = checkText(text, 'file:///test.md', builtinCatalogue(), instruments ? { instruments } : {});
  const finding = analysis.findings.find((f) => f.elementId === element)!;
  return finding;
}

type Case = [name: string, body: string, element: string, status: string, instrument?: string];

const offenceCases: Case[] = [
  ['simple possession', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.', 'offence/possession', 'met'],
  ['possession in custody or control', '## 3. Possession\n\nA person who has in his or her custody or control child sexual abuse material commits an offence.', 'offence/possession', 'met'],
  ['possession with intent to distribute is partial', '## 3. Possession\n\nA person who possesses child sexual abuse material with intent to distribute it commits an offence.', 'offence/possession', 'partial'],
  ['possession with intent is met for OPSC', '## 3. Possession\n\nA person who possesses child sexual abuse material for the purpose of its distribution commits an offence.', 'offence/possession', 'met', 'opsc'],
  ['a defence mentioning possession is not the offence', '## 3. Defence\n\nIt is a defence to a charge under section 4 that the person possessed child sexual abuse material for legitimate research.', 'offence/possession', 'missing'],
  ['an exception is not the offence', '## 3. Exceptions\n\nThis Part does not apply to a person who possesses child sexual abuse material in the course of law enforcement duties.', 'offence/possession', 'missing'],
  ['a repealed section is not the offence', '## 3. Repeal\n\nSection 9 (importation of child sexual abuse material) is repealed.', 'offence/import-export', 'missing'],
  ['an offence under another Act is not this bill\'s offence', '## 3. Consequential\n\nA person convicted of an offence under section 1 of the Protection of Children Act 1978 who imports child sexual abuse material may be disqualified.', 'offence/import-export', 'missing'],
  ['distribution through a chapeau list', '## 3. Dealing\n\n(1) A person who—\n\n(a) distributes child sexual abuse material; or\n\n(b) transmits child sexual abuse material,\n\ncommits an offence.', 'offence/distribution', 'met'],
  ['production as making', '## 3. Making\n\nA person who makes child sexual abuse material commits an offence.', 'offence/production', 'met'],
  ['"makes available" is offering, not production', '## 3. Making available\n\nA person who makes available child sexual abuse material commits an offence.', 'offence/production', 'missing'],
  ['"makes available" is offering', '## 3. Making available\n\nA person who makes available child sexual abuse material commits an offence.', 'offence/offering', 'met'],
  ['selling', '## 3. Sale\n\nA person who sells or lets on hire child sexual abuse material commits an offence.', 'offence/selling', 'met'],
  ['sale only through supply is partial', '## 3. Supply\n\nA person who supplies child sexual abuse material commits an offence.', 'offence/selling', 'partial'],
  ['"for the purpose of sale" is not selling', '## 3. Possession\n\nA person who possesses child sexual abuse material for the purpose of sale commits an offence.', 'offence/selling', 'missing'],
  ['import and export', '## 3. Import\n\nA person who imports or exports child sexual abuse material commits an offence.', 'offence/import-export', 'met'],
  ['procuring as obtaining', '## 3. Obtaining\n\nA person who obtains or downloads child sexual abuse material commits an offence.', 'offence/procuring', 'met'],
  ['"obtains access" is access, not procuring', '## 3. Access\n\nA person who knowingly obtains access to child sexual abuse material by means of information and communication technologies commits an offence.', 'offence/procuring', 'missing'],
  ['access', '## 3. Access\n\nA person who knowingly obtains access to child sexual abuse material by means of information and communication technologies commits an offence.', 'offence/access', 'met'],
  ['conduct without an offence marker is not an offence', '## 3. Purpose\n\nThe purpose of this Part is to stop people who distribute child sexual abuse material.', 'offence/distribution', 'missing'],
  ['conduct not about the material is not the offence', '## 3. Firearms\n\nA person who possesses a firearm without a licence commits an offence.', 'offence/possession', 'missing'],
  ['performances', '## 3. Performances\n\nA person who recruits or causes a child to participate in a pornographic performance commits an offence.', 'offence/performances', 'met'],
];

const generalCases: Case[] = [
  ['attempt and aiding', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Attempts\n\nA person who attempts to commit, or aids or abets the commission of, an offence under this Act commits an offence.', 'general/attempt-complicity', 'met'],
  ['attempt only is partial', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Attempts\n\nA person who attempts to commit an offence under this Act commits an offence.', 'general/attempt-complicity', 'partial'],
  ['imprisonment with years', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence and is liable to imprisonment for a term not exceeding 5 years.', 'general/penalties', 'met'],
  ['fine only is not deprivation of liberty', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence and is liable to a fine not exceeding 1,000 dollars.', 'general/penalties', 'missing'],
  ['penalty in another section that refers back', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Penalty\n\nA person who contravenes section 3 is liable to imprisonment for a term not exceeding 2 years.', 'general/penalties', 'met'],
  ['penalty for "offences under this Act" in a general section', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 9. General penalty\n\nA person who commits an offence under this Act is liable to imprisonment for a term not exceeding 5 years.', 'general/penalties', 'met'],
  ['a general section that speaks of offences under another Act sets no penalty here', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 9. Other penalties\n\nA person who commits an offence under the Customs Act is liable to imprisonment for a term not exceeding 5 years.', 'general/penalties', 'missing'],
  ['penalty below the Directive minimum is partial for the Directive only', '## 3. Production\n\nA person who produces child sexual abuse material commits an offence and is liable to imprisonment for a term not exceeding 2 years.', 'general/penalties', 'partial'],
  ['penalty below the Directive minimum is met for OPSC', '## 3. Production\n\nA person who produces child sexual abuse material commits an offence and is liable to imprisonment for a term not exceeding 2 years.', 'general/penalties', 'met', 'opsc'],
  ['jurisdiction over citizens abroad', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Jurisdiction\n\nAn offence under this Act committed outside the territory by a citizen may be tried as if committed within it.', 'general/jurisdiction', 'met'],
  ['territorial jurisdiction abroad without nationality is partial', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Jurisdiction\n\nAn offence under this Act committed partly outside the territory may be tried here.', 'general/jurisdiction', 'partial'],
  ['legal persons', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Bodies corporate\n\nA body corporate may be held liable for an offence under this Act.', 'general/legal-persons', 'met'],
  ['confiscation of material and proceeds', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Forfeiture\n\nOn conviction of an offence under this Act the court shall order the forfeiture of the material and of the proceeds of the offence.', 'general/confiscation', 'met'],
  ['a general rule in an unrelated code is not evidence', '## 3. Firearms\n\nA person who possesses a firearm commits an offence.\n\n## 4. Attempts\n\nA person who attempts to commit, or aids or abets, an offence under section 3 commits an offence.', 'general/attempt-complicity', 'missing'],
  ['provider reporting', '## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.\n\n## 4. Reporting\n\nAn internet service provider must report child sexual abuse material on its service to the police.', 'online/provider-reporting', 'met'],
];

const definitionCases: Case[] = [
  ['age 18 in digits', '', 'definition/child-under-18', 'met'],
  ['age sixteen in words is partial', '', 'definition/child-under-18', 'partial'],
  ['age sixteen is met for Budapest (9(3) permits 16)', '', 'definition/child-under-18', 'met', 'budapest'],
  ['material definition with every limb', '', 'definition/material', 'met'],
  ['simulated present', '', 'definition/real-or-simulated', 'met'],
  ['sexual organs present', '', 'definition/sexual-parts', 'met'],
  ['any means present', '', 'definition/any-means', 'met'],
  ['no appearing-minor limb', '', 'definition/appearing-minor', 'missing'],
  ['no realistic-images limb', '', 'definition/realistic-images', 'missing'],
];

const SIXTEEN = DEFS.replace('under the age of 18 years', 'under the age of sixteen years');

describe('offence elements', () => {
  it.each(offenceCases)('%s', (_name, body, element, status, instrument) => {
    const finding = statusOf(bill(body), element, instrument ? [instrument] : undefined);
    expect(finding.status, finding.reason).toBe(status);
  });
});

describe('general elements', () => {
  it.each(generalCases)('%s', (_name, body, element, status, instrument) => {
    const finding = statusOf(bill(body), element, instrument ? [instrument] : undefined);
    expect(finding.status, finding.reason).toBe(status);
  });
});

describe('definition elements', () => {
  it.each(definitionCases)('%s', (name, _body, element, status, instrument) => {
    const defs = name.includes('sixteen') ? SIXTEEN : DEFS;
    const finding = statusOf(bill('## 3. Possession\n\nA person who possesses child sexual abuse material commits an offence.', defs), element, instrument ? [instrument] : undefined);
    expect(finding.status, finding.reason).toBe(status);
  });

  it('reports differing ages across the bill as partial, anchored on the lower age', () => {
    const text = bill('## 3. Possession\n\nA person who possesses an indecent photograph of a person under the age of 16 years commits an offence.');
    const finding = statusOf(text, 'definition/child-under-18');
    expect(finding.status).toBe('partial');
    expect(text.slice(finding.anchor.start, finding.anchor.end)).toMatch(/16/);
    expect(finding.figures).toMatchObject({ age: 18, otherAges: [16] });
  });

  it('finds the material through the bill\'s own defined term', () => {
    const defs = DEFS.replace(/child sexual abuse material/g, 'prohibited image');
    const text = bill('## 3. Possession\n\nA person who possesses a prohibited image commits an offence.', defs);
    expect(statusOf(text, 'offence/possession').status).toBe('met');
    expect(statusOf(text, 'definition/material').status).toBe('met');
  });

  it('treats a definition by reference to another Act as missing', () => {
    const defs = '## 2. Interpretation\n\nIn this Act, "child pornography" has the meaning given in section 2 of the Criminal Code Act.\n';
    expect(statusOf(bill('', defs), 'definition/material').status).toBe('missing');
  });
});

describe('reservations and annotations', () => {
  const noPossession = '## 3. Distribution\n\nA person who distributes child sexual abuse material commits an offence.';
  const front = (reservation: string) => `---\nconcordance:\n  reservations:\n    - ${reservation}\n---\n`;

  it('honours a reservation the treaty permits', () => {
    const finding = statusOf(front('{ instrument: budapest, article: "9(1)(e)" }') + bill(noPossession), 'offence/possession', ['budapest']);
    expect(finding.status).toBe('reserved');
  });

  it('reports a reservation the treaty does not permit as a conflict', () => {
    const finding = statusOf(front('{ instrument: budapest, article: "9(1)(c)" }') + bill(noPossession), 'offence/distribution', ['budapest']);
    expect(finding.status).toBe('conflict');
    expect(finding.reason).toMatch(/does not permit/);
  });

  it('lets an implements annotation override detection', () => {
    const text = bill(`${noPossession}\n\n<!-- concordance: implements offence/access -->\n## 4. Watching\n\nA person who watches child sexual abuse material online commits an offence.`);
    expect(statusOf(text, 'offence/access').status).toBe('met');
  });

  it('lets an ignore annotation with a reason set the element aside', () => {
    const text = bill(`${noPossession}\n\n<!-- concordance: ignore online/removal-blocking — handled by the Online Safety Act 2024 -->`);
    const finding = statusOf(text, 'online/removal-blocking');
    expect(finding.status).toBe('not-applicable');
    expect(finding.reason).toMatch(/Online Safety Act 2024/);
  });
});
