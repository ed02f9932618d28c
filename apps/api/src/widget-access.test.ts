import { expect, test } from 'vitest';
import { EMPTY_FILTER, matchesFilter, StoryFilterSchema, type StoryFilterInput } from '@radar/core';
import { isSameOrigin, narrowFilter } from './widget-access.ts';

const filter = (input: StoryFilterInput) => StoryFilterSchema.parse(input);
const story = (fields: { title: string; countries?: string[]; companies?: string[] }) => ({
  title: fields.title,
  summary: '',
  countries: fields.countries ?? [],
  companies: fields.companies ?? [],
  topics: [],
  relevant: true,
});

test('a widget narrows its token filter: lists intersect, an empty list takes the other side', () => {
  const token = filter({ countries: ['FR', 'DE'], companies: ['meta'] });
  expect(narrowFilter(token, filter({ countries: ['FR'] }))).toEqual({ ...filter({ countries: ['FR'], companies: ['meta'] }) });
  expect(narrowFilter(token, EMPTY_FILTER)).toEqual(token);
  expect(narrowFilter(EMPTY_FILTER, filter({ topics: ['child-safety'] }))).toEqual(filter({ topics: ['child-safety'] }));
  expect(narrowFilter(token, filter({ countries: ['DE', 'US'], relevantOnly: true }))).toMatchObject({ countries: ['DE'], relevantOnly: true });
  // folders by name, however the name is written
  const filed = filter({ folders: ['EU Régulateurs', 'Press'] });
  expect(narrowFilter(filed, filter({ folders: ['eu-regulateurs'] }))).toMatchObject({ folders: ['eu-regulateurs'] });
  expect(narrowFilter(filed, filter({ folders: ['Courts'] }))).toBeNull();
  expect(narrowFilter(filed, EMPTY_FILTER)).toMatchObject({ folders: ['EU Régulateurs', 'Press'] });
  // stories by id: a widget may ask for some of its token's stories, never others
  const picked = filter({ ids: ['a', 'b'] });
  expect(narrowFilter(picked, filter({ ids: ['b', 'c'] }))).toMatchObject({ ids: ['b'] });
  expect(narrowFilter(picked, filter({ ids: ['c'] }))).toBeNull();
  expect(narrowFilter(filter({ countries: ['FR'] }), filter({ ids: ['c'] }))).toMatchObject({ countries: ['FR'], ids: ['c'] });
});

test('asking for what the token does not cover gives nothing, not everything', () => {
  const token = filter({ countries: ['FR'] });
  expect(narrowFilter(token, filter({ countries: ['DE'] }))).toBeNull();
  expect(narrowFilter(filter({ companies: ['meta'] }), filter({ companies: ['google'] }))).toBeNull();
});

test('keyword queries must both match, and a stray parenthesis cannot widen the token query', () => {
  const token = filter({ q: 'arcom' });
  const narrowed = narrowFilter(token, filter({ q: 'fine OR ban' }))!;
  expect(matchesFilter(story({ title: 'Arcom to fine platforms' }), narrowed)).toBe(true);
  expect(matchesFilter(story({ title: 'Ofcom to fine platforms' }), narrowed)).toBe(false);
  expect(matchesFilter(story({ title: 'Arcom opens a consultation' }), narrowed)).toBe(false);
  // as text, "(arcom) (x) OR (fine)" would let every story with "fine" through
  const escape = narrowFilter(token, filter({ q: 'x) OR (fine' }))!;
  expect(matchesFilter(story({ title: 'Ofcom to fine platforms' }), escape)).toBe(false);
  const either = narrowFilter(filter({ q: 'ofcom OR arcom' }), filter({ q: 'fine' }))!;
  expect(matchesFilter(story({ title: 'Ofcom to fine platforms' }), either)).toBe(true);
  expect(matchesFilter(story({ title: 'Ofcom consultation' }), either)).toBe(false);
  expect(narrowFilter(token, EMPTY_FILTER)?.q).toBe('arcom');
});

test('whatever a widget asks, what it gets matches its token filter', () => {
  const token = filter({ countries: ['FR'], companies: ['meta', 'google'], q: 'fine' });
  const asks = [EMPTY_FILTER, filter({ countries: ['FR', 'DE'] }), filter({ companies: ['google'], q: 'ban OR fine' }), filter({ q: ')' })];
  const stories = [
    story({ title: 'France to fine Meta', countries: ['FR'], companies: ['meta'] }),
    story({ title: 'Germany to fine Meta', countries: ['DE'], companies: ['meta'] }),
    story({ title: 'France bans Google', countries: ['FR'], companies: ['google'] }),
    story({ title: 'France to fine Google', countries: ['FR'], companies: ['google'] }),
  ];
  for (const ask of asks) {
    const narrowed = narrowFilter(token, ask);
    for (const s of stories) if (narrowed && matchesFilter(s, narrowed)) expect(matchesFilter(s, token)).toBe(true);
  }
});

test('same origin is the Origin naming the host the request reached', () => {
  expect(isSameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
  expect(isSameOrigin('https://radar.example', 'radar.example')).toBe(true);
  expect(isSameOrigin('http://localhost:8080', '127.0.0.1:8080')).toBe(false);
  expect(isSameOrigin('https://radar.example.evil.test', 'radar.example')).toBe(false);
  expect(isSameOrigin('null', 'radar.example')).toBe(false);
  expect(isSameOrigin(undefined, 'radar.example')).toBe(false);
});
