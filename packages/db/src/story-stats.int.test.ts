import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseQuery, StoryFilterSchema } from '@radar/core';
import type { Database } from './database.ts';
import { countFacets } from './facets.ts';
import { createFeed } from './feed-queries.ts';
import { newStoryId } from './ids.ts';
import { feeds } from './schema/index.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import { listStories, saveStories, type NewStory } from './story-queries.ts';
import { countStoriesOverTime, findRisingForQuery, findRisingValues } from './story-stats.ts';

const filter = (input: Parameters<typeof StoryFilterSchema.parse>[0] = {}) => StoryFilterSchema.parse(input);
/** Rising values without their day-by-day counts, where a test is about which rose. */
const withoutDaily = (values: { daily?: number[] }[]) => values.map(({ daily: _daily, ...value }) => value);
const now = new Date('2026-11-10T12:40:00Z');
const at = (iso: string) => new Date(iso);

describe.each<DatabaseKind>(['pglite', 'postgres'])('time ranges and hourly counts on %s', (kind) => {
  let database: Database;

  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    const feedId = (await createFeed(database.db, { url: 'https://news.example/feed.xml' })).id;
    const story = (key: string, publishedAt: string, overrides: Partial<NewStory> = {}): NewStory => ({
      id: newStoryId(),
      feedId,
      dedupeKey: key,
      url: `https://news.example/${key}`,
      title: `Story ${key}`,
      sourceTitle: 'Example News',
      publishedAt: at(publishedAt),
      ...overrides,
    });
    await saveStories(database.db, [
      story('old', '2026-11-08T09:15:00Z', { countries: ['FR'], companies: ['meta'] }),
      story('ten-a', '2026-11-10T10:05:00Z', { countries: ['FR'], companies: ['meta'] }),
      story('ten-b', '2026-11-10T10:59:59Z', { countries: ['FR', 'DE'], companies: ['google'] }),
      story('twelve', '2026-11-10T12:00:00Z', { countries: ['DE'], companies: ['meta'], relevant: true }),
      story('untagged', '2026-11-10T12:30:00Z'),
      story('future', '2026-11-10T14:00:00Z', { countries: ['US'] }),
    ]);
  });
  afterAll(() => database?.close());

  test('after= keeps stories published at or after the time, in pages and in counts', async () => {
    const after = at('2026-11-10T10:59:59Z');
    const keys = (await listStories(database.db, filter(), { after })).stories.map((s) => s.url.split('/').pop());
    expect(keys).toEqual(['future', 'untagged', 'twelve', 'ten-b']);
    const facets = await countFacets(database.db, filter({ countries: ['FR'] }), { after });
    expect(facets.total).toBe(1);
    expect(facets.countries).toEqual([
      { id: 'DE', count: 2 },
      { id: 'FR', count: 1 },
      { id: 'US', count: 1 },
    ]);
    expect((await countFacets(database.db, filter())).total).toBe(6);
  });

  test('stories per hour by country line up with the hours, zeros where nothing was published', async () => {
    const counts = await countStoriesOverTime(database.db, filter(), { by: 'country', after: at('2026-11-10T09:30:00Z'), now });
    expect(counts.buckets).toEqual([
      '2026-11-10T09:00:00.000Z',
      '2026-11-10T10:00:00.000Z',
      '2026-11-10T11:00:00.000Z',
      '2026-11-10T12:00:00.000Z',
    ]);
    // the story published after `now` is not counted
    expect(counts.total).toEqual([0, 2, 0, 2]);
    expect(counts.series).toEqual([
      { id: 'DE', total: 2, counts: [0, 1, 0, 1] },
      { id: 'FR', total: 2, counts: [0, 2, 0, 0] },
    ]);
    expect(counts.more).toBe(0);
  });

  test('by company, with a filter and a limit; without after the range starts at the first story', async () => {
    const limited = await countStoriesOverTime(database.db, filter(), { by: 'company', limit: 1, now });
    expect(limited.buckets[0]).toBe('2026-11-08T09:00:00.000Z');
    expect(limited.buckets).toHaveLength(2 * 24 + 4);
    expect(limited.series.map((s) => [s.id, s.total])).toEqual([['meta', 3]]);
    expect(limited.more).toBe(1);

    const relevant = await countStoriesOverTime(database.db, filter({ relevantOnly: true }), { by: 'company', now });
    expect(relevant.series).toEqual([{ id: 'meta', total: 1, counts: [1] }]);
    expect(relevant.buckets).toEqual(['2026-11-10T12:00:00.000Z']);
  });

  test('a long range is cut to the newest hours, and an empty one has only the current hour', async () => {
    const cut = await countStoriesOverTime(database.db, filter(), { by: 'country', now, maxHours: 3 });
    expect(cut.buckets).toEqual(['2026-11-10T10:00:00.000Z', '2026-11-10T11:00:00.000Z', '2026-11-10T12:00:00.000Z']);
    expect(cut.total).toEqual([2, 0, 2]);
    const none = await countStoriesOverTime(database.db, filter({ q: 'nothing-matches-this' }), { by: 'country', now });
    expect(none).toEqual({ by: 'country', bucket: 'hour', buckets: ['2026-11-10T12:00:00.000Z'], total: [0], series: [], more: 0 });
  });
});

