import { defineConfig } from 'vitest/config';

// The end-to-end suites (npm run test:e2e): a real VS Code (code-server driven through Chromium)
// and a real Neovim, each against the built language server. They need the tools that
// scripts/e2e-setup.sh installs, start editors and browsers, and so run one file at a time with
// long timeouts; `npm test` (vitest.config.ts) leaves them out.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
