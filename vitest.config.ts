import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['{apps,packages,workers}/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          // The dashboard's tests need the Svelte compiler: they run in apps/web's own project.
          exclude: ['**/node_modules/**', '**/*.browser.test.ts', 'apps/web/**'],
        },
      },
      'apps/web/vitest.config.ts',
    ],
  },
});