describe.each<DatabaseKind>(['pglite', 'postgres'])('stories per day on %s', (kind) => {
  let database: Database;

  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    const story = (publishedAt: string, countries: string[]): NewStory => {
      const id = newStoryId();
      return { id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: `Story ${id}`, sourceTitle: 'Example', publishedAt: at(publishedAt), countries };
    };
    await saveStories(database.db, [
      story('2026-10-30T12:00:00Z', ['US']),
      // 1 November 2026, 00:30 in New York (EDT, UTC-4), but still 31 October in Los Angeles
      story('2026-11-01T04:30:00Z', ['US', 'CA']),
      // 1 November, 23:30 in New York (EST since 2:00 that night, UTC-5)
      story('2026-11-02T04:30:00Z', ['US']),
      story('2026-11-03T15:00:00Z', ['CA']),
    ]);
  });
  afterAll(() => database?.close());

  test("days begin at midnight in the reader's time zone, daylight saving included", async () => {
    const now = at('2026-11-03T20:00:00Z');
    const york = await countStoriesOverTime(database.db, filter(), { by: 'country', bucket: 'day', timeZone: 'America/New_York', now });
    expect(york.bucket).toBe('day');
    expect(york.buckets).toEqual([
      '2026-10-30T04:00:00.000Z',
      '2026-10-31T04:00:00.000Z',
      '2026-11-01T04:00:00.000Z',
      // the 1st lasted 25 hours
      '2026-11-02T05:00:00.000Z',
      '2026-11-03T05:00:00.000Z',
    ]);
    expect(york.total).toEqual([1, 0, 2, 0, 1]);
    expect(york.series).toEqual([
      { id: 'US', total: 3, counts: [1, 0, 2, 0, 0] },
      { id: 'CA', total: 2, counts: [0, 0, 1, 0, 1] },
    ]);
    const angeles = await countStoriesOverTime(database.db, filter(), { by: 'country', bucket: 'day', timeZone: 'America/Los_Angeles', now });
    expect(angeles.total).toEqual([1, 1, 1, 0, 1]);
    // UTC unless told
    expect((await countStoriesOverTime(database.db, filter(), { by: 'country', bucket: 'day', now })).buckets[0]).toBe('2026-10-30T00:00:00.000Z');
  });

  test('auto counts by hour over three days or less and by day beyond; a range of days ends at until', async () => {
    const now = at('2026-11-03T20:00:00Z');
    const long = await countStoriesOverTime(database.db, filter(), { by: 'country', bucket: 'auto', now });
    expect([long.bucket, long.buckets.length]).toEqual(['day', 5]);
    const short = await countStoriesOverTime(database.db, filter(), { by: 'country', bucket: 'auto', after: at('2026-11-02T00:00:00Z'), now });
    expect(short.bucket).toBe('hour');
    const cut = await countStoriesOverTime(database.db, filter(), {
      by: 'country',
      bucket: 'day',
      timeZone: 'America/New_York',
      after: at('2026-10-31T04:00:00Z'),
      until: at('2026-11-02T05:00:00Z'),
      now,
    });
    expect(cut.buckets).toEqual(['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z']);
    expect(cut.total).toEqual([0, 2]);
  });
});

