import fc from 'fast-check';
import { expect, test } from 'vitest';
import { matchesFilter, matchesQuery, parseQuery, prepareStory, StoryFilterSchema } from '@radar/core';
import { alertFromView } from './alert-from-view.ts';

test("a view's filter becomes an alert query: alternatives within a field, every field and the search required", () => {
  const filter = StoryFilterSchema.parse({ countries: ['FR', 'DE'], companies: ['meta'], folders: ['EU institutions'], q: '"age verification" -opinion' });
  expect(alertFromView(filter)).toEqual({
    name: 'Germany or France · Meta · EU institutions · “"age verification" -opinion”',
    query: 'country:DE OR country:FR company:meta folder:"EU institutions" "age verification" -opinion',
  });
  expect(alertFromView(StoryFilterSchema.parse({ feeds: ['01a2'] }))).toEqual({ name: 'Stories of one feed', query: 'source:01a2' });
  // policy stories only: the detector's judgement is a term of its own
  expect(alertFromView(StoryFilterSchema.parse({ relevantOnly: true, companies: ['google'] }))).toEqual({ name: 'Google', query: 'company:google is:policy' });
  expect(alertFromView(StoryFilterSchema.parse({ relevantOnly: true }))).toEqual({ name: 'Policy stories', query: 'is:policy' });
  // nothing an alert can require: the whole stream, or stories chosen one by one
  expect(alertFromView(StoryFilterSchema.parse({}))).toBeNull();
  expect(alertFromView(StoryFilterSchema.parse({ ids: ['0193a0c4-1111-7000-8000-000000000000'], countries: ['FR'] }))).toBeNull();
});

test('the alert fires on exactly the stories the view shows', () => {
  const filters = fc.record({
    countries: fc.subarray(['FR', 'DE', 'GB']),
    companies: fc.subarray(['meta', 'google']),
    topics: fc.subarray(['privacy-data-protection', 'child-safety']),
    folders: fc.subarray(['Press', 'EU institutions']),
    q: fc.constantFrom('', 'fine', '"age verification"', 'fine OR ban', '-earnings', 'fine -earnings'),
    relevantOnly: fc.boolean(),
  });
  const stories = fc.record({
    title: fc.array(fc.constantFrom('fine', 'ban', 'age', 'verification', 'earnings', 'court'), { maxLength: 6 }).map((words) => words.join(' ')),
    summary: fc.constant(''),
    countries: fc.subarray(['FR', 'DE', 'GB']),
    companies: fc.subarray(['meta', 'google']),
    topics: fc.subarray(['privacy-data-protection', 'child-safety']),
    relevant: fc.boolean(),
    source: fc.record({ feedId: fc.constant('f1'), title: fc.constant('Wire'), folder: fc.constantFrom('Press', 'EU institutions', 'Other') }),
  });
  fc.assert(
    fc.property(filters, fc.array(stories, { maxLength: 8 }), (input, list) => {
      const filter = StoryFilterSchema.parse(input);
      const alert = alertFromView(filter);
      if (!alert) return;
      const query = parseQuery(alert.query);
      for (const story of list) expect(matchesQuery(prepareStory(story), query)).toBe(matchesFilter(story, filter));
    }),
    { numRuns: 300 },
  );
});
