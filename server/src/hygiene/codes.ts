/**
 * The drafting codes: stable ids (they are what users put in `concordance.severity` and what SARIF
 * and JSON consumers match on), their default severity and a one-line description for the README.
 * Defaults are advisory (info/warning) except a reference that points nowhere, which is an error:
 * a bill that cites a provision it does not have is wrong on its face.
 */

export const DRAFTING_CODES = {
  'drafting/undefined-term': { severity: 'warning', title: 'A phrase is written in the defined-term form (quoted or bold) but the bill defines no such term' },
  'drafting/unused-definition': { severity: 'warning', title: 'A definition whose term is never used where it applies' },
  'drafting/duplicate-definition': { severity: 'warning', title: 'The same term is defined twice with overlapping scopes' },
  'drafting/inconsistent-term-form': { severity: 'warning', title: 'A defined term written in a different form ("Child Sexual Abuse Material" for "child sexual abuse material")' },
  'drafting/ambiguous-term-case': { severity: 'info', title: 'A term defined with a capital ("Services") also appears in lower case: the defined term or the ordinary word?' },
  'drafting/definition-out-of-scope': { severity: 'info', title: 'A term is used outside the provision its definition is limited to ("In this Part")' },
  'drafting/broken-reference': { severity: 'error', title: 'A cross-reference to a provision the bill does not have (or to a subdivision it no longer has)' },
  'drafting/duplicate-number': { severity: 'warning', title: 'Two provisions at one level have the same number' },
  'drafting/numbering-gap': { severity: 'warning', title: 'A number is skipped at one level (inserted numbers such as 8A are not gaps)' },
  'drafting/numbering-order': { severity: 'warning', title: 'Numbers at one level are out of order' },
  'drafting/mixed-numbering': { severity: 'warning', title: 'Numbering schemes are mixed at one level ("(a), (b), (iii)")' },
  'drafting/lone-subdivision': { severity: 'info', title: 'A lone "(1)" (or "(a)") with no "(2)" (or "(b)") beside it' },
  'drafting/preferred-terminology': { severity: 'info', title: '"child pornography" where "child sexual abuse material" is the preferred term (Terminology Guidelines; Lanzarote Committee)' },
} as const satisfies Record<string, { severity: 'error' | 'warning' | 'info' | 'hint'; title: string }>;

export type DraftingCode = keyof typeof DRAFTING_CODES;

export const DRAFTING_CODE_IDS: readonly DraftingCode[] = Object.keys(DRAFTING_CODES) as DraftingCode[];

/** The settings key that sets every drafting code at once (`"drafting": "off"`). */
export const DRAFTING_GROUP = 'drafting';

export function isDraftingCode(code: string): code is DraftingCode {
  return Object.prototype.hasOwnProperty.call(DRAFTING_CODES, code);
}
