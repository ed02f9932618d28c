import { expect, test } from 'vitest';
import type { StoryFilter } from '@radar/core';
import type { TimeBounds } from './dashboard-query.ts';
import { SavedViewNews } from './saved-view-news.svelte.ts';

test("each saved view is counted with its own filter and range, from its own mark", async () => {
  const asked: { filter: StoryFilter; mark: string; bounds: TimeBounds | null }[] = [];
  const news = new SavedViewNews(async (filter, mark, bounds = null) => {
    asked.push({ filter, mark, bounds });
    return filter.countries.includes('FR') ? 3 : 0;
  });
  const now = Date.parse('2026-12-01T12:00:00Z');
  await news.refresh(
    ['?country=FR&range=24h', '?company=meta', '?saved=1', '?from=2026-11-01&to=2026-11-30'],
    (search) => (search === '?company=meta' ? 'mark-2' : 'mark-1'),
    ['s2', 's1'],
    now,
  );
  expect([...news.counts]).toEqual([
    ['?country=FR&range=24h', 3],
    ['?company=meta', 0],
    ['?saved=1', 0],
    ['?from=2026-11-01&to=2026-11-30', 0],
  ]);
  expect(asked.map((call) => call.mark)).toEqual(['mark-1', 'mark-2', 'mark-1', 'mark-1']);
  expect(asked[0]!.bounds).toEqual({ after: now - 24 * 3_600_000, until: null });
  expect(asked[3]!.bounds).toEqual({ after: new Date(2026, 10, 1).getTime(), until: new Date(2026, 11, 1).getTime() });
  expect(asked[1]!.filter.companies).toEqual(['meta']);
  expect(asked[2]!.filter.ids).toEqual(['s1', 's2']);
});

test('a view without a mark (a first visit) counts nothing; a view whose count fails has none rather than a wrong one', async () => {
  const news = new SavedViewNews(async (filter) => {
    if (filter.q === 'broken') throw new Error('HTTP 500');
    return 2;
  });
  await news.refresh(['?q=broken', '?q=fine'], () => 'mark', []);
  expect([...news.counts]).toEqual([['?q=fine', 2]]);
  await news.refresh(['?q=fine'], () => null, []);
  expect(news.counts.size).toBe(0);
});
