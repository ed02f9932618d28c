import { expect, test } from 'vitest';
import { matchesQuery, prepareStory, type QueryableStory } from './match-query.ts';
import { parseQuery } from './parse-query.ts';

const story: QueryableStory = {
  title: 'Ofcom opens age-verification probe into adult sites',
  summary: "The UK regulator says Instagram's teen accounts are next. L'Élysée watches.",
  countries: ['GB'],
  companies: ['meta'],
  topics: ['child-safety', 'content-moderation'],
  lang: 'en-GB',
  source: { feedId: 'feed-1', title: 'Süddeutsche Zeitung', folder: 'EU régulateurs' },
  url: 'https://www.sueddeutsche.de/politik/ofcom-1.123',
};

const matches = (query: string, s: QueryableStory = story) => matchesQuery(prepareStory(s), parseQuery(query));

test('words match whole words, ignoring case and accents', () => {
  expect(matches('OFCOM')).toBe(true);
  expect(matches('elysee')).toBe(true);
  expect(matches('élysée ofcom')).toBe(true);
  expect(matches('ofco')).toBe(false);
  expect(matches('verification')).toBe(true);
});

test('phrases match words next to each other across punctuation', () => {
  expect(matches('"age verification"')).toBe(true);
  expect(matches('age-verification')).toBe(true);
  expect(matches('"verification age"')).toBe(false);
  expect(matches('"instagram s teen"')).toBe(true);
  expect(matches('"adult sites the uk"')).toBe(true);
});

test('operators combine terms', () => {
  expect(matches('ofcom -instagram')).toBe(false);
  expect(matches('ofcom NOT (tiktok OR snapchat)')).toBe(true);
  expect(matches('tiktok OR ofcom')).toBe(true);
  expect(matches('"age verification" Australia OR UK')).toBe(true);
  expect(matches('"age verification" Australia OR Canada')).toBe(false);
});

test('field terms look at tags, language and source', () => {
  expect(matches('country:GB')).toBe(true);
  expect(matches('country:"united kingdom" company:facebook')).toBe(true);
  expect(matches('country:FR')).toBe(false);
  expect(matches('topic:child-safety -topic:privacy')).toBe(true);
  expect(matches('lang:en')).toBe(true);
  expect(matches('lang:en-gb')).toBe(true);
  expect(matches('lang:en-us')).toBe(false);
  expect(matches('lang:eng')).toBe(false);
  expect(matches('source:suddeutsche')).toBe(true);
  expect(matches('source:"Süddeutsche Zeitung"')).toBe(true);
  expect(matches('source:sueddeutsche.de')).toBe(true);
  expect(matches('source:feed-1')).toBe(true);
  expect(matches('source:zeit')).toBe(false);
});

test('a folder term names the whole folder its feed is kept in, case, accents and punctuation aside', () => {
  expect(matches('folder:"EU régulateurs"')).toBe(true);
  expect(matches('folder:"eu-regulateurs"')).toBe(true);
  expect(matches('folder:regulateurs')).toBe(false);
  expect(matches('folder:"EU régulateurs" -country:GB')).toBe(false);
  expect(matches('folder:press OR country:GB')).toBe(true);
  expect(matches('folder:press')).toBe(false);
});

test('is:policy matches the stories the detector judged to be about internet policy', () => {
  const policy = { ...story, relevant: true };
  expect(matches('is:policy', policy)).toBe(true);
  expect(matches('is:policy')).toBe(false);
  expect(matches('-is:policy')).toBe(true);
  expect(matches('IS:Policy ofcom', policy)).toBe(true);
  expect(matches('is:relevant country:FR', policy)).toBe(false);
  expect(matches('is:policy OR country:GB')).toBe(true);
});

test("is:corrected matches the stories whose tags an editor corrected", () => {
  const corrected = { ...story, tagsEditedAt: '2026-12-01T08:00:00.000Z' };
  expect(matches('is:corrected', corrected)).toBe(true);
  expect(matches('is:edited', corrected)).toBe(true);
  expect(matches('is:corrected')).toBe(false);
  expect(matches('-is:corrected')).toBe(true);
  expect(matches('is:corrected is:policy', corrected)).toBe(false);
  // null is how an edit's "before" says it was not corrected
  expect(matches('is:corrected', { ...story, tagsEditedAt: null } as never)).toBe(false);
});

test('a story without a language or source matches no term about them', () => {
  const bare = { title: 'x', summary: '', countries: [], companies: [], topics: [] };
  expect(matches('lang:en', bare)).toBe(false);
  expect(matches('-lang:en', bare)).toBe(true);
  expect(matches('source:reuters', bare)).toBe(false);
  expect(matches('folder:press', bare)).toBe(false);
  expect(matches('-folder:press', bare)).toBe(true);
});

test('the empty query matches every story', () => {
  expect(matches('')).toBe(true);
});

test('a prepared story follows an edited title', () => {
  const copy = { ...story };
  expect(matchesQuery(prepareStory(copy), parseQuery('ofcom'))).toBe(true);
  copy.title = 'Arcom opens a probe';
  expect(matchesQuery(prepareStory(copy), parseQuery('ofcom'))).toBe(false);
});

test('is:pinned matches the stories the team pinned', () => {
  const pinned = { ...story, pinnedAt: '2026-12-01T09:00:00.000Z' };
  expect(matches('is:pinned', pinned)).toBe(true);
  expect(matches('is:pick', pinned)).toBe(true);
  expect(matches('is:pinned')).toBe(false);
  expect(matches('-is:pinned', pinned)).toBe(false);
  expect(matches('is:pinned is:corrected', pinned)).toBe(false);
});
