import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** The dashboard is a single-page app: the API serves build/ and falls back to index.html. */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: true, strict: true }),
    alias: { $components: 'src/lib/components' },
  },
};
