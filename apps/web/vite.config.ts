import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the API runs beside the dev server; in production it serves build/ itself.
const api = process.env.RADAR_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      // the API refuses sockets from other sites without a widget token: present the dev page as the API's own
      '/socket.io': { target: api, ws: true, changeOrigin: true, rewriteWsOrigin: true },
      '/widget.js': { target: api, changeOrigin: true },
      '/embed/': { target: api, changeOrigin: true },
    },
  },
});
