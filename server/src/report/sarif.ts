/** SARIF 2.1.0 for GitHub code scanning: one rule per element, one result per diagnostic. */
import type { Catalogue } from '../catalogue/load.js';
import type { Diagnostic } from './diagnostics.js';

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
      name: element.id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
      shortDescription: { text: element.title },
      fullDescription: { text: element.requirement },
      ...(article ? { helpUri: article.url } : {}),
      help: { text: element.obligations.map((o) => `${catalogue.instruments.get(o.instrument)?.shortName ?? o.instrument} Art ${o.articles.join(', ')}`).join('; ') },
      properties: { category: element.category },
    };
  });
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
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
        tool: { driver: { name: 'Concordance', version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
