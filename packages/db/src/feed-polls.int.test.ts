import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_POLLS_PER_FEED, POLLS_KEPT_PER_FEED } from '@radar/core';
import { createFeed, deleteFeed } from './feed-queries.ts';
import { listFeedPolls, recordPoll, type NewFeedPoll } from './feed-poll-queries.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import type { Database } from './database.ts';

const MINUTE = 60_000;
const poll = (n: number, at: Date): NewFeedPoll => ({
  at,
  outcome: n % 10 === 0 ? 'failed' : 'read',
  pushed: false,
  status: n % 10 === 0 ? 503 : 200,
  latencyMs: n,
  bytes: 1000 + n,
  items: n % 10 === 0 ? null : 20,
  newStories: n % 3,
  updatedStories: 0,
  error: n % 10 === 0 ? `HTTP 503 at poll ${n}` : null,
});

describe.each(['pglite', 'postgres'] satisfies DatabaseKind[])('%s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openScratchDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  test(`a feed keeps its latest ${POLLS_KEPT_PER_FEED} polls, and every one of the last day; another feed's are its own; a deleted feed's go with it`, async () => {
    const busy = await createFeed(database.db, { url: 'https://busy.example/feed.xml' });
    const other = await createFeed(database.db, { url: 'https://other.example/feed.xml' });
    await recordPoll(database.db, other.id, poll(1, new Date('2026-11-01T00:00:00Z')));
    // a slow feed: 215 polls an hour apart, the newest 200 kept
    const hourly = Date.parse('2026-11-01T00:00:00Z');
    for (let n = 1; n <= POLLS_KEPT_PER_FEED + 15; n += 1) await recordPoll(database.db, busy.id, poll(n, new Date(hourly + n * 60 * MINUTE)));
    const kept = await listFeedPolls(database.db, busy.id);
    expect(kept).toHaveLength(POLLS_KEPT_PER_FEED);
    expect(kept[0]).toEqual({ ...poll(215, new Date(hourly + 215 * 60 * MINUTE)), at: new Date(hourly + 215 * 60 * MINUTE).toISOString() });
    expect(kept.at(-1)!.latencyMs).toBe(16);
    expect(kept.find((p) => p.outcome === 'failed')).toMatchObject({ status: 503, error: expect.stringMatching(/^HTTP 503 at poll \d+$/), items: null });
    expect(await listFeedPolls(database.db, busy.id, 3)).toEqual(kept.slice(0, 3));

    // polled every minute from then on: the whole last day is kept, the hourly ones before it go
    const start = hourly + 300 * 60 * MINUTE;
    for (let n = 1; n <= 300; n += 1) await recordPoll(database.db, busy.id, poll(1000 + n, new Date(start + n * MINUTE)));
    const day = await listFeedPolls(database.db, busy.id, MAX_POLLS_PER_FEED);
    expect(day).toHaveLength(300);
    expect(day.every((p) => p.latencyMs! > 1000)).toBe(true);
    expect(await listFeedPolls(database.db, other.id)).toHaveLength(1);

    await deleteFeed(database.db, busy.id);
    expect(await listFeedPolls(database.db, busy.id)).toEqual([]);
    expect(await listFeedPolls(database.db, other.id)).toHaveLength(1);
  });

  test(`a feed polled more than ${MAX_POLLS_PER_FEED} times in a day keeps its latest ${MAX_POLLS_PER_FEED}`, async () => {
    const frantic = await createFeed(database.db, { url: 'https://frantic.example/feed.xml' });
    const start = Date.parse('2026-11-10T00:00:00Z');
    const total = MAX_POLLS_PER_FEED + 20;
    for (let n = 1; n <= total; n += 1) await recordPoll(database.db, frantic.id, poll(n, new Date(start + n * 30_000)));
    const kept = await listFeedPolls(database.db, frantic.id, MAX_POLLS_PER_FEED);
    expect(kept).toHaveLength(MAX_POLLS_PER_FEED);
    expect(kept.at(-1)!.latencyMs).toBe(total - MAX_POLLS_PER_FEED + 1);
  }, 60_000);
});
