// Hostile inputs shared by the robustness tests of the parser (test/parse) and of the whole core
// (test/analysis): named texts that once broke, or could break, a Markdown or YAML reader — deep
// nesting, huge lines, odd line endings, BOM, NUL, surrogates, broken front matter — and fast-check
// arbitraries for random Unicode (astral characters, lone surrogates) and Markdown-ish legislation.
import fc from 'fast-check';

const LINE = 'A person who possesses "material" means section 4(2)(b) (a) x. ';
const lines = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const BILL_BODY = '# A Bill\n\n## 1. Interpretation\n\n"child" means a person under the age of 18 years;\n\n## 2. Offence\n\n(1) A person who possesses child sexual abuse material commits an offence.\n';

export const HOSTILE: Array<[string, () => string]> = [
  ['empty', () => ''],
  ['NUL bytes', () => '# T\0\n\n## 1.\0 S\n\n(1)\0 x\0'],
  ['100 KB of NUL bytes', () => '\0'.repeat(100_000)],
  ['BOM only', () => '\uFEFF'],
  ['BOM + heading', () => '\uFEFF# Title\n\n## 1. S\n'],
  ['BOM + CRLF front matter', () => '\uFEFF---\r\nconcordance:\r\n  instruments: [opsc]\r\n---\r\n' + BILL_BODY.replace(/\n/g, '\r\n')],
  ['CRLF', () => '# T\r\n\r\n## 1. S\r\n\r\n(1) A who—\r\n(a) x;\r\n(b) y,\r\ncommits an offence.\r\n'],
  ['lone CR', () => '# T\r\r## 1. S\r\r(1) a\r(2) b\r'],
  ['lone CR bill with front matter', () => ('---\nconcordance:\n  jurisdiction: X\n---\n' + BILL_BODY).replace(/\n/g, '\r')],
  ['mixed line endings', () => BILL_BODY.split('\n').map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join('')],
  ['unclosed front matter', () => '---\nconcordance:\n  jurisdiction: [x\n'],
  ['unclosed front matter before a bill (CRLF)', () => '---\r\nconcordance:\r\n  instruments: [opsc]\r\n' + BILL_BODY.replace(/\n/g, '\r\n')],
  ['front matter only', () => '---\n---'],
  ['bad yaml', () => '---\n: : :\n\t- [\n---\n'],
  ['malformed YAML: tabs, duplicate keys, a stray tag', () => '---\nconcordance:\n\tinstruments: [opsc]\n  instruments: !!js/function "x"\n  instruments: {a: [}\n---\n' + BILL_BODY],
  ['invalid front-matter values', () => '---\nconcordance:\n  jurisdiction: [1, 2]\n  instruments: 42\n  reservations:\n    - { instrument: mars, article: "nine", extra: 1 }\n    - 7\n  colour: blue\ntitle: [x]\n---\n' + BILL_BODY],
  ['YAML alias bomb', () => `---\na: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\nconcordance: *m\n---\n${BILL_BODY}`],
  ['10,000-deep YAML flow sequence', () => `---\nconcordance: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n${BILL_BODY}`],
  ['NUL and BOM inside front matter', () => '---\nconcordance:\n  jurisdiction: "A\0B\uFEFF"\n  instruments: [opsc\0]\n---\n' + BILL_BODY],
  ['lone surrogates', () => '# \uD800 T\n\n(1) \uDC00 "x" means \uD83D'],
  ['astral characters and surrogate pairs', () => '# 𝔄 Bill 😀\n\n## 1. 𝒮ection 👶\n\n"child 👶" means a person under 18 😀;\n\n(1) A person who possesses 𝔪aterial 🧒 commits an offence under section 1(1).\n'.repeat(20)],
  ['10,000-deep bullet list', () => '- '.repeat(10000) + 'x'],
  ['10,000-deep ordered list', () => '1. '.repeat(10000) + 'x'],
  ['10,000-deep block quote', () => '>'.repeat(10000) + ' x'],
  ['10,000-deep block quote of lists', () => '> - '.repeat(10000) + 'x'],
  ['150-deep list by indentation', () => lines(150, (i) => `${'  '.repeat(i)}- (${i + 1}) x`)],
  ['600-deep block quotes over 600 lines', () => lines(600, (i) => `${'>'.repeat(i + 1)} (${i + 1}) x`)],
  ['deep numbered subdivisions', () => Array.from({ length: 200 }, (_, i) => `${'  '.repeat(Math.min(i, 30))}- (${['1', 'a', 'i', 'A', 'I'][i % 5]}) x`).join('\n')],
  ['10,000 nested brackets and parentheses', () => '[a('.repeat(10000)],
  ['10,000 nested emphasis openers', () => '*a _b '.repeat(10000)],
  ['1 MB single line', () => LINE.repeat(Math.ceil(1_000_000 / LINE.length)).slice(0, 1_000_000)],
  ['many emphasis markers', () => '*'.repeat(20000) + 'x' + '_'.repeat(20000)],
  ['unclosed comment', () => '# T\n\n<!-- concordance: implements x\n\n## 1. S\n'],
  ['table mess', () => '| a |\n|---|\n| b | c | d |\n|\n| Term | Meaning |\n|--|--|\n||\n'],
  ['headings only', () => '#\n##\n###\n####\n#####\n######\n####### x'],
];

/** Random Unicode: any code point (astral ones as surrogate pairs) and lone surrogates. */
export const unicodeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.oneof(fc.constantFrom('\uD800', '\uDFFF', '\uD83D', '\uDE00', '😀', '𝔄', '\u0000', '\uFEFF', '\r', '\n', '\u2028'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 120 }),
);

/** Pieces of legislative Markdown, so that random documents reach the interesting code paths. */
export const FRAGMENTS = [
  '# A Bill\n', '## Part 2 — Offences\n', '## 4. Possession\n', '### § 2252A. Certain activities\n', '## Article 5\n',
  '(1) A person who possesses child sexual abuse material commits an offence.\n', '(a) distributes an indecent image of a child;\n',
  '(i) with intent to sell it;\n', 'commits an offence and is liable to imprisonment for a term not exceeding 5 years.\n',
  '"child" means a person under the age of 16 years;\n', '**minor** means any person under eighteen;\n', '“𝔪aterial 😀” means any representation;\n',
  'In this Act—\n', 'It is a defence to a charge under section 4 that—\n', 'section 4(2)(b)', 'subsection (1)', 'sections 4 to 6',
  '<!-- concordance: implements offence/access -->\n', '<!-- concordance: ignore offence/selling -->\n', '---\nconcordance:\n  instruments: [opsc, nonsense]\n---\n',
  '| Term | Meaning |\n|---|---|\n| child | a person under 18 |\n', '- item\n  - nested\n', '> quoted\n', '\r\n', '\r', '\u0000', '\uFEFF', '«child» means', '\n\n',
];

/** Markdown-ish legislation and random Unicode, with any line endings and sometimes a BOM. */
export const documents = fc
  .tuple(
    fc.oneof(unicodeText, fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 30 }), unicodeText), { maxLength: 40 }).map((parts) => parts.join(''))),
    fc.constantFrom('\n', '\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([text, eol, bom]) => (bom ? '\uFEFF' : '') + (eol === '\n' ? text : text.replace(/\n/g, eol)));
