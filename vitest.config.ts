import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    setupFiles: ['./test/helpers/strict-facts.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
