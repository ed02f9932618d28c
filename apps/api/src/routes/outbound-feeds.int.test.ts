import { afterAll, beforeAll, expect, test } from 'vitest';
import { readConfig, type Story } from '@radar/core';
import { newStoryId, openScratchDatabase, saveStories, type Database } from '@radar/db';
import { parseFeed } from '@radar/feeds';
import { connectRedis, FeedScheduler } from '@radar/jobs';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { createApp } from '../app.ts';

const prefix = `radar-test-outbound-${process.pid}-${Date.now().toString(36)}`;
let database: Database;
let redis: Redis;
let scheduler: FeedScheduler;
let app: Hono;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
  redis = connectRedis(readConfig().redisUrl);
  scheduler = new FeedScheduler(redis, { prefix });
  app = createApp({ db: database.db, redis, scheduler, adminToken: 'outbound-admin' });
  const story = (title: string, summary: string, countries: string[], companies: string[], publishedAt: Date, url?: string) => {
    const id = newStoryId();
    return { id, feedId: null, dedupeKey: id, url: url ?? `https://news.example/${id}`, title, summary, countries, companies, sourceTitle: 'Le Monde & Co', publishedAt };
  };
  await saveStories(database.db, [
    story('Arcom fines X over “illegal content”', 'The regulator said the fine is €2m & more may follow.', ['FR'], ['x'], minutesAgo(30)),
    story('Bundestag debates chat control', 'Encryption at stake.', ['DE'], [], minutesAgo(20)),
    story('La CNIL sanctionne Google : 100 M€', '', ['FR'], ['google'], minutesAgo(10), 'https://news.example/cnil?a=1&b=2'),
    story('EU opens a DMA case against Meta', 'Brussels <acts> on "pay or consent".', ['EU'], ['meta'], minutesAgo(5)),
  ]);
});

afterAll(async () => {
  await scheduler?.close();
  await database?.close();
  redis?.disconnect();
});

const expected = async (query: string) => {
  const page = (await (await app.request(`/api/stories?${query}`)).json()) as { stories: Story[] };
  return page.stories.map((s) => ({ guid: `urn:uuid:${s.id}`, link: s.url, title: s.title }));
};

test.each([
  ['rss', 'application/rss+xml'],
  ['atom', 'application/atom+xml'],
  ['json', 'application/feed+json'],
])('/api/stories.%s parses back through our own parser with the same stories', async (format, type) => {
  for (const query of ['country=FR', 'company=meta,google', '', 'country=US']) {
    const response = await app.request(`/api/stories.${format}?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
    const feed = await parseFeed(await response.text(), { contentType: response.headers.get('content-type') });
    expect(feed.items.map(({ guid, link, title }) => ({ guid, link, title }))).toEqual(await expected(query));
    expect(feed.title).toMatch(/^Policy Radar: /);
  }
});

test('the feeds carry summaries, dates, tags and a title that says what they are about', async () => {
  const [arcom] = ((await (await app.request('/api/stories?country=FR&company=x')).json()) as { stories: Story[] }).stories;
  for (const format of ['rss', 'atom', 'json']) {
    const feed = await parseFeed(await (await app.request(`/api/stories.${format}?country=FR&company=x`)).text());
    expect(feed.title).toBe('Policy Radar: France · X');
    const [item] = feed.items;
    expect(item).toMatchObject({ title: 'Arcom fines X over “illegal content”', summary: 'The regulator said the fine is €2m & more may follow.' });
    // RSS dates have whole seconds
    expect(Math.abs(Date.parse(item!.published!) - Date.parse(arcom!.publishedAt))).toBeLessThan(1000);
    expect(item!.categories).toEqual(expect.arrayContaining(['France', 'X']));
  }
  const json = (await (await app.request('/api/stories.json?country=FR')).json()) as { version: string; items: { id: string; content_text: string }[] };
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.items.every((item) => item.id.startsWith('urn:uuid:') && typeof item.content_text === 'string')).toBe(true);
});

test('an unchanged feed answers 304 to its ETag; a new story changes the ETag', async () => {
  const first = await app.request('/api/stories.atom?country=DE');
  const etag = first.headers.get('etag')!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
  const again = await app.request('/api/stories.atom?country=DE', { headers: { 'if-none-match': etag } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');
  const id = newStoryId();
  await saveStories(database.db, [{ id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: 'Bavaria passes a platform law', countries: ['DE'], publishedAt: new Date() }]);
  const changed = await app.request('/api/stories.atom?country=DE', { headers: { 'if-none-match': etag } });
  expect(changed.status).toBe(200);
  expect(changed.headers.get('etag')).not.toBe(etag);
});
