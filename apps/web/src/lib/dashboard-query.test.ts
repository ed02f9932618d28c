import { EMPTY_FILTER, matchesFilter, StoryFilterSchema } from '@radar/core';
import { expect, test } from 'vitest';
import {
  activeFilterCount,
  ANY_TIME,
  boundsEnded,
  changeText,
  dashboardSearch,
  exportHref,
  previousBounds,
  previousPhrase,
  readDashboardQuery,
  shiftDays,
  storyInBounds,
  viewFilter,
  windowBounds,
  windowLabel,
  windowPhrase,
} from './dashboard-query.ts';

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
    from: null,
    to: null,
    story: '0193a0c4-1111-7000-8000-000000000000',
    saved: true,
  };
  const search = dashboardSearch(query);
  expect(search).toBe('?country=DE,FR&company=meta&q=age+verification&saved=1&range=24h&story=0193a0c4-1111-7000-8000-000000000000');
  expect(readDashboardQuery(new URLSearchParams(search))).toEqual(query);
});

test('the plain stream has an empty query string and unknown ranges fall back to any time', () => {
  expect(dashboardSearch({ filter: EMPTY_FILTER, ...ANY_TIME, story: null, saved: false })).toBe('');
  expect(readDashboardQuery(new URLSearchParams('range=forever')).range).toBe('all');
});

test('a range lets through only stories published since its start', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  expect(windowBounds(ANY_TIME, now)).toEqual({ after: null, until: null });
  const bounds = windowBounds({ ...ANY_TIME, range: '24h' }, now);
  expect(bounds).toEqual({ after: Date.parse('2026-11-29T12:00:00Z'), until: null });
  expect(storyInBounds({ publishedAt: '2026-11-29T13:00:00Z' }, bounds)).toBe(true);
  expect(storyInBounds({ publishedAt: '2026-11-29T11:00:00Z' }, bounds)).toBe(false);
  expect(storyInBounds({ publishedAt: '2020-01-01T00:00:00Z' }, { after: null, until: null })).toBe(true);
});

test("chosen days run from the first instant of the first day to the end of the last, in the reader's time zone", () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const query = readDashboardQuery(new URLSearchParams('from=2026-11-03&to=2026-11-09&range=24h'));
  // chosen days take over from a range
  expect([query.range, query.from, query.to]).toEqual(['all', '2026-11-03', '2026-11-09']);
  const bounds = windowBounds(query, now);
  expect(bounds).toEqual({ after: new Date(2026, 10, 3).getTime(), until: new Date(2026, 10, 10).getTime() });
  expect(storyInBounds({ publishedAt: new Date(2026, 10, 9, 23, 59).toISOString() }, bounds)).toBe(true);
  expect(storyInBounds({ publishedAt: new Date(2026, 10, 10).toISOString() }, bounds)).toBe(false);
  expect(storyInBounds({ publishedAt: new Date(2026, 10, 2, 23, 59).toISOString() }, bounds)).toBe(false);
  expect(boundsEnded(bounds, now)).toBe(true);
  // one end may stay open
  expect(windowBounds(readDashboardQuery(new URLSearchParams('from=2026-11-03')), now)).toEqual({ after: new Date(2026, 10, 3).getTime(), until: null });
  expect(windowBounds(readDashboardQuery(new URLSearchParams('to=2026-11-09')), now)).toEqual({ after: null, until: new Date(2026, 10, 10).getTime() });
  expect(boundsEnded(windowBounds(readDashboardQuery(new URLSearchParams('from=2026-11-03')), now), now)).toBe(false);
});

test('days given the wrong way round are put in order, and days that do not exist are left open', () => {
  const swapped = readDashboardQuery(new URLSearchParams('from=2026-11-09&to=2026-11-03'));
  expect([swapped.from, swapped.to]).toEqual(['2026-11-03', '2026-11-09']);
  for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026-1-5', '1900-01-01']) {
    const query = readDashboardQuery(new URLSearchParams(`from=${bad}&range=7d`));
    expect([query.from, query.range], bad).toEqual([null, '7d']);
  }
  expect(dashboardSearch(readDashboardQuery(new URLSearchParams('to=2026-11-03&from=2026-11-01&country=FR')))).toBe('?country=FR&from=2026-11-01&to=2026-11-03');
});

