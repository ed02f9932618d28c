import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EMPTY_FILTER } from '@radar/core';
import { countStories, createFeed, listStories, openScratchDatabase, type Database } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix, readStories } from '@radar/jobs';
import { ClusterWindow } from './cluster-window.ts';
import { pollFeed, type PollDeps } from './poll-feed.ts';

const prefix = `radar-test-poll-${process.pid}-${Date.now()}`;
const streamKey = `${prefix}:stories`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let database: Database;
let server: Server;
let feedUrl: string;

const items = ['Ofcom fines a video platform', 'Brazil court orders X to pay', 'India blocks 40 apps']
  .map((title, i) => `<item><title>${title}</title><link>https://news.example/${i}</link><guid>g-${i}</guid></item>`)
  .join('');

beforeAll(async () => {
  database = await openScratchDatabase('postgres');
  server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>Wire</title>${items}</channel></rss>`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
});

afterAll(async () => {
  server?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

test('a poll that crashes after storing is retried: every story reaches the stream once, stored once', async () => {
  const feed = await createFeed(database.db, { url: feedUrl });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true, clusters: new ClusterWindow() };
  const broken = redis.duplicate();
  await broken.quit();
  // the stream is out of reach: the stories are stored, not streamed, and the job fails
  await expect(pollFeed(feed.id, { ...deps, redis: broken }, { manual: true })).rejects.toThrow();
  expect(await countStories(database.db)).toBe(3);
  expect(await countStories(database.db, { streamedOnly: true })).toBe(0);

  // the retry finds nothing new to store, and streams what the crash left behind
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 0, streamed: 3 });
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 0, streamed: 0 });
  const streamed = await readStories(redis, streamKey, '0-0', 10);
  expect(streamed.map((e) => e.value.title).sort()).toEqual(['Brazil court orders X to pay', 'India blocks 40 apps', 'Ofcom fines a video platform']);
  expect(await countStories(database.db)).toBe(3);
  // each went out with the event it was assigned before the crash, and its row says the same
  const stored = await listStories(database.db, EMPTY_FILTER, { limit: 10 });
  for (const { value } of streamed) {
    expect(value.clusterId).toBe(value.id);
    expect(stored.stories.find((story) => story.id === value.id)?.clusterId).toBe(value.id);
  }
});
