import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { freshestCopy } from './story-edits.ts';

const story = (extra: Partial<Story> = {}): Story => ({
  id: 's1',
  url: 'https://news.example/s1',
  title: 'Brazil court orders X blocked',
  summary: '',
  source: { feedId: 'f1', title: 'Wire' },
  publishedAt: '2026-11-30T10:00:00Z',
  ingestedAt: '2026-11-30T10:00:01Z',
  lang: 'en',
  countries: ['BR'],
  companies: ['x'],
  topics: [],
  relevant: true,
  score: 0.8,
  clusterId: null,
  ...extra,
});

test('the copy an editor corrected last is shown, whichever arrived first; else the first there is', () => {
  const loaded = story();
  const pushed = story({ countries: ['BR', 'US'], tagsEditedAt: '2026-12-01T08:00:00.000Z' });
  const later = story({ countries: ['US'], tagsEditedAt: '2026-12-01T09:00:00.000Z' });
  expect(freshestCopy(loaded, pushed)).toBe(pushed);
  expect(freshestCopy(pushed, loaded)).toBe(pushed);
  expect(freshestCopy(null, later, pushed, undefined)).toBe(later);
  expect(freshestCopy(undefined, loaded, story())).toBe(loaded);
  expect(freshestCopy(null, undefined)).toBeUndefined();
});
