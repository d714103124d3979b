// Lint rules, and the layering rule that keeps the core pure: parse, catalogue, analysis, draft,
// report, compare and service know nothing of VS Code, LSP or the file system (I/O is injected by adapters).
import tseslint from 'typescript-eslint';

const CORE = ['server/src/parse/**', 'server/src/catalogue/**', 'server/src/analysis/**', 'server/src/draft/**', 'server/src/report/**', 'server/src/compare/**', 'server/src/hygiene/**', 'server/src/service/**'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'client/out/**', 'bench/results.json', '.tools/**', 'test/artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: CORE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*', 'vscode/*'], message: 'The core may not depend on VS Code or LSP: put it in an adapter (server/src/lsp, client/).' },
            { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*'], message: 'The core does no I/O: take text or an injected interface instead.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/analysis/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*', 'vscode/*'], message: 'The core may not depend on VS Code or LSP.' },
            { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*'], message: 'The core does no I/O.' },
            { group: ['**/report/**', '**/service/**', '**/cli/**', '**/lsp/**', '**/draft/**'], message: 'Data flows one way: analysis may not import the layers built on it.' },
          ],
        },
      ],
    },
  },
  {
    // Drafting hygiene reads only the parsed bill (and the report layer's Diagnostic type).
    files: ['server/src/hygiene/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*', 'vscode/*'], message: 'The core may not depend on VS Code or LSP.' },
            { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*'], message: 'The core does no I/O.' },
            { group: ['**/catalogue/**', '**/analysis/**', '**/service/**', '**/cli/**', '**/lsp/**', '**/draft/**', '**/compare/**'], message: 'Drafting hygiene sits on parse only.' },
            { group: ['**/report/**'], allowTypeImports: true, message: 'Drafting hygiene may use the report layer\'s types only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/parse/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*', 'vscode/*'], message: 'The core may not depend on VS Code or LSP.' },
            { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*'], message: 'The core does no I/O.' },
            { group: ['**/catalogue/**', '**/analysis/**', '**/report/**', '**/service/**', '**/cli/**', '**/lsp/**', '**/draft/**'], message: 'Data flows one way: parse is the bottom layer.' },
          ],
        },
      ],
    },
  },
);
