import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { otherStories, relatedFilter, subjectLabel } from './related-stories.ts';

test("a story's subject is two of its fields: countries and topics first, companies for a missing one", () => {
  expect(relatedFilter({ countries: ['GH'], topics: ['censorship-shutdowns'], companies: ['meta'] })).toMatchObject({
    countries: ['GH'],
    topics: ['censorship-shutdowns'],
    companies: [],
  });
  expect(relatedFilter({ countries: ['FR', 'DE'], topics: [], companies: ['google'] })).toMatchObject({ countries: ['DE', 'FR'], companies: ['google'], topics: [] });
  expect(relatedFilter({ countries: [], topics: ['privacy-data-protection'], companies: ['meta'] })).toMatchObject({
    countries: [],
    topics: ['privacy-data-protection'],
    companies: ['meta'],
  });
  // one field alone is too broad a subject
  expect(relatedFilter({ countries: ['US'], topics: [], companies: [] })).toBeNull();
  expect(relatedFilter({ countries: [], topics: [], companies: [] })).toBeNull();
});

test('the other stories leave out the story, the other reports of its event, and a second report of any event', () => {
  const story = (id: string, clusterId: string | null) => ({ id, clusterId }) as Story;
  const found = [story('a', 'c1'), story('b', 'c1'), story('c', 'c2'), story('d', 'c2'), story('e', null), story('f', 'c3'), story('g', null)];
  expect(otherStories(found, { id: 'a', clusterId: 'c1' }, 5).map((s) => s.id)).toEqual(['c', 'e', 'f', 'g']);
  expect(otherStories(found, { id: 'e', clusterId: null }, 2).map((s) => s.id)).toEqual(['a', 'c']);
});

test('a subject reads as the names of its values', () => {
  expect(subjectLabel(relatedFilter({ countries: ['GH'], topics: ['censorship-shutdowns'], companies: [] })!)).toBe('Ghana · Censorship & shutdowns');
  expect(subjectLabel(relatedFilter({ countries: ['FR', 'DE'], topics: [], companies: ['google'] })!)).toBe('Germany, France · Google');
});