describe.each<DatabaseKind>(['pglite', 'postgres'])('rising values on %s', (kind) => {
  let database: Database;
  const today = new Date('2026-11-20T12:00:00Z');
  const HOUR = 3_600_000;

  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    const batch: NewStory[] = [];
    /** `count` stories spread evenly from `hoursAgo` towards now, over `spanHours`. */
    const spread = (count: number, hoursAgo: number, spanHours: number, tags: Partial<NewStory>) => {
      for (let i = 0; i < count; i++) {
        const id = newStoryId();
        const publishedAt = new Date(today.getTime() - (hoursAgo - (i * spanHours) / count) * HOUR);
        batch.push({ id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: `Story ${id}`, sourceTitle: 'Example', publishedAt, ...tags });
      }
    };
    spread(5, 20, 18, { countries: ['BR'], companies: ['meta'] }); // never before: rising
    spread(6, 23, 22, { countries: ['US'] }); // once a day before: rising
    spread(14, 24 * 15 - 1, 24 * 14 - 2, { countries: ['US'] });
    spread(3, 23, 22, { countries: ['FR'] }); // three a day, as always
    spread(42, 24 * 15 - 1, 24 * 14 - 2, { countries: ['FR'] });
    spread(2, 10, 5, { countries: ['DE'] }); // too few to say
    spread(4, 23, 22, { topics: ['privacy-data-protection'] }); // twice the usual, within chance
    spread(28, 24 * 15 - 1, 24 * 14 - 2, { topics: ['privacy-data-protection'] });
    spread(5, 24 * 20, 24, { countries: ['JP'] }); // before the baseline: not counted
    spread(4, 24 * 16 + 12, 12, { countries: ['JP'] });
    spread(9, -2, 1, { countries: ['IN'] }); // dated in the future: not counted
    // Korea, seen from 16 days ago, when the stories stored reached back only 4 days
    spread(6, 24 * 16 + 20, 8, { countries: ['KR'] });
    spread(3, 24 * 19, 24, { countries: ['KR'] });
    await saveStories(database.db, batch);
  });
  afterAll(() => database?.close());

  test('values with far more stories in the last day than usual, the most unusual first', async () => {
    const found = await findRisingValues(database.db, filter(), { now: today });
    expect(found.since).toBe('2026-11-19T12:00:00.000Z');
    expect(found.baselineDays).toBe(14);
    const none = new Array<number>(14).fill(0);
    expect(found.rising).toEqual([
      { kind: 'country', id: 'BR', recent: 5, usual: 0, daily: [...none, 5] },
      { kind: 'company', id: 'meta', recent: 5, usual: 0, daily: [...none, 5] },
      { kind: 'country', id: 'US', recent: 6, usual: 1, daily: expect.any(Array) },
    ]);
    // about one a day for two weeks (every 23.9 hours), then six
    const us = found.rising[2]!.daily!;
    expect(us).toHaveLength(15);
    expect(us.at(-1)).toBe(6);
    expect(us.slice(0, 14).reduce((sum, n) => sum + n, 0)).toBe(14);
    expect(Math.max(...us.slice(0, 14))).toBeLessThanOrEqual(2);
  });

  test('values the filter chose are left out, and the filter narrows the stories counted', async () => {
    const brazil = await findRisingValues(database.db, filter({ countries: ['BR'] }), { now: today });
    expect(withoutDaily(brazil.rising)).toEqual([{ kind: 'company', id: 'meta', recent: 5, usual: 0 }]);
    const fewer = await findRisingValues(database.db, filter({ q: '-country:BR' }), { now: today, limit: 1 });
    expect(withoutDaily(fewer.rising)).toEqual([{ kind: 'country', id: 'US', recent: 6, usual: 1 }]);
    // a lower bar lets Germany's two stories through
    const lower = await findRisingValues(database.db, filter({ countries: ['DE'] }), { now: today, minRecent: 1 });
    expect(withoutDaily(lower.rising)).toEqual([]);
    const germany = await findRisingValues(database.db, filter({ q: 'country:DE OR country:FR' }), { now: today, minRecent: 2 });
    expect(withoutDaily(germany.rising)).toEqual([{ kind: 'country', id: 'DE', recent: 2, usual: 0 }]);
  });

  test("an alert query's rising values, all of them or only a story's own", async () => {
    const all = await findRisingForQuery(database.db, parseQuery('country:BR OR country:US OR country:FR'), { now: today });
    expect(withoutDaily(all.rising)).toEqual([
      { kind: 'country', id: 'BR', recent: 5, usual: 0 },
      { kind: 'company', id: 'meta', recent: 5, usual: 0 },
      { kind: 'country', id: 'US', recent: 6, usual: 1 },
    ]);
    // a value the query requires can rise too: a rising alert on Brazil is told when Brazil rises
    const brazil = await findRisingForQuery(database.db, parseQuery('country:BR'), { now: today });
    expect(brazil.rising.map((value) => value.id)).toEqual(['BR', 'meta']);
    // a new story about the United States and France: only its own values are counted
    const story = { countries: ['US', 'FR'], companies: [], topics: ['privacy-data-protection'] };
    const among = await findRisingForQuery(database.db, parseQuery('country:US OR country:FR OR country:BR'), { now: today, among: story });
    expect(among).toEqual({ since: '2026-11-19T12:00:00.000Z', baselineDays: 14, rising: [{ kind: 'country', id: 'US', recent: 6, usual: 1 }] });
    // nor does anything rise outside the query
    expect((await findRisingForQuery(database.db, parseQuery('country:FR'), { now: today, among: story })).rising).toEqual([]);
    expect((await findRisingForQuery(database.db, parseQuery('country:US'), { now: today, among: { countries: [], companies: [], topics: [] } })).rising).toEqual([]);
  });

  test('a baseline is shortened to the days of stories stored, and none is drawn from less than a day', async () => {
    const DAY = 24 * HOUR;
    // the first story is 20 days old: 16 days ago, three whole days of stories came before the last day
    const early = await findRisingValues(database.db, filter(), { now: new Date(today.getTime() - 16 * DAY) });
    expect(early.baselineDays).toBe(3);
    expect(withoutDaily(early.rising)).toEqual([{ kind: 'country', id: 'KR', recent: 6, usual: 1 }]);
    const first = await findRisingValues(database.db, filter(), { now: new Date(today.getTime() - 19.5 * DAY) });
    expect(first).toEqual({ since: new Date(today.getTime() - 20.5 * DAY).toISOString(), baselineDays: 0, rising: [] });
  });
});

