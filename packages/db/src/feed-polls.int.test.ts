import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { POLLS_KEPT_PER_FEED } from '@radar/core';
import { createFeed, deleteFeed } from './feed-queries.ts';
import { listFeedPolls, recordPoll, type NewFeedPoll } from './feed-poll-queries.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import type { Database } from './database.ts';

const poll = (n: number): NewFeedPoll => ({
  at: new Date(Date.UTC(2026, 10, 30, 0, n)),
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

  test(`a feed keeps its latest ${POLLS_KEPT_PER_FEED} polls, newest first; another feed's are its own; a deleted feed's go with it`, async () => {
    const busy = await createFeed(database.db, { url: 'https://busy.example/feed.xml' });
    const other = await createFeed(database.db, { url: 'https://other.example/feed.xml' });
    await recordPoll(database.db, other.id, poll(1));
    const total = POLLS_KEPT_PER_FEED + 15;
    for (let n = 1; n <= total; n += 1) await recordPoll(database.db, busy.id, poll(n));

    const kept = await listFeedPolls(database.db, busy.id);
    expect(kept).toHaveLength(POLLS_KEPT_PER_FEED);
    expect(kept[0]).toEqual({ ...poll(total), at: poll(total).at.toISOString() });
    expect(kept.at(-1)!.latencyMs).toBe(total - POLLS_KEPT_PER_FEED + 1);
    expect(kept.find((p) => p.outcome === 'failed')).toMatchObject({ status: 503, error: expect.stringMatching(/^HTTP 503 at poll \d+$/), items: null });
    expect(await listFeedPolls(database.db, busy.id, 3)).toEqual(kept.slice(0, 3));
    expect(await listFeedPolls(database.db, other.id)).toHaveLength(1);

    await deleteFeed(database.db, busy.id);
    expect(await listFeedPolls(database.db, busy.id)).toEqual([]);
    expect(await listFeedPolls(database.db, other.id)).toHaveLength(1);
  });
});
