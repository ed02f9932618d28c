import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readConfig, type Story } from '@radar/core';
import { createFeed, newStoryId, openScratchDatabase, pinStory, saveStories, type Database } from '@radar/db';
import { connectRedis, FeedScheduler } from '@radar/jobs';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { createApp } from '../app.ts';

const prefix = `radar-test-stories-${process.pid}-${Date.now().toString(36)}`;
let database: Database;
let redis: Redis;
let scheduler: FeedScheduler;
let app: Hono;

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
  redis = connectRedis(readConfig().redisUrl);
  scheduler = new FeedScheduler(redis, { prefix });
  app = createApp({ db: database.db, redis, scheduler, adminToken: 'stories-admin' });
  const outlets = await Promise.all(['wire', 'gazette', 'daily'].map((slug) => createFeed(database.db, { url: `https://${slug}.example/feed.xml` })));
  const story = (feed: number, title: string, countries: string[], clusterId: string, minutesAgo: number) => {
    const id = newStoryId();
    const publishedAt = new Date(Date.now() - minutesAgo * 60_000);
    return { id, feedId: outlets[feed]!.id, dedupeKey: id, url: `https://news.example/${id}`, title, countries, sourceTitle: `Outlet ${feed}`, publishedAt, clusterId };
  };
  await saveStories(database.db, [
    story(0, 'Paris fines a platform', ['FR'], 'fine', 30),
    story(1, 'France fines a platform', ['FR'], 'fine', 20),
    story(2, 'A platform is fined', [], 'fine', 10),
    story(0, 'Berlin drafts a bill', ['DE'], 'bill', 5),
  ]);
});

afterAll(async () => {
  await scheduler?.close();
  await database?.close();
  redis?.disconnect();
});

test("a page of stories says how many outlets reported each listed story's event, counting reports the filter leaves out", async () => {
  const response = await app.request('/api/stories?country=FR&limit=1');
  expect(response.status).toBe(200);
  const page = (await response.json()) as { stories: Story[]; nextCursor: string | null; clusterOutlets: Record<string, number> };
  expect(page.stories.map((story) => story.title)).toEqual(['France fines a platform']);
  // three outlets reported the event; only two reports match France; only the listed story's event is counted
  expect(page.clusterOutlets).toEqual({ fine: 3 });
  const all = (await (await app.request('/api/stories')).json()) as { clusterOutlets: Record<string, number> };
  expect(all.clusterOutlets).toEqual({ fine: 3, bill: 1 });
});

test("a view's stories download as CSV for a spreadsheet: newest first, names not ids, a feed's formulas defused", async () => {
  const id = newStoryId();
  const feed = await createFeed(database.db, { url: 'https://hostile.example/feed.xml', folder: 'Watch list' });
  await saveStories(database.db, [
    {
      id,
      feedId: feed.id,
      dedupeKey: id,
      url: 'https://hostile.example/a',
      title: '=HYPERLINK("https://evil.example","France, fined")',
      summary: 'Line one\nline "two"',
      sourceTitle: '@Hostile',
      sourceFolder: 'Watch list',
      countries: ['FR', 'EU'],
      companies: ['meta'],
      topics: ['privacy-data-protection'],
      relevant: true,
      score: 0.873,
      lang: 'fr',
      publishedAt: new Date('2026-11-29T08:30:00Z'),
    },
  ]);
  expect(await pinStory(database.db, id, true, new Date('2026-11-30T09:15:00Z'))).not.toBeNull();
  const response = await app.request('/api/stories/export.csv?country=FR');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="policy-radar-stories-\d{4}-\d{2}-\d{2}\.csv"$/);
  // a byte order mark first, so spreadsheets read it as UTF-8
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  expect(text.startsWith('\uFEFFPublished (UTC),Title,Source,Folder,URL,Countries,Companies,Topics,Policy,Score,Language,Summary,Event,Story id,Pinned (UTC)\r\n')).toBe(true);
  const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
  // the French stories, newest first, and the hostile one last (published yesterday)
  expect(rows.map((row) => row.Title)).toEqual(['France fines a platform', 'Paris fines a platform', `'=HYPERLINK("https://evil.example","France, fined")`]);
  expect(rows[2]).toMatchObject({
    'Published (UTC)': '2026-11-29 08:30:00',
    Source: "'@Hostile",
    Folder: 'Watch list',
    Countries: 'France; European Union',
    Companies: 'Meta',
    Topics: 'Privacy & data protection',
    Policy: 'yes',
    Score: '0.87',
    Language: 'fr',
    Summary: 'Line one\nline "two"',
    'Story id': id,
    'Pinned (UTC)': '2026-11-30 09:15:00',
  });
  expect(rows[0]!['Pinned (UTC)']).toBe('');

  // a time range and a cap; a bad one is refused
  const recent = parse(await (await app.request(`/api/stories/export.csv?after=${new Date(Date.now() - 25 * 60_000).toISOString()}`)).text(), { bom: true, columns: true }) as Record<string, string>[];
  expect(recent.map((row) => row.Title)).toEqual(['Berlin drafts a bill', 'A platform is fined', 'France fines a platform']);
  const capped = parse(await (await app.request('/api/stories/export.csv?limit=2')).text(), { bom: true, columns: true }) as Record<string, string>[];
  expect(capped).toHaveLength(2);
  expect((await app.request('/api/stories/export.csv?limit=100001')).status).toBe(400);
  // the dashboard's alone: another site, or a widget's token, gets no export
  const foreign = await app.request('/api/stories/export.csv', { headers: { origin: 'https://elsewhere.example' } });
  expect(foreign.status).toBeGreaterThanOrEqual(400);
  expect(foreign.headers.get('content-type')).not.toMatch(/csv/);
  // nothing matched: the header alone
  expect(Buffer.from(await (await app.request('/api/stories/export.csv?q=nothingmatchesthis')).arrayBuffer()).toString('utf8')).toBe('\uFEFFPublished (UTC),Title,Source,Folder,URL,Countries,Companies,Topics,Policy,Score,Language,Summary,Event,Story id,Pinned (UTC)\r\n');
});

