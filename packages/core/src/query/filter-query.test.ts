import { expect, test } from 'vitest';
import { matchesFilter, StoryFilterSchema } from '../story-filter.ts';
import { matchesKeywords } from '../keyword-query.ts';
import { filterQuery } from './filter-query.ts';

const story = {
  title: 'Ofcom fines Meta over age verification',
  summary: 'The UK regulator acted after Instagram complaints.',
  countries: ['GB'],
  companies: ['meta'],
  topics: ['child-safety'],
  relevant: true,
  lang: 'en',
};
const q = (query: string) => matchesFilter(story, StoryFilterSchema.parse({ q: query }));

test("a filter's q speaks the full query language", () => {
  expect(q('"age verification" country:GB OR country:AU')).toBe(true);
  expect(q('company:meta -topic:child-safety')).toBe(false);
  expect(q('(ofcom OR arcom) instagram')).toBe(true);
});

test('a half-typed keyword box still filters', () => {
  expect(q('"age verif')).toBe(false);
  expect(q('"age verification')).toBe(true);
  expect(q('(ofcom OR')).toBe(true);
});

test('the same q string is parsed once', () => {
  expect(filterQuery('meta OR google')).toBe(filterQuery('meta OR google'));
});

test('matchesKeywords keeps reading keyword queries over plain text', () => {
  expect(matchesKeywords('"remove terrorist content" -google', 'France asks platforms to remove terrorist content')).toBe(true);
  expect(matchesKeywords('terror', 'terrorist content')).toBe(false);
});
