import { expect, test } from 'vitest';
import {
  filterFromSearchParams,
  filterKey,
  filterToSearchParams,
  matchesFilter,
  StoryFilterSchema,
} from './story-filter.ts';

const story = {
  title: 'France asks platforms to remove terrorist content',
  summary: 'The Élysée met Facebook and Google officials.',
  countries: ['FR'],
  companies: ['google', 'meta'],
  topics: ['terrorism-extremism'],
  relevant: true,
};

const filter = (input: Parameters<typeof StoryFilterSchema.parse>[0]) => StoryFilterSchema.parse(input);

test('an empty filter matches every story', () => {
  expect(matchesFilter(story, filter({}))).toBe(true);
});

test('values within a field are alternatives', () => {
  expect(matchesFilter(story, filter({ countries: ['DE', 'FR'] }))).toBe(true);
  expect(matchesFilter(story, filter({ countries: ['DE', 'US'] }))).toBe(false);
});

test('fields combine with AND', () => {
  expect(matchesFilter(story, filter({ countries: ['FR'], companies: ['meta'] }))).toBe(true);
  expect(matchesFilter(story, filter({ countries: ['FR'], companies: ['apple'] }))).toBe(false);
  expect(matchesFilter(story, filter({ countries: ['FR'], topics: ['child-safety'] }))).toBe(false);
});

test('relevantOnly drops stories that are not about policy', () => {
  expect(matchesFilter({ ...story, relevant: false }, filter({ relevantOnly: true }))).toBe(false);
  expect(matchesFilter({ ...story, relevant: false }, filter({}))).toBe(true);
});

test('keywords match whole words, ignore case and accents, and honour negation', () => {
  expect(matchesFilter(story, filter({ q: 'elysee TERRORIST' }))).toBe(true);
  expect(matchesFilter(story, filter({ q: 'terror' }))).toBe(false);
  expect(matchesFilter(story, filter({ q: '"remove terrorist content"' }))).toBe(true);
  expect(matchesFilter(story, filter({ q: 'france -google' }))).toBe(false);
});

test('ids are normalised so the same filter has the same key', () => {
  const a = filter({ countries: ['fr', 'DE', 'FR'], companies: ['Meta'] });
  const b = filter({ countries: ['DE', 'FR'], companies: ['meta'] });
  expect(a.countries).toEqual(['DE', 'FR']);
  expect(filterKey(a)).toBe(filterKey(b));
});

test('a filter survives the query-string round trip', () => {
  const params = new URLSearchParams('country=FR,DE&company=meta&company=google&q=age+verification&relevant=1');
  const parsed = filterFromSearchParams(params);
  expect(parsed).toEqual({
    countries: ['DE', 'FR'],
    companies: ['google', 'meta'],
    topics: [],
    folders: [],
    feeds: [],
    ids: [],
    q: 'age verification',
    relevantOnly: true,
  });
  expect(filterFromSearchParams(filterToSearchParams(parsed))).toEqual(parsed);
});

test('a filter by story id keeps those stories only, and survives the query string', () => {
  const parsed = filterFromSearchParams(new URLSearchParams('id=0193A0C4-2222-7000-8000-000000000000,0193a0c4-1111-7000-8000-000000000000'));
  expect(parsed.ids).toEqual(['0193a0c4-1111-7000-8000-000000000000', '0193a0c4-2222-7000-8000-000000000000']);
  expect(filterFromSearchParams(filterToSearchParams(parsed))).toEqual(parsed);
  expect(matchesFilter({ ...story, id: '0193a0c4-2222-7000-8000-000000000000' }, parsed)).toBe(true);
  expect(matchesFilter({ ...story, id: '0193a0c4-3333-7000-8000-000000000000' }, parsed)).toBe(false);
  // a story without an id cannot be one of them
  expect(matchesFilter(story, parsed)).toBe(false);
  expect(() => StoryFilterSchema.parse({ ids: Array.from({ length: 301 }, (_, i) => `s${i}`) })).toThrow();
});

test("a filter by feed keeps the stories of those feeds, by id, and survives the query string", () => {
  const parsed = filterFromSearchParams(new URLSearchParams('feed=f2,f1&feed=f1'));
  expect(parsed.feeds).toEqual(['f1', 'f2']);
  expect(filterFromSearchParams(filterToSearchParams(parsed))).toEqual(parsed);
  expect(matchesFilter({ ...story, source: { feedId: 'f2', title: 'Wire' } }, parsed)).toBe(true);
  expect(matchesFilter({ ...story, source: { feedId: 'f3', title: 'Wire' } }, parsed)).toBe(false);
  expect(matchesFilter(story, parsed)).toBe(false);
  expect(filterKey(parsed)).not.toBe(filterKey(filter({})));
});

test("folders are named whole, a comma in a name included; one folder however it is written; a story outside every folder matches none", () => {
  const parsed = filterFromSearchParams(new URLSearchParams('folder=Courts,+tribunals&folder=EU+r%C3%A9gulateurs&folder=eu-regulateurs'));
  expect(parsed.folders).toEqual(['Courts, tribunals', 'eu-regulateurs']);
  expect(filterFromSearchParams(filterToSearchParams(parsed))).toEqual(parsed);
  expect(filterKey(filter({ folders: ['EU Régulateurs'] }))).toBe(filterKey(filter({ folders: ['eu regulateurs'] })));
  const filed = { ...story, source: { feedId: 'f1', title: 'Wire', folder: 'EU régulateurs' } };
  expect(matchesFilter(filed, parsed)).toBe(true);
  expect(matchesFilter(filed, filter({ folders: ['Courts, tribunals'] }))).toBe(false);
  expect(matchesFilter(filed, filter({ folders: ['EU régulateurs'], countries: ['DE'] }))).toBe(false);
  expect(matchesFilter(story, filter({ folders: ['EU régulateurs'] }))).toBe(false);
  expect(matchesFilter(story, filter({}))).toBe(true);
});
