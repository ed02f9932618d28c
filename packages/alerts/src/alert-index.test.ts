import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hasRequiredTerm, matchesQuery, parseQuery, prepareStory, type QueryableStory } from '@radar/core';
import { AlertIndex, requiredKeys } from './alert-index.ts';

const alert = (id: string, query: string) => ({ id, query: parseQuery(query) });
const story = (title: string, extra: Partial<QueryableStory> = {}): QueryableStory => ({
  title,
  summary: '',
  countries: [],
  companies: [],
  topics: [],
  ...extra,
});

test('a story is checked only against alerts that share a required term with it', () => {
  const index = new AlertIndex([
    alert('age', '"age verification" country:GB OR country:AU'),
    alert('meta', 'company:meta country:EU -earnings'),
    alert('dma', 'dma OR "digital markets act"'),
    alert('lang', 'lang:fr ofcom'),
  ]);
  const uk = story('Ofcom sets age verification rules', { countries: ['GB'] });
  // 'lang' is indexed under ofcom (rarer than a language), so it is a candidate that then fails
  expect(index.candidates(prepareStory(uk)).map((a) => a.id).sort()).toEqual(['age', 'lang']);
  expect(index.match(uk).map((a) => a.id)).toEqual(['age']);
  const eu = story('Commission fines Meta under the Digital Markets Act', { countries: ['EU'], companies: ['meta'] });
  expect(index.match(eu).map((a) => a.id).sort()).toEqual(['dma', 'meta']);
  expect(index.match(story('Meta earnings', { countries: ['EU'], companies: ['meta'] }))).toEqual([]);
});

test('the rarest looking term of an AND is indexed, every branch of an OR', () => {
  expect(requiredKeys(parseQuery('country:GB "age verification"'))?.keys).toEqual(['w:verification']);
  expect(requiredKeys(parseQuery('tiktok OR company:meta'))?.keys).toEqual(['w:tiktok', 'company:meta']);
  expect(requiredKeys(parseQuery('lang:pt-br source:"Folha de S.Paulo"'))?.keys).toEqual(['s:folha']);
  expect(requiredKeys(parseQuery('folder:"EU Régulateurs" -earnings'))?.keys).toEqual(['folder:eu regulateurs']);
  expect(requiredKeys(parseQuery('is:policy ofcom'))?.keys).toEqual(['w:ofcom']);
  expect(requiredKeys(parseQuery('is:policy'))?.keys).toEqual(['is:policy']);
  expect(requiredKeys(parseQuery('-earnings'))).toBeNull();
  expect(requiredKeys(parseQuery('meta OR -earnings'))).toBeNull();
});

test('alerts with nothing required are checked for every story', () => {
  const index = new AlertIndex([alert('not', '-earnings'), alert('x', 'x')]);
  expect(index.unindexedCount).toBe(1);
  expect(index.match(story('Anything at all')).map((a) => a.id)).toEqual(['not']);
});

test('alerts can be replaced and removed', () => {
  const index = new AlertIndex([alert('a', 'ofcom')]);
  index.add(alert('a', 'arcom'));
  expect(index.size).toBe(1);
  expect(index.match(story('Ofcom acts'))).toEqual([]);
  expect(index.match(story('Arcom acts')).map((a) => a.id)).toEqual(['a']);
  index.remove('a');
  expect(index.match(story('Arcom acts'))).toEqual([]);
});

test('the index finds exactly the alerts a full scan finds', () => {
  const words = ['ofcom', 'age', 'verification', 'meta', 'dma', 'eu', 'earnings', 'vpn', 'ban', 'élysée'];
  const term = fc.oneof(
    fc.constantFrom(...words),
    fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 3 }).map((w) => `"${w.join(' ')}"`),
    fc.constantFrom('country:GB', 'country:FR', 'company:meta', 'topic:child-safety', 'lang:en', 'lang:fr', 'source:reuters', 'source:"le monde"', 'folder:press', 'folder:"EU régulateurs"', 'is:policy', 'is:corrected', 'is:pinned'),
  );
  const query = fc
    .array(fc.tuple(fc.constantFrom('', '-', ' OR ', ' AND '), term), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.map(([op, t], i) => (i === 0 ? t : op === '-' ? ` -${t}` : `${op === '' ? ' ' : op}${t}`)).join(''));
  const stories = fc.record({
    title: fc.array(fc.constantFrom(...words, 'le', 'monde'), { maxLength: 8 }).map((w) => w.join(' ')),
    summary: fc.constant(''),
    countries: fc.subarray(['GB', 'FR']),
    companies: fc.subarray(['meta']),
    topics: fc.subarray(['child-safety']),
    lang: fc.constantFrom(null, 'en', 'fr-CA'),
    relevant: fc.boolean(),
    tagsEditedAt: fc.constantFrom(undefined, '2026-12-01T08:00:00.000Z'),
    pinnedAt: fc.constantFrom(undefined, '2026-12-01T09:00:00.000Z'),
    source: fc.record(
      { feedId: fc.constant('f1'), title: fc.constantFrom('Reuters', 'Le Monde', 'ABC'), folder: fc.constantFrom('Press', 'eu-regulateurs', 'Other') },
      { requiredKeys: ['feedId', 'title'] },
    ),
  });
  fc.assert(
    fc.property(fc.array(query, { minLength: 1, maxLength: 20 }), fc.array(stories, { maxLength: 10 }), (queries, list) => {
      const alerts = queries.map((q, i) => alert(`a${i}`, q));
      const index = new AlertIndex(alerts);
      for (const s of list) {
        const scan = alerts.filter((a) => matchesQuery(prepareStory(s), a.query)).map((a) => a.id).sort();
        expect(index.match(s).map((a) => a.id).sort()).toEqual(scan);
      }
      for (const a of alerts) expect(requiredKeys(a.query) !== null).toBe(hasRequiredTerm(a.query));
    }),
    { numRuns: 300 },
  );
});
