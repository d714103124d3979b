/**
 * SARIF 2.1.0 for GitHub code scanning: one result per diagnostic, and a rule for every result's
 * code — one per element (with its treaty text's link), one per drafting check, and one per problem
 * reading the bill (front matter, structure, annotations) — so that code scanning can describe each.
 */
import type { Catalogue } from '../catalogue/load.js';
import { DRAFTING_CODE_IDS, DRAFTING_CODES } from '../hygiene/codes.js';
import type { Diagnostic } from './diagnostics.js';

/** Problems reading the bill itself (parse/, service/), by code. */
const READING_PROBLEMS: Record<string, string> = {
  'frontmatter/invalid-yaml': 'The front matter (per-bill settings) is not valid YAML',
  'frontmatter/invalid-setting': 'A front-matter setting has a value Concordance does not accept',
  'frontmatter/unknown-setting': 'A front-matter setting Concordance does not know',
  'frontmatter/unclosed': 'The front matter is opened with "---" but never closed',
  'settings/unknown-instrument': 'An instrument the catalogue does not have',
  'settings/unknown-article': 'A reservation names an article the instrument does not have',
  'structure/too-deep': 'Lists or block quotes nested too deeply; markers beyond the limit are read as text',
  'structure/unnumbered': 'A heading names a Part, section or Article but has no number, so it cannot be cited',
  'structure/duplicate-number': 'Two provisions at one level have the same number',
  'annotation/invalid': 'A concordance comment that cannot be read',
  'annotation/unknown-element': 'A concordance comment names an element the catalogue does not have',
  'annotation/missing-reason': 'A concordance comment that sets a finding aside without saying why',
  'file/too-large': 'The file is over the size limit and was not checked',
  'parse/internal-error': 'Part of the bill could not be read (an internal error; the rest was checked)',
  'internal/error': 'The file could not be checked (an internal error)',
};

const camel = (id: string): string => id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase());

export interface SarifInput {
  /** URI relative to the repository root (what code scanning expects). */
  uri: string;
  diagnostics: readonly Diagnostic[];
}

const LEVEL: Record<number, 'error' | 'warning' | 'note'> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };

export function toSarif(catalogue: Catalogue, files: readonly SarifInput[], version: string): string {
  const rules = catalogue.elements.map((element) => {
    const first = element.obligations[0];
    const instrument = first ? catalogue.instruments.get(first.instrument) : undefined;
    const article = instrument?.articles.find((a) => a.article === first?.articles[0]);
    return {
      id: element.id,
      name: camel(element.id),
      shortDescription: { text: element.title },
      fullDescription: { text: element.requirement },
      ...(article ? { helpUri: article.url } : {}),
      help: { text: element.obligations.map((o) => `${catalogue.instruments.get(o.instrument)?.shortName ?? o.instrument} Art ${o.articles.join(', ')}`).join('; ') },
      properties: { category: element.category },
    };
  });
  const known = new Set<string>(rules.map((rule) => rule.id));
  const drafting = DRAFTING_CODE_IDS.map((code) => ({
    id: code,
    name: camel(code),
    shortDescription: { text: DRAFTING_CODES[code].title },
    defaultConfiguration: { level: DRAFTING_CODES[code].severity === 'error' ? 'error' : DRAFTING_CODES[code].severity === 'warning' ? 'warning' : 'note' },
    properties: { category: 'drafting' },
  }));
  for (const rule of drafting) known.add(rule.id);
  const seen = [...new Set(files.flatMap((file) => file.diagnostics.map((d) => d.code)))].filter((code) => !known.has(code)).sort();
  const reading = seen.map((code) => ({
    id: code,
    name: camel(code),
    shortDescription: { text: READING_PROBLEMS[code] ?? `A problem reading the bill (${code})` },
    properties: { category: code.split('/')[0] ?? 'reading' },
  }));
  const allRules = [...rules, ...drafting, ...reading];
  const ruleIndex = new Map(allRules.map((rule, index) => [rule.id, index]));
  const results = files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.code,
      ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code)! } : {}),
      level: LEVEL[d.severity] ?? 'warning',
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: file.uri },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Concordance', version, rules: allRules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