test('an export longer than a page is read page after page, each story once', async () => {
  const feed = await createFeed(database.db, { url: 'https://bulk.example/feed.xml' });
  const base = Date.parse('2026-10-01T00:00:00Z');
  await saveStories(
    database.db,
    Array.from({ length: 450 }, (_, i) => {
      const id = newStoryId();
      return { id, feedId: feed.id, dedupeKey: id, url: `https://bulk.example/${i}`, title: `Bulk ${i}`, sourceTitle: 'Bulk', publishedAt: new Date(base + i * 60_000) };
    }),
  );
  const rows = parse(await (await app.request(`/api/stories/export.csv?q=source:${feed.id}`)).text(), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(450);
  expect(new Set(rows.map((row) => row['Story id'])).size).toBe(450);
  expect(rows[0]!.Title).toBe('Bulk 449');
  expect(rows.at(-1)!.Title).toBe('Bulk 0');
});

test('stories are asked for by id, up to 300 in one request (the saved stories view); more is a 400 that says so', async () => {
  const all = (await (await app.request('/api/stories')).json()) as { stories: Story[] };
  const berlin = all.stories.find((story) => story.title === 'Berlin drafts a bill')!;
  const others = Array.from({ length: 299 }, () => newStoryId());
  const response = await app.request(`/api/stories?id=${[berlin.id, ...others].join(',')}`);
  expect(response.status).toBe(200);
  expect(((await response.json()) as { stories: Story[] }).stories.map((story) => story.title)).toEqual(['Berlin drafts a bill']);
  const facets = (await (await app.request(`/api/facets?id=${berlin.id}`)).json()) as { total: number; countries: { id: string }[] };
  expect(facets).toMatchObject({ total: 1, countries: [{ id: 'DE' }] });
  const tooMany = await app.request(`/api/stories?id=${[berlin.id, ...others, newStoryId()].join(',')}`);
  expect(tooMany.status).toBe(400);
  expect(((await tooMany.json()) as { error: string }).error).toMatch(/ids/);
});

test("a view's count of stories stored after a given one: what a saved view gained since the last visit", async () => {
  const titles = ['Paris fines a platform', 'France fines a platform', 'A platform is fined', 'Berlin drafts a bill'];
  const first = (await (await app.request(`/api/stories?q=${encodeURIComponent('fines OR fined OR berlin')}&limit=200`)).json()) as { stories: Story[] };
  const ids = first.stories.filter((story) => titles.includes(story.title)).map((story) => story.id).sort();
  expect(ids).toHaveLength(4);
  const total = async (query: string) => ((await (await app.request(`/api/facets?${query}`)).json()) as { total: number }).total;
  const count = async (query: string) => {
    const response = await app.request(`/api/stories/count?${query}`);
    expect(response.status, query).toBe(200);
    return ((await response.json()) as { count: number }).count;
  };
  // after the first of the four: the three stored after it, and whatever later tests stored
  expect(await count(`stored_after=${ids[0]}`)).toBe((await total('')) - 1);
  // of France: the first two are French, the first of them is the mark
  expect(await count(`stored_after=${ids[0]}&country=FR`)).toBe((await total('country=FR')) - 1);
  expect(await count(`stored_after=${ids[3]}&q=berlin`)).toBe(0);
  const soon = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
  expect(await count(`stored_after=${ids[0]}&after=${soon}`)).toBe(0);
  const missing = await app.request('/api/stories/count?country=FR');
  expect(missing.status).toBe(400);
  expect(((await missing.json()) as { error: string }).error).toMatch(/stored_after/);
});
