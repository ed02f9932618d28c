import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The dashboard's runes state (`*.svelte.ts`) needs the Svelte compiler, so the web tests
// run as their own vitest project with the Svelte plugin.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    // tsconfig.json extends the one `svelte-kit sync` writes; a fresh clone has none yet.
    globalSetup: ['./vitest.setup-kit.js'],
  },
});
