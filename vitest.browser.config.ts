import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's chromium against the whole product; one file at a time.
export default defineConfig({
  test: {
    include: ['{apps,packages,workers}/*/src/**/*.browser.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 90_000,
    // pages go live in a few seconds on a loaded two-core machine, not in expect.poll's default 1 s
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 90_000,
  },
});
