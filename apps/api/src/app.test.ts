import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, expect, test } from 'vitest';
import type { ApiDeps } from './api-deps.ts';
import { createApp } from './app.ts';

/** The dashboards built for the tests, removed after them. */
const webRoots: string[] = [];
afterAll(() => {
  for (const root of webRoots) rmSync(root, { recursive: true, force: true });
});

// the static part of the app needs no database or Redis: only the built dashboard
function dashboardApp() {
  const webRoot = mkdtempSync(join(tmpdir(), 'radar-web-'));
  webRoots.push(webRoot);
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

/** A body streamed in chunks, with no Content-Length to check it by. */
function streamed(bytes: number): RequestInit {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { method: 'POST', body, duplex: 'half' } as RequestInit;
}

test('a body larger than its route takes is refused with 413 as it arrives, streamed or announced', async () => {
  const app = createApp({ adminToken: 'admin-token' } as ApiDeps);
  const admin = { authorization: 'Bearer admin-token' };
  // JSON routes: a megabyte
  const json = await app.request('/api/alerts', { ...streamed(3 * 1024 * 1024), headers: admin });
  expect(json.status).toBe(413);
  expect(await json.json()).toEqual({ error: 'the request body is larger than 1 MB' });
  const announced = await app.request('/api/feeds', { method: 'POST', body: 'x', headers: { ...admin, 'content-length': String(2 * 1024 * 1024) } });
  expect(announced.status).toBe(413);
  // an OPML file: five
  const opml = await app.request('/api/feeds/import', { ...streamed(6 * 1024 * 1024), headers: admin });
  expect(opml.status).toBe(413);
  expect(await opml.json()).toEqual({ error: 'the OPML file is larger than 5 MB' });
  // a WebSub push: ten, before the feed is even looked up
  expect((await app.request('/websub/some-feed', streamed(12 * 1024 * 1024))).status).toBe(413);
});

test("a published OPML list is fetched as feeds are: this machine's own and private addresses are refused with a 422 that says why", async () => {
  const app = createApp({ adminToken: 'admin-token' } as ApiDeps);
  const importFrom = (url: string) =>
    app.request('/api/feeds/import', { method: 'POST', body: JSON.stringify({ url }), headers: { authorization: 'Bearer admin-token', 'content-type': 'application/json' } });
  for (const [url, reason] of [
    ['http://127.0.0.1:9/team.opml', 'loopback'],
    ['http://10.0.0.7/team.opml', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
  ]) {
    const refused = await importFrom(url!);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toMatch(new RegExp(`^could not read the list at ${url!.replace(/[./]/g, '\\$&')}: refused to connect: .*${reason}`));
  }
  // and the import needs the admin token
  expect((await app.request('/api/feeds/import', { method: 'POST', body: JSON.stringify({ url: 'https://example.org/x.opml' }), headers: { 'content-type': 'application/json' } })).status).toBe(401);
});
