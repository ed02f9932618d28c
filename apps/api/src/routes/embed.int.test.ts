import { afterAll, beforeAll, expect, test } from 'vitest';
import { readConfig } from '@radar/core';
import { newStoryId, openScratchDatabase, saveStories, type Database } from '@radar/db';
import { connectRedis, FeedScheduler } from '@radar/jobs';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { createApp } from '../app.ts';

const ADMIN = 'embed-admin';
const prefix = `radar-test-embed-${process.pid}-${Date.now().toString(36)}`;
let database: Database;
let redis: Redis;
let scheduler: FeedScheduler;
let app: Hono;
let token: string;

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
  redis = connectRedis(readConfig().redisUrl);
  scheduler = new FeedScheduler(redis, { prefix });
  app = createApp({ db: database.db, redis, scheduler, adminToken: ADMIN });
  const id = newStoryId();
  const other = newStoryId();
  const filed = newStoryId();
  await saveStories(database.db, [
    {
      id,
      feedId: null,
      dedupeKey: id,
      url: 'javascript:alert(1)',
      title: 'France <img src=x onerror=alert(1)> fines "X"',
      summary: '<script>alert(2)</script>',
      sourceTitle: 'Wire <b onmouseover=alert(3)>',
      countries: ['FR'],
      publishedAt: new Date(),
    },
    { id: other, feedId: null, dedupeKey: other, url: `https://news.example/${other}`, title: 'Germany bans an app', countries: ['DE'], publishedAt: new Date() },
    {
      id: filed,
      feedId: null,
      dedupeKey: filed,
      url: `https://news.example/${filed}`,
      title: 'Paris court rules on a takedown',
      countries: ['FR'],
      sourceFolder: 'Courts, tribunals',
      publishedAt: new Date(Date.now() - 60_000),
    },
  ]);
  const created = await app.request('/api/widget-tokens', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Wiki', origins: ['https://wiki.example', 'http://localhost:3000'], filter: { countries: ['FR'] } }),
  });
  token = ((await created.json()) as { token: string }).token;
});

afterAll(async () => {
  await scheduler?.close();
  await database?.close();
  redis?.disconnect();
});

test('the embed page may be framed only by the token origins, and draws its stories as inert text', async () => {
  const response = await app.request(`/embed/stream?token=${token}&theme=dark&compact=1`);
  expect(response.status).toBe(200);
  const csp = response.headers.get('content-security-policy')!;
  expect(csp).toContain("frame-ancestors 'self' https://wiki.example http://localhost:3000");
  expect(csp).toContain("script-src 'self'");
  expect(response.headers.get('x-frame-options')).toBeNull();
  const html = await response.text();
  expect(html).toContain('France &lt;img src=x onerror=alert(1)&gt; fines &quot;X&quot;');
  expect(html).toContain('Wire &lt;b onmouseover=alert(3)&gt;');
  expect(html).not.toMatch(/<img|<script>alert|<b onmouseover|href="javascript:/i);
  // the token's filter holds in the frame too
  expect(html).not.toContain('Germany bans an app');
  expect(html).toMatch(/<radar-stream countries="FR"[^>]* theme="dark" compact="" token="rw_/);
  expect(html).toContain('<script src="/widget.js" async></script>');
});

test('without a token only the dashboard itself may frame it; a bad token gets a page saying so', async () => {
  const open = await app.request('/embed/stream?country=DE');
  expect(open.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  expect(await open.text()).toContain('Germany bans an app');
  const bad = await app.request('/embed/stream?token=rw_nope');
  expect(bad.status).toBe(401);
  expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await bad.text()).toContain('unknown or was revoked');
  // longer than any token: unknown too, not a failure of the server
  const long = await app.request(`/embed/stream?token=rw_${'x'.repeat(3_000)}`);
  expect(long.status).toBe(401);
  expect(await long.text()).toContain('unknown or was revoked');
});

test("a frame of one folder's stories lists them, and its live element keeps the folder", async () => {
  const html = await (await app.request(`/embed/stream?token=${token}&folder=${encodeURIComponent('Courts, tribunals')}`)).text();
  expect(html).toContain('Paris court rules on a takedown');
  expect(html).not.toContain('fines &quot;X&quot;');
  expect(html).toMatch(/<radar-stream countries="FR" companies="" topics="" folder="Courts, tribunals" q=""/);
});
