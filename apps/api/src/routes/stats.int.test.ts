import { afterAll, beforeAll, expect, test } from 'vitest';
import { readConfig, type Facets, type FeedStoryStats, type Story } from '@radar/core';
import { createFeed, newStoryId, openScratchDatabase, saveStories, type Database, type TimeCounts } from '@radar/db';
import { connectRedis, FeedScheduler } from '@radar/jobs';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { createApp } from '../app.ts';

const prefix = `radar-test-stats-${process.pid}-${Date.now().toString(36)}`;
let database: Database;
let redis: Redis;
let scheduler: FeedScheduler;
let app: Hono;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
  redis = connectRedis(readConfig().redisUrl);
  scheduler = new FeedScheduler(redis, { prefix });
  app = createApp({ db: database.db, redis, scheduler, adminToken: 'stats-admin' });
  const story = (title: string, countries: string[], companies: string[], publishedAt: Date) => {
    const id = newStoryId();
    return { id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title, countries, companies, sourceTitle: 'Example', publishedAt };
  };
  await saveStories(database.db, [
    story('Two days ago in Paris', ['FR'], ['meta'], hoursAgo(48)),
    story('Berlin this morning', ['DE'], ['google'], hoursAgo(2)),
    story('Paris and Berlin now', ['FR', 'DE'], ['meta'], hoursAgo(0)),
  ]);
});

afterAll(async () => {
  await scheduler?.close();
  await database?.close();
  redis?.disconnect();
});

const json = async <T>(path: string): Promise<T> => {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};

test('after= narrows the story list and the facet counts to a time range', async () => {
  const after = encodeURIComponent(hoursAgo(24).toISOString());
  const page = await json<{ stories: Story[] }>(`/api/stories?after=${after}`);
  expect(page.stories.map((s) => s.title)).toEqual(['Paris and Berlin now', 'Berlin this morning']);
  const facets = await json<Facets>(`/api/facets?country=FR&after=${after}`);
  expect(facets.total).toBe(1);
  expect(facets.companies).toEqual([{ id: 'meta', count: 1 }]);
  expect((await json<Facets>('/api/facets?country=FR')).total).toBe(2);
  // an offset other than Z is the same instant
  const local = hoursAgo(24).toISOString().replace('Z', '+00:00');
  expect((await json<Facets>(`/api/facets?after=${encodeURIComponent(local)}`)).total).toBe(2);
});

test('until= ends the range: the list, its pages, the counts, the export and the hourly counts stop before it', async () => {
  const after = encodeURIComponent(hoursAgo(72).toISOString());
  const until = encodeURIComponent(hoursAgo(1).toISOString());
  const page = await json<{ stories: Story[] }>(`/api/stories?after=${after}&until=${until}`);
  expect(page.stories.map((s) => s.title)).toEqual(['Berlin this morning', 'Two days ago in Paris']);
  const first = await json<{ stories: Story[]; nextCursor: string }>(`/api/stories?until=${until}&limit=1`);
  const second = await json<{ stories: Story[] }>(`/api/stories?until=${until}&limit=1&before=${first.nextCursor}`);
  expect([...first.stories, ...second.stories].map((s) => s.title)).toEqual(['Berlin this morning', 'Two days ago in Paris']);
  const facets = await json<Facets>(`/api/facets?until=${until}`);
  expect(facets.total).toBe(2);
  expect(facets.countries).toEqual([
    { id: 'DE', count: 1 },
    { id: 'FR', count: 1 },
  ]);
  const csv = await (await app.request(`/api/stories/export.csv?until=${until}`)).text();
  expect(csv).toContain('Two days ago in Paris');
  expect(csv).not.toContain('Paris and Berlin now');
  // the last hour counted is the one before `until`
  const hourly = await json<TimeCounts>(`/api/stats/hourly?by=country&after=${encodeURIComponent(hoursAgo(3).toISOString())}&until=${until}`);
  expect(hourly.buckets).toHaveLength(3);
  expect(Date.parse(hourly.buckets.at(-1)!)).toBeLessThan(hoursAgo(1).getTime());
  expect(hourly.series.map((s) => [s.id, s.total])).toEqual([['DE', 1]]);
});

