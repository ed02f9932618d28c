import { StoryFilterSchema, type Facets, type StoryFilter } from '@radar/core';
import { afterEach, expect, test, vi } from 'vitest';
import type { TimeCounts } from './api-client.ts';
import { ANY_TIME } from './dashboard-query.ts';
import { OverviewStats, type OverviewLoaders } from './overview-stats.svelte.ts';

afterEach(() => {
  vi.useRealTimers();
});

const hourly = (by: TimeCounts['by'], n: number): TimeCounts => ({
  by,
  bucket: 'hour',
  buckets: ['2026-11-10T12:00:00.000Z'],
  total: [n],
  series: [{ id: by === 'country' ? 'FR' : 'meta', total: n, counts: [n] }],
  more: 0,
});
const facets = (total: number): Facets => ({ total, countries: [{ id: 'FR', count: total }], companies: [], topics: [], folders: [] });

function recordingLoaders() {
  const calls: { kind: string; filter: StoryFilter; after: number | null }[] = [];
  const loaders: OverviewLoaders = {
    hourly: async (filter, by, { after }) => {
      calls.push({ kind: by, filter, after });
      return hourly(by, calls.length);
    },
    facets: async (filter, { after }) => {
      calls.push({ kind: 'facets', filter, after });
      return facets(calls.length);
    },
    rising: async (filter) => {
      calls.push({ kind: 'rising', filter, after: null });
      return { since: '2026-11-09T12:00:00.000Z', baselineDays: 14, rising: [{ kind: 'country', id: 'BR', recent: calls.length, usual: 0 }] };
    },
  };
  return { calls, loaders };
}

test('a view loads both breakdowns and the country counts for its range', async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-10T12:00:00Z'));
  const { calls, loaders } = recordingLoaders();
  const stats = new OverviewStats(loaders);
  await stats.show(StoryFilterSchema.parse({ companies: ['meta'] }), { ...ANY_TIME, range: '1h' });
  expect(calls.map((call) => call.kind)).toEqual(['rising', 'facets', 'country', 'company', 'facets']);
  // what rose in the last day is the same whatever the range; the hour before is counted to compare
  expect(calls[1]!.after).toBe(Date.parse('2026-11-10T10:00:00Z'));
  expect(new Set(calls.slice(2).map((call) => call.after))).toEqual(new Set([Date.parse('2026-11-10T11:00:00Z')]));
  expect(stats.before).toBe(2);
  expect(calls.every((call) => call.filter.companies[0] === 'meta')).toBe(true);
  expect(stats.byCountry?.series[0]?.id).toBe('FR');
  expect(stats.byCompany?.series[0]?.id).toBe('meta');
  expect(stats.facets?.total).toBe(5);
  expect(stats.rising?.rising[0]).toEqual({ kind: 'country', id: 'BR', recent: 1, usual: 0 });

  // the same view again loads nothing; live stories reload once after a pause
  await stats.show(StoryFilterSchema.parse({ companies: ['meta'] }), { ...ANY_TIME, range: '1h' });
  expect(calls).toHaveLength(5);
  for (let i = 0; i < 10; i++) stats.storyArrived();
  await vi.advanceTimersByTimeAsync(6_000);
  expect(calls).toHaveLength(10);
  stats.stop();
});

test('a failed load says why and keeps the figures shown', async () => {
  let fail = false;
  const stats = new OverviewStats({
    hourly: async (_filter, by) => {
      if (fail) throw new Error('The server cannot be reached.');
      return hourly(by, 1);
    },
    facets: async () => facets(1),
    rising: async () => {
      if (fail) throw new Error('HTTP 500');
      return { since: '2026-11-09T12:00:00.000Z', baselineDays: 0, rising: [] };
    },
  });
  await stats.show(StoryFilterSchema.parse({}), ANY_TIME);
  fail = true;
  await stats.show(StoryFilterSchema.parse({ countries: ['DE'] }), ANY_TIME);
  expect(stats.error).toBe('The server cannot be reached.');
  expect(stats.byCountry?.total).toEqual([1]);
  expect(stats.rising?.baselineDays).toBe(0);
});

test('the figures show when what rose cannot be had', async () => {
  const stats = new OverviewStats({
    hourly: async (_filter, by) => hourly(by, 2),
    facets: async () => facets(2),
    rising: async () => {
      throw new Error('HTTP 500');
    },
  });
  await stats.show(StoryFilterSchema.parse({}), ANY_TIME);
  expect(stats.error).toBeNull();
  expect(stats.facets?.total).toBe(2);
  expect(stats.rising).toBeNull();
  // any time has no stretch before it
  expect(stats.before).toBeNull();
});
