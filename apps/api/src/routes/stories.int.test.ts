import { afterAll, beforeAll, expect, test } from 'vitest';
import { readConfig, type Story } from '@radar/core';
import { createFeed, newStoryId, openScratchDatabase, saveStories, type Database } from '@radar/db';
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