test('until= not later than after=, or not a time, is a 400 that says so', async () => {
  const at = encodeURIComponent(hoursAgo(5).toISOString());
  for (const path of [`/api/stories?after=${at}&until=${at}`, `/api/facets?until=yesterday`, `/api/stats/hourly?by=company&until=2026-02-30`]) {
    const response = await app.request(path);
    expect(response.status, path).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^until: /);
  }
});

test('after= that is not an ISO 8601 time is a 400 that says so', async () => {
  for (const path of ['/api/stories?after=yesterday', '/api/facets?after=2026-13-01', '/api/stats/hourly?by=country&after=1']) {
    const response = await app.request(path);
    expect(response.status, path).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^after: /);
  }
});

test('GET /api/stats/hourly counts stories per hour by country and by company over the range', async () => {
  const after = encodeURIComponent(hoursAgo(3).toISOString());
  const byCountry = await json<TimeCounts>(`/api/stats/hourly?by=country&after=${after}`);
  expect(byCountry.buckets).toHaveLength(4);
  expect(byCountry.total.reduce((a, b) => a + b)).toBe(2);
  expect(byCountry.series.map((s) => [s.id, s.total])).toEqual([['DE', 2], ['FR', 1]]);
  expect(byCountry.series[0]!.counts.at(-1)).toBe(1);

  const byCompany = await json<TimeCounts>(`/api/stats/hourly?by=company&country=FR`);
  expect(byCompany.buckets.length).toBeGreaterThanOrEqual(49);
  expect(byCompany.series).toEqual([expect.objectContaining({ id: 'meta', total: 2 })]);

  const missing = await app.request('/api/stats/hourly?after=' + after);
  expect(missing.status).toBe(400);
  expect(((await missing.json()) as { error: string }).error).toMatch(/^by: /);
});

test('GET /api/stats/timeline counts by day in the time zone asked for; an unknown zone is a 400', async () => {
  const days = await json<TimeCounts>(`/api/stats/timeline?by=country&bucket=day&tz=Asia/Kolkata&after=${encodeURIComponent(hoursAgo(72).toISOString())}`);
  expect(days.bucket).toBe('day');
  // every day starts at 18:30 UTC, midnight in India
  expect(days.buckets.every((start) => start.endsWith('T18:30:00.000Z'))).toBe(true);
  expect(days.total.reduce((a, b) => a + b)).toBe(3);
  expect(days.series.find((series) => series.id === 'FR')?.total).toBe(2);
  // auto: by hour over the two days of stories, by day over the last hundred hours
  expect((await json<TimeCounts>('/api/stats/timeline?by=country&bucket=auto&country=FR')).bucket).toBe('hour');
  expect((await json<TimeCounts>(`/api/stats/timeline?by=country&bucket=auto&after=${encodeURIComponent(hoursAgo(100).toISOString())}`)).bucket).toBe('day');
  for (const path of ['/api/stats/timeline?by=country&tz=Mars/Olympus', '/api/stats/timeline?by=country&bucket=week']) {
    const response = await app.request(path);
    expect(response.status, path).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^(tz|bucket): /);
  }
});