describe.each<DatabaseKind>(['pglite', 'postgres'])('what rises, counted over the days each feed was watched, on %s', (kind) => {
  let database: Database;
  const today = new Date('2026-11-20T12:00:00Z');
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;

  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    /** A feed as if added `daysAgo` days before today, with stories published `hoursAgo` about a country. */
    const feedWith = async (url: string, addedDaysAgo: number, country: string, hoursAgo: number[]) => {
      const feed = await createFeed(database.db, { url });
      await database.db.update(feeds).set({ createdAt: new Date(today.getTime() - addedDaysAgo * DAY) }).where(eq(feeds.id, feed.id));
      const batch: NewStory[] = hoursAgo.map((hours) => {
        const id = newStoryId();
        return { id, feedId: feed.id, dedupeKey: id, url: `${url}/${id}`, title: `Story ${id}`, sourceTitle: url, publishedAt: new Date(today.getTime() - hours * HOUR), countries: [country] };
      });
      await saveStories(database.db, batch);
    };
    // three weeks of a story a day from a feed watched all along: the database reaches back
    const weekly = Array.from({ length: 21 }, (_, day) => 24 * day + 30);
    await feedWith('https://old.example/feed', 30, 'CL', weekly);
    // added two hours ago with its back catalogue: eight stories over ten days, six in the last day
    await feedWith('https://new.example/feed', 2 / 24, 'PE', [...[100, 130, 160, 190, 200, 220, 230, 240], ...[1, 3, 5, 7, 9, 11]]);
    // added three days ago: two stories on each of the two whole days it was watched before the
    // last (and two from before it was added), then six in the last day
    await feedWith('https://young.example/feed', 3, 'BO', [30, 34, 54, 58, 78, 82, 2, 4, 6, 8, 10, 12]);
  });
  afterAll(() => database?.close());

  test("a feed added in the last day makes nothing rise with its back catalogue; a young feed's usual is over the days it was read", async () => {
    const found = await findRisingValues(database.db, filter(), { now: today });
    expect(found.baselineDays).toBe(14);
    // Peru's stories all come from the feed added two hours ago: not counted at all
    expect(found.rising.map((value) => value.id)).not.toContain('PE');
    // Bolivia's usual is four stories over the two days its feed was read, not over fourteen
    expect(found.rising).toContainEqual({ kind: 'country', id: 'BO', recent: 6, usual: 2, daily: expect.any(Array) });
    // and a rising alert counts the same way
    const alert = await findRisingForQuery(database.db, parseQuery('country:BO OR country:PE'), { now: today, among: { countries: ['BO', 'PE'], companies: [], topics: [] } });
    expect(alert.rising).toEqual([{ kind: 'country', id: 'BO', recent: 6, usual: 2 }]);
  });
});