test('a window reads as a label for its chip and as the end of a sentence for the count', () => {
  const days = (from: string | null, to: string | null) => ({ range: 'all' as const, from, to });
  expect(windowLabel({ ...ANY_TIME, range: '7d' })).toBe('Last 7 days');
  expect(windowPhrase({ ...ANY_TIME, range: '7d' })).toBe('in the last 7 days');
  const day = (d: string) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${d}T00:00:00`));
  const dayInYear = (d: string) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(new Date(`${d}T00:00:00`));
  expect(windowLabel(days('2026-11-03', '2026-11-03'))).toBe(day('2026-11-03'));
  expect(windowPhrase(days('2026-11-03', '2026-11-03'))).toBe(`on ${day('2026-11-03')}`);
  expect(windowPhrase(days('2026-11-03', '2026-11-09'))).toBe(`from ${dayInYear('2026-11-03')} to ${day('2026-11-09')}`);
  expect(windowPhrase(days('2025-12-29', '2026-01-04'))).toBe(`from ${day('2025-12-29')} to ${day('2026-01-04')}`);
  expect(windowLabel(days('2026-11-03', null))).toBe(`Since ${day('2026-11-03')}`);
  expect(windowPhrase(days(null, '2026-11-09'))).toBe(`until ${day('2026-11-09')}`);
  // a range of days in one year names the year once
  const label = windowLabel(days('2026-11-03', '2026-11-09'));
  expect(label.match(/2026/g)).toHaveLength(1);
  expect(label).toMatch(/\b3\b.*\b9\b/);
});

test('a window is compared with the stretch just before it, as long as it', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  expect(previousBounds({ ...ANY_TIME, range: '7d' }, now)).toEqual({ after: Date.parse('2026-11-16T12:00:00Z'), until: Date.parse('2026-11-23T12:00:00Z') });
  expect(previousPhrase({ ...ANY_TIME, range: '7d' })).toBe('the 7 days before');
  expect(previousPhrase({ ...ANY_TIME, range: '1h' })).toBe('the hour before');
  expect(previousPhrase({ ...ANY_TIME, range: '24h' })).toBe('the 24 hours before');
  // the three days before the chosen three, across the end of a month
  const days = { range: 'all' as const, from: '2026-12-01', to: '2026-12-03' };
  expect(previousBounds(days, now)).toEqual({ after: new Date(2026, 10, 28).getTime(), until: new Date(2026, 11, 1).getTime() });
  expect(previousPhrase(days)).toBe('the 3 days before');
  expect(previousPhrase({ ...days, to: '2026-12-01' })).toBe('the day before');
  expect(previousBounds(ANY_TIME, now)).toBeNull();
  expect(previousBounds({ ...ANY_TIME, from: '2026-11-01' }, now)).toBeNull();
});

test('chosen days move back and forward by their own length, never past today', () => {
  const week = { range: 'all' as const, from: '2026-11-23', to: '2026-11-29' };
  expect(shiftDays(week, -1, '2026-12-01')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  expect(shiftDays(week, 1, '2026-12-01')).toEqual({ from: '2026-11-30', to: '2026-12-01' });
  expect(shiftDays({ ...week, from: '2026-11-30', to: '2026-12-01' }, 1, '2026-12-01')).toBeNull();
  // across the start of a year, and a day at a time
  expect(shiftDays({ range: 'all', from: '2026-01-01', to: '2026-01-01' }, -1, '2026-12-01')).toEqual({ from: '2025-12-31', to: '2025-12-31' });
  expect(shiftDays({ range: 'all', from: '2026-11-01', to: null }, -1, '2026-12-01')).toBeNull();
});

test('a count reads against the one before it', () => {
  const week = 'the 7 days before';
  expect(changeText(15, 12, week)).toBe('↑ 25% on the 7 days before');
  expect(changeText(6, 10, week)).toBe('↓ 40% on the 7 days before');
  expect(changeText(10, 10, week)).toBe('no change on the 7 days before');
  expect(changeText(3, 0, week)).toBe('none in the 7 days before');
  expect(changeText(0, 0, week)).toBe('none in the 7 days before either');
  expect(changeText(0, 4, week)).toBe('↓ 100% on the 7 days before');
  expect(changeText(2_500, 100, week)).toBe('↑ 2,400% on the 7 days before');
});

test("a view's CSV export asks the API for its filter over its range", () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const filter = StoryFilterSchema.parse({ countries: ['FR'], q: 'folder:press', relevantOnly: true });
  expect(exportHref({ filter, ...ANY_TIME, range: '24h', story: 'ignored', saved: false }, now)).toBe(
    '/api/stories/export.csv?country=FR&q=folder%3Apress&relevant=1&after=2026-11-29T12%3A00%3A00.000Z',
  );
  expect(exportHref({ filter: EMPTY_FILTER, ...ANY_TIME, story: null, saved: false }, now)).toBe('/api/stories/export.csv');
  const days = new URLSearchParams(exportHref({ filter: EMPTY_FILTER, range: 'all', from: '2026-11-03', to: '2026-11-09', story: null, saved: false }, now).split('?')[1]);
  expect([days.get('after'), days.get('until')]).toEqual([new Date(2026, 10, 3).toISOString(), new Date(2026, 10, 10).toISOString()]);
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