test('GET /api/stats/timeline.csv writes the same counts, a row per hour or day, for a spreadsheet', async () => {
  const after = encodeURIComponent(hoursAgo(72).toISOString());
  const query = `by=country&bucket=day&tz=Asia/Kolkata&after=${after}`;
  const counts = await json<TimeCounts>(`/api/stats/timeline?${query}`);
  const response = await app.request(`/api/stats/timeline.csv?${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="policy-radar-stories-per-day-by-country-\d{4}-\d{2}-\d{2}\.csv"$/);
  const rows = (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(rows[0]).toBe(['Day (Asia/Kolkata)', 'All stories', ...counts.series.map((series) => new Intl.DisplayNames(['en'], { type: 'region' }).of(series.id))].join(','));
  expect(rows).toHaveLength(counts.buckets.length + 1);
  // the first day: its date in India, then the counts the JSON has
  const first = new Date(Date.parse(counts.buckets[0]!) + 5.5 * 3_600_000).toISOString().slice(0, 10);
  expect(rows[1]).toBe([first, counts.total[0], ...counts.series.map((series) => series.counts[0])].join(','));
  const hours = await app.request(`/api/stats/timeline.csv?by=company&after=${encodeURIComponent(hoursAgo(3).toISOString())}`);
  const bytes = new Uint8Array(await hours.arrayBuffer());
  // a byte order mark first, so spreadsheets read UTF-8
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toMatch(/^Hour starting \(UTC\),All stories/);
  expect((await app.request('/api/stats/timeline.csv?by=country&tz=Nowhere/Else')).status).toBe(400);
});

test("GET /api/feeds/stats counts each feed's stories over the last days, and those about internet policy", async () => {
  const [wire, blog, quiet] = await Promise.all(['wire', 'blog', 'quiet'].map((name) => createFeed(database.db, { url: `https://${name}.example/feed.xml` })));
  const story = (feedId: string, relevant: boolean, publishedAt: Date) => {
    const id = newStoryId();
    return { id, feedId, dedupeKey: id, url: `https://news.example/${id}`, title: `Story ${id}`, sourceTitle: 'Example', publishedAt, relevant };
  };
  await saveStories(database.db, [
    story(wire!.id, true, hoursAgo(1)),
    story(wire!.id, true, hoursAgo(30)),
    story(wire!.id, false, hoursAgo(50)),
    story(wire!.id, true, hoursAgo(24 * 10)),
    story(blog!.id, false, hoursAgo(3)),
    story(quiet!.id, true, hoursAgo(24 * 40)),
  ]);
  const week = await json<FeedStoryStats>('/api/feeds/stats?days=7');
  expect(week.days).toBe(7);
  expect(Date.now() - Date.parse(week.since)).toBeGreaterThanOrEqual(7 * 86_400_000);
  expect(week.feeds.sort((a, b) => b.stories - a.stories)).toEqual([
    { feedId: wire!.id, stories: 3, policyStories: 2 },
    { feedId: blog!.id, stories: 1, policyStories: 0 },
  ]);
  // thirty days unless asked; the quiet feed's story is older still
  const month = await json<FeedStoryStats>('/api/feeds/stats');
  expect(month.feeds.find((feed) => feed.feedId === wire!.id)).toEqual({ feedId: wire!.id, stories: 4, policyStories: 3 });
  expect(month.feeds.find((feed) => feed.feedId === quiet!.id)).toBeUndefined();
  for (const days of ['0', '400', 'week']) {
    const response = await app.request(`/api/feeds/stats?days=${days}`);
    expect([response.status, await response.json()]).toEqual([400, { error: 'days must be a whole number from 1 to 365' }]);
  }
});

test('GET /api/stats/rising names what has far more stories in the last day than usual, within the filter', async () => {
  const story = (countries: string[], companies: string[], publishedAt: Date) => {
    const id = newStoryId();
    return { id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: `Story ${id}`, countries, companies, sourceTitle: 'Example', publishedAt };
  };
  await saveStories(database.db, [
    ...[1, 3, 5, 7].map((hours) => story(['KE'], ['x'], hoursAgo(hours))),
    story(['KE'], [], hoursAgo(24 * 5)),
  ]);
  const answer = await json<{ since: string; baselineDays: number; rising: { kind: string; id: string; recent: number; usual: number; daily: number[] }[] }>(
    '/api/stats/rising',
  );
  expect(Date.now() - Date.parse(answer.since)).toBeGreaterThanOrEqual(24 * 3_600_000);
  expect(answer.baselineDays).toBe(14);
  // each with its stories in each 24 hours, the last day last: Kenya's one five days back
  const day = (daysAgo: number, n: number) => Array.from({ length: 15 }, (_, i) => (i === 14 - daysAgo ? n : 0));
  const kenyaDaily = day(0, 4).map((n, i) => n + day(5, 1)[i]!);
  expect(answer.rising).toContainEqual({ kind: 'country', id: 'KE', recent: 4, usual: 0.1, daily: kenyaDaily });
  expect(answer.rising).toContainEqual({ kind: 'company', id: 'x', recent: 4, usual: 0, daily: day(0, 4) });
  // within Kenya's stories, Kenya itself is not news
  const kenya = await json<typeof answer>('/api/stats/rising?country=KE');
  expect(kenya.rising.map((value) => value.id)).toEqual(['x']);
  const bad = await app.request('/api/stats/rising?baseline_days=0');
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/^baseline_days: /);
});
