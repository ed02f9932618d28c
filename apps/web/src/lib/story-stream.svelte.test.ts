import { StoryFilterSchema, type Story } from '@radar/core';
import { expect, test } from 'vitest';
import { StoryStream } from './story-stream.svelte.ts';

let sequence = 0;
/** A story whose id orders like the server's UUIDv7 ids: later stories get greater ids. */
function story(overrides: Partial<Story> = {}): Story {
  sequence += 1;
  return {
    id: `0193a0c4-${String(sequence).padStart(4, '0')}-7000-8000-000000000000`,
    url: 'https://example.org/story',
    title: 'Regulator opens inquiry',
    summary: '',
    source: { feedId: 'f1', title: 'Example Times' },
    publishedAt: '2026-11-30T10:00:00Z',
    ingestedAt: '2026-11-30T10:00:01Z',
    lang: 'en',
    countries: ['FR'],
    companies: ['meta'],
    topics: [],
    relevant: true,
    score: 0.9,
    clusterId: null,
    ...overrides,
  };
}

const ids = (stories: readonly Story[]) => stories.map((s) => s.id);

test('pages and live stories end up newest first, each once', () => {
  const stream = new StoryStream();
  const [a, b, c, d, e] = [story(), story(), story(), story(), story()];
  stream.addPage([d!, c!], 'cursor-1');
  stream.addPage([c!, b!, a!], null);
  expect(ids(stream.stories)).toEqual(ids([d!, c!, b!, a!]));
  expect(stream.nextCursor).toBeNull();
  expect(stream.loading).toBe(false);

  expect(stream.receive(e!)).toBe('shown');
  expect(stream.receive(e!)).toBe('duplicate');
  expect(stream.receive(d!)).toBe('duplicate');
  expect(ids(stream.stories)).toEqual(ids([e!, d!, c!, b!, a!]));
});

test('a missed story replayed after a reconnect takes its place by id, not at the top', () => {
  const stream = new StoryStream();
  const [older, missed, newer] = [story(), story(), story()];
  stream.addPage([newer!, older!], null);
  stream.receive(missed!);
  expect(ids(stream.stories)).toEqual(ids([newer!, missed!, older!]));
  expect(stream.newestId).toBe(newer!.id);
});

test('live stories that do not match the filter are turned away', () => {
  const stream = new StoryStream();
  stream.reset(StoryFilterSchema.parse({ countries: ['DE'], companies: ['meta'] }));
  expect(stream.receive(story({ countries: ['FR'] }))).toBe('unmatched');
  expect(stream.receive(story({ countries: ['DE'], companies: ['google'] }))).toBe('unmatched');
  expect(stream.receive(story({ countries: ['DE', 'FR'] }))).toBe('shown');
  stream.addPage([story({ countries: ['US'] })], null);
  expect(stream.stories).toHaveLength(1);
});

test('while the reader is scrolled down, new stories wait in the "N new" bar', () => {
  const stream = new StoryStream();
  const first = story();
  stream.addPage([first], null);
  stream.setReading(true);
  const [x, y] = [story(), story()];
  expect(stream.receive(x!)).toBe('held');
  expect(stream.receive(y!)).toBe('held');
  expect(stream.receive(y!)).toBe('duplicate');
  expect(ids(stream.stories)).toEqual([first.id]);
  expect(ids(stream.held)).toEqual(ids([y!, x!]));
  expect(stream.newestId).toBe(y!.id);

  stream.setReading(false);
  expect(stream.held).toHaveLength(0);
  expect(ids(stream.stories)).toEqual(ids([y!, x!, first]));
});

test('pausing holds new stories until resumed, even at the top of the list', () => {
  const stream = new StoryStream();
  stream.setPaused(true);
  const live = story();
  expect(stream.receive(live)).toBe('held');
  stream.setReading(false);
  expect(stream.stories).toHaveLength(0);
  stream.showHeld();
  expect(ids(stream.stories)).toEqual([live.id]);

  const later = story();
  stream.receive(later);
  stream.setPaused(false);
  expect(ids(stream.stories)).toEqual(ids([later, live]));
});

test('a new filter starts an empty stream that accepts stories it has seen before', () => {
  const stream = new StoryStream();
  const seen = story({ countries: ['DE'] });
  stream.addPage([seen], 'next');
  stream.reset(StoryFilterSchema.parse({ countries: ['DE'] }));
  expect(stream.stories).toHaveLength(0);
  expect(stream.loading).toBe(true);
  expect(stream.nextCursor).toBeNull();
  expect(stream.newestId).toBeUndefined();
  expect(stream.receive(seen)).toBe('shown');
});

test('a burst of live stories is merged in one update, deduped and in order', () => {
  const stream = new StoryStream();
  const [a, b, c, d] = [story(), story(), story(), story()];
  stream.addPage([b!], null);
  const before = stream.stories;
  expect(stream.receiveMany([d!, a!, d!, c!, b!, story({ countries: [] })])).toEqual([
    'shown',
    'shown',
    'duplicate',
    'shown',
    'duplicate',
    'shown',
  ]);
  expect(stream.stories).not.toBe(before);
  expect(stream.stories.map((s) => s.id)).toEqual([...stream.stories.map((s) => s.id)].sort().reverse());
  expect(stream.stories).toHaveLength(5);
});

test('stories stand in publication order, as the API pages them; a reconnect resumes from the last one stored', () => {
  const stream = new StoryStream();
  // stored in this order (ids grow) but published in another: a feed added later brings older news
  const morning = story({ publishedAt: '2026-11-30T08:00:00.000Z' });
  const noon = story({ publishedAt: '2026-11-30T12:00:00.000Z' });
  const backfilled = story({ publishedAt: '2026-11-29T09:00:00.000Z' });
  stream.addPage([noon, morning], 'cursor-1');
  const shown = stream.stories;
  stream.addPage([backfilled], null);
  // an older page goes below, without moving what the reader sees
  expect(ids(stream.stories)).toEqual(ids([noon, morning, backfilled]));
  expect(stream.stories.slice(0, 2)).toEqual(shown);
  expect(stream.newestId).toBe(backfilled.id);

  const lateReport = story({ publishedAt: '2026-11-30T10:00:00Z' });
  const breaking = story({ publishedAt: '2026-11-30T12:30:00Z' });
  expect(stream.receiveMany([lateReport, breaking])).toEqual(['shown', 'shown']);
  expect(ids(stream.stories)).toEqual(ids([breaking, noon, lateReport, morning, backfilled]));
  expect(stream.newestId).toBe(breaking.id);
});
