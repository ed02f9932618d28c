import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's chromium against the whole product; one file at a time.
export default defineConfig({
  test: {
    include: ['{apps,packages,workers}/*/src/**/*.browser.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
