import { StoryFilterSchema, type Facets, type StoryFilter } from '@radar/core';
import { afterEach, expect, test, vi } from 'vitest';
import { ANY_TIME, type TimeBounds } from './dashboard-query.ts';
import { FacetCounts } from './facet-counts.svelte.ts';

afterEach(() => {
  vi.useRealTimers();
});

const facets = (total: number, fr: number): Facets => ({
  total,
  countries: [{ id: 'FR', count: fr }],
  companies: [{ id: 'meta', count: 2 }],
  topics: [],
  folders: [{ id: 'Regulators', count: 3 }],
});

test('counts are read per kind and value, zero when absent', async () => {
  const counts = new FacetCounts(async () => facets(10, 4));
  expect(counts.total).toBeNull();
  await counts.show(StoryFilterSchema.parse({}));
  expect(counts.total).toBe(10);
  expect(counts.count('countries', 'FR')).toBe(4);
  expect(counts.count('companies', 'meta')).toBe(2);
  expect(counts.count('countries', 'DE')).toBe(0);
  counts.stop();
});

test('a burst of live stories triggers one reload, after a short delay', async () => {
  vi.useFakeTimers();
  let calls = 0;
  const counts = new FacetCounts(async () => facets(10 + calls, ++calls));
  await counts.show(StoryFilterSchema.parse({}));
  expect(calls).toBe(1);
  for (let i = 0; i < 20; i++) counts.storyArrived();
  expect(calls).toBe(1);
  await vi.advanceTimersByTimeAsync(2_000);
  expect(calls).toBe(2);
  expect(counts.count('countries', 'FR')).toBe(2);
  counts.stop();
});

test('a late answer for an earlier filter does not overwrite the current counts', async () => {
  const answers = new Map<string, (facets: Facets) => void>();
  const counts = new FacetCounts(
    (filter: StoryFilter) => new Promise((resolve) => answers.set(filter.countries.join(',') || 'all', resolve)),
  );
  const first = counts.show(StoryFilterSchema.parse({}));
  const second = counts.show(StoryFilterSchema.parse({ countries: ['FR'] }));
  answers.get('FR')!(facets(3, 3));
  await second;
  answers.get('all')!(facets(100, 40));
  await first;
  expect(counts.total).toBe(3);
  counts.stop();
});

test('a time range is sent as its start, which moves forward at every reload; chosen days as their bounds', async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-10T12:00:00Z'));
  const asked: TimeBounds[] = [];
  const counts = new FacetCounts(async (_filter, bounds) => {
    asked.push(bounds);
    return facets(1, 1);
  });
  await counts.show(StoryFilterSchema.parse({}), { ...ANY_TIME, range: '24h' });
  expect(asked).toEqual([{ after: Date.parse('2026-11-09T12:00:00Z'), until: null }]);
  await vi.advanceTimersByTimeAsync(30_000);
  expect(asked[1]).toEqual({ after: Date.parse('2026-11-09T12:00:30Z'), until: null });
  await counts.show(StoryFilterSchema.parse({}), { range: 'all', from: '2026-11-02', to: '2026-11-03' });
  expect(asked.at(-1)).toEqual({ after: new Date(2026, 10, 2).getTime(), until: new Date(2026, 10, 4).getTime() });
  await counts.show(StoryFilterSchema.parse({}), ANY_TIME);
  expect(asked.at(-1)).toEqual({ after: null, until: null });
  counts.stop();
});

test('a reload that fails is tried again shortly, keeping the last counts meanwhile', async () => {
  vi.useFakeTimers();
  let fail = false;
  let calls = 0;
  const counts = new FacetCounts(async () => {
    calls += 1;
    if (fail) throw new Error('offline');
    return facets(calls, 1);
  });
  await counts.show(StoryFilterSchema.parse({}));
  fail = true;
  counts.storyArrived();
  await vi.advanceTimersByTimeAsync(2_000);
  expect(calls).toBe(2);
  expect(counts.total).toBe(1);
  fail = false;
  await vi.advanceTimersByTimeAsync(5_000);
  expect(calls).toBe(3);
  expect(counts.total).toBe(3);
  counts.stop();
});
