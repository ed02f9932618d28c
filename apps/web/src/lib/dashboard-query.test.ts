import { EMPTY_FILTER, matchesFilter, StoryFilterSchema } from '@radar/core';
import { expect, test } from 'vitest';
import { activeFilterCount, dashboardSearch, exportHref, rangeStart, readDashboardQuery, storyInRange, viewFilter } from './dashboard-query.ts';

test('a view reads the same query syntax as the API', () => {
  const query = readDashboardQuery(new URLSearchParams('country=fr,DE&company=Meta&topic=child-safety&folder=Regulators&q=age&relevant=1'));
  expect(query.filter).toEqual({
    countries: ['DE', 'FR'],
    companies: ['meta'],
    topics: ['child-safety'],
    folders: ['Regulators'],
    feeds: [],
    ids: [],
    q: 'age',
    relevantOnly: true,
  });
  expect(query.range).toBe('all');
  expect(query.story).toBeNull();
  expect(query.saved).toBe(false);
});

test('a view survives the URL round trip, with readable commas', () => {
  const query = {
    filter: StoryFilterSchema.parse({ countries: ['FR', 'DE'], companies: ['meta'], q: 'age verification' }),
    range: '24h' as const,
    story: '0193a0c4-1111-7000-8000-000000000000',
    saved: true,
  };
  const search = dashboardSearch(query);
  expect(search).toBe('?country=DE,FR&company=meta&q=age+verification&saved=1&range=24h&story=0193a0c4-1111-7000-8000-000000000000');
  expect(readDashboardQuery(new URLSearchParams(search))).toEqual(query);
});

test('the plain stream has an empty query string and unknown ranges fall back to any time', () => {
  expect(dashboardSearch({ filter: EMPTY_FILTER, range: 'all', story: null, saved: false })).toBe('');
  expect(readDashboardQuery(new URLSearchParams('range=forever')).range).toBe('all');
});

test('a range lets through only stories published since its start', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  expect(rangeStart('all', now)).toBeNull();
  const start = rangeStart('24h', now);
  expect(start).toBe(Date.parse('2026-11-29T12:00:00Z'));
  expect(storyInRange({ publishedAt: '2026-11-29T13:00:00Z' }, start)).toBe(true);
  expect(storyInRange({ publishedAt: '2026-11-29T11:00:00Z' }, start)).toBe(false);
  expect(storyInRange({ publishedAt: '2020-01-01T00:00:00Z' }, null)).toBe(true);
});

test("a view's CSV export asks the API for its filter over its range", () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const filter = StoryFilterSchema.parse({ countries: ['FR'], q: 'folder:press', relevantOnly: true });
  expect(exportHref({ filter, range: '24h', story: 'ignored', saved: false }, now)).toBe(
    '/api/stories/export.csv?country=FR&q=folder%3Apress&relevant=1&after=2026-11-29T12%3A00%3A00.000Z',
  );
  expect(exportHref({ filter: EMPTY_FILTER, range: 'all', story: null, saved: false }, now)).toBe('/api/stories/export.csv');
});

test('the saved view asks for the stories saved in this browser, and for none when none is saved', () => {
  const query = readDashboardQuery(new URLSearchParams('saved=1&country=FR'));
  const ids = ['0193a0c4-2222-7000-8000-000000000000', '0193a0c4-1111-7000-8000-000000000000'];
  expect(viewFilter(query, ids)).toEqual({ ...query.filter, ids: [...ids].sort() });
  expect(viewFilter({ ...query, saved: false }, ids)).toBe(query.filter);
  const none = viewFilter(query, []);
  expect(none.ids).toHaveLength(1);
  expect(matchesFilter({ id: ids[0], title: '', summary: '', countries: ['FR'], companies: [], topics: [], relevant: true }, none)).toBe(false);
  expect(exportHref({ ...query, filter: viewFilter(query, ids) }, 0)).toBe(`/api/stories/export.csv?country=FR&id=${encodeURIComponent([...ids].sort().join(','))}`);
});

test('a view counts each value chosen, and the chosen stories, search, policy only, saved stories and range once each', () => {
  expect(activeFilterCount(readDashboardQuery(new URLSearchParams('')))).toBe(0);
  expect(activeFilterCount(readDashboardQuery(new URLSearchParams('country=FR,DE&company=meta&folder=Press&feed=f1')))).toBe(5);
  expect(activeFilterCount(readDashboardQuery(new URLSearchParams('id=a,b,c&q=age&relevant=1&saved=1&range=24h')))).toBe(5);
});
