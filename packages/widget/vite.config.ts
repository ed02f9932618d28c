import { COMPANIES } from '@radar/core';
import { defineConfig } from 'vite';

// widget.js is one classic script (an IIFE): `<script src=".../widget.js" async>` works on
// any page, and document.currentScript tells the widget which server it came from.
// Vite prints each file's gzip size as it builds.
export default defineConfig({
  define: {
    __RADAR_COMPANY_NAMES__: JSON.stringify(Object.fromEntries(COMPANIES.map((company) => [company.id, company.name]))),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['iife'],
      name: 'RadarWidget',
      fileName: () => 'widget.js',
    },
  },
});
