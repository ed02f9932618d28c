import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoryFilterSchema } from '@radar/core';
import type { Database } from './database.ts';
import { countFacets } from './facets.ts';
import { createFeed } from './feed-queries.ts';
import { newStoryId } from './ids.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import { listStories, saveStories, type NewStory } from './story-queries.ts';
import { countStoriesPerHour } from './story-stats.ts';

const filter = (input: Parameters<typeof StoryFilterSchema.parse>[0] = {}) => StoryFilterSchema.parse(input);
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
    const counts = await countStoriesPerHour(database.db, filter(), { by: 'country', after: at('2026-11-10T09:30:00Z'), now });
    expect(counts.hours).toEqual([
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
    const limited = await countStoriesPerHour(database.db, filter(), { by: 'company', limit: 1, now });
    expect(limited.hours[0]).toBe('2026-11-08T09:00:00.000Z');
    expect(limited.hours).toHaveLength(2 * 24 + 4);
    expect(limited.series.map((s) => [s.id, s.total])).toEqual([['meta', 3]]);
    expect(limited.more).toBe(1);

    const relevant = await countStoriesPerHour(database.db, filter({ relevantOnly: true }), { by: 'company', now });
    expect(relevant.series).toEqual([{ id: 'meta', total: 1, counts: [1] }]);
    expect(relevant.hours).toEqual(['2026-11-10T12:00:00.000Z']);
  });

  test('a long range is cut to the newest hours, and an empty one has only the current hour', async () => {
    const cut = await countStoriesPerHour(database.db, filter(), { by: 'country', now, maxHours: 3 });
    expect(cut.hours).toEqual(['2026-11-10T10:00:00.000Z', '2026-11-10T11:00:00.000Z', '2026-11-10T12:00:00.000Z']);
    expect(cut.total).toEqual([2, 0, 2]);
    const none = await countStoriesPerHour(database.db, filter({ q: 'nothing-matches-this' }), { by: 'country', now });
    expect(none).toEqual({ by: 'country', hours: ['2026-11-10T12:00:00.000Z'], total: [0], series: [], more: 0 });
  });
});
