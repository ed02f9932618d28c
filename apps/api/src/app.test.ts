import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import type { ApiDeps } from './api-deps.ts';
import { createApp } from './app.ts';

// the static part of the app needs no database or Redis: only the built dashboard
function dashboardApp() {
  const webRoot = mkdtempSync(join(tmpdir(), 'radar-web-'));
  mkdirSync(join(webRoot, '_app', 'immutable'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Policy Radar</title><main></main>');
  writeFileSync(join(webRoot, '_app', 'immutable', 'start.abc123.js'), `export const code = "${'x'.repeat(5000)}";`);
  writeFileSync(join(webRoot, '_app', 'immutable', 'app.def456.js'), 'export const app = 1;');
  writeFileSync(join(webRoot, '_app', 'immutable', 'app.def456.js.br'), brotliCompressSync('export const app = 1;'));
  return createApp({ webRoot } as ApiDeps);
}

test("the dashboard's code is sent compressed, and its hashed assets are cached for good", async () => {
  const app = dashboardApp();
  const response = await app.request('/_app/immutable/start.abc123.js', { headers: { 'accept-encoding': 'gzip' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-encoding')).toBe('gzip');
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const body = gunzipSync(Buffer.from(await response.arrayBuffer())).toString();
  expect(body).toContain('export const code');
});

test('a file the build compressed ahead is served as built', async () => {
  const response = await dashboardApp().request('/_app/immutable/app.def456.js', { headers: { 'accept-encoding': 'br, gzip' } });
  expect(response.headers.get('content-encoding')).toBe('br');
  expect(response.headers.get('content-type')).toMatch(/javascript/);
  expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe('export const app = 1;');
});

test('unknown paths get the single-page shell, not cached for good', async () => {
  const response = await dashboardApp().request('/overview?country=FR');
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('<title>Policy Radar</title>');
  expect(response.headers.get('cache-control') ?? '').not.toContain('immutable');
});
