import { StoryFilterSchema, type Facets, type StoryFilter } from '@radar/core';
import { afterEach, expect, test, vi } from 'vitest';
import type { HourlyCounts } from './api-client.ts';
import { ANY_TIME } from './dashboard-query.ts';
import { OverviewStats, type OverviewLoaders } from './overview-stats.svelte.ts';

afterEach(() => {
  vi.useRealTimers();
});

const hourly = (by: HourlyCounts['by'], n: number): HourlyCounts => ({
  by,
  hours: ['2026-11-10T12:00:00.000Z'],
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
  };
  return { calls, loaders };
}

test('a view loads both breakdowns and the country counts for its range', async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-10T12:00:00Z'));
  const { calls, loaders } = recordingLoaders();
  const stats = new OverviewStats(loaders);
  await stats.show(StoryFilterSchema.parse({ companies: ['meta'] }), { ...ANY_TIME, range: '1h' });
  expect(calls.map((call) => call.kind)).toEqual(['country', 'company', 'facets']);
  expect(new Set(calls.map((call) => call.after))).toEqual(new Set([Date.parse('2026-11-10T11:00:00Z')]));
  expect(calls.every((call) => call.filter.companies[0] === 'meta')).toBe(true);
  expect(stats.byCountry?.series[0]?.id).toBe('FR');
  expect(stats.byCompany?.series[0]?.id).toBe('meta');
  expect(stats.facets?.total).toBe(3);

  // the same view again loads nothing; live stories reload once after a pause
  await stats.show(StoryFilterSchema.parse({ companies: ['meta'] }), { ...ANY_TIME, range: '1h' });
  expect(calls).toHaveLength(3);
  for (let i = 0; i < 10; i++) stats.storyArrived();
  await vi.advanceTimersByTimeAsync(6_000);
  expect(calls).toHaveLength(6);
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
  });
  await stats.show(StoryFilterSchema.parse({}), ANY_TIME);
  fail = true;
  await stats.show(StoryFilterSchema.parse({ countries: ['DE'] }), ANY_TIME);
  expect(stats.error).toBe('The server cannot be reached.');
  expect(stats.byCountry?.total).toEqual([1]);
});
