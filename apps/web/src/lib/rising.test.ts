import { expect, test } from 'vitest';
import { readDashboardQuery } from './dashboard-query.ts';
import { baselinePhrase, risenTogetherHref, risingAlertHref, risingFactor, risingHref, risingName, risingWatchHref, usualPhrase } from './rising.ts';

test('a rising value reads as its name, how far above usual it is, and what is usual', () => {
  expect(risingName({ kind: 'country', id: 'BR' })).toBe('Brazil');
  expect(risingName({ kind: 'company', id: 'meta' })).toBe('Meta');
  expect(risingName({ kind: 'topic', id: 'privacy-data-protection' })).toBe('Privacy & data protection');
  expect(risingFactor({ recent: 9, usual: 0 })).toBe('New');
  expect(risingFactor({ recent: 5, usual: 2 })).toBe('×2.5');
  expect(risingFactor({ recent: 6, usual: 3 })).toBe('×2');
  expect(risingFactor({ recent: 9, usual: 0.4 })).toBe('×23');
  expect(usualPhrase({ usual: 0 }, 14)).toBe('none in the 14 days before');
  expect(usualPhrase({ usual: 0.4 }, 14)).toBe('usually 0.4 a day');
  expect(usualPhrase({ usual: 0 }, 1)).toBe('none the day before');
  expect(baselinePhrase(1)).toBe('Compared with the day before');
  expect(baselinePhrase(3)).toBe('Compared with the 3 days before');
});

test("a rising value opens the view's stream narrowed to it over the last 24 hours", () => {
  const query = readDashboardQuery(new URLSearchParams('country=FR&company=meta&from=2026-11-01&to=2026-11-03&story=abc'));
  expect(risingHref(query, { kind: 'country', id: 'BR' })).toBe('/?country=BR,FR&company=meta&range=24h');
  expect(risingHref(query, { kind: 'topic', id: 'privacy-data-protection' })).toBe('/?country=FR&company=meta&topic=privacy-data-protection&range=24h');
  expect(risingHref(query, { kind: 'company', id: 'meta' })).toBe('/?country=FR&company=meta&range=24h');
});

test('a rising value offers an alert on the view\'s stories about it', () => {
  const query = readDashboardQuery(new URLSearchParams('company=meta&range=7d'));
  const href = new URL(risingAlertHref(query, { kind: 'country', id: 'GH' })!, 'http://radar.test');
  expect(href.pathname).toBe('/alerts');
  expect(href.searchParams.get('query')).toBe('country:GH company:meta');
  expect(href.searchParams.get('name')).toBe('Ghana · Meta');
  // a list of chosen stories has no alert
  expect(risingAlertHref(readDashboardQuery(new URLSearchParams('id=a,b')), { kind: 'country', id: 'GH' })).toBeNull();
});

test("a view offers a rising alert on its stories; the whole stream's watches its policy stories", () => {
  const href = new URL(risingWatchHref(readDashboardQuery(new URLSearchParams('country=GH,NG&range=7d')))!, 'http://radar.test');
  expect(href.pathname).toBe('/alerts');
  expect(Object.fromEntries(href.searchParams)).toEqual({ name: 'Rising: Ghana or Nigeria', query: 'country:GH OR country:NG', trigger: 'rising' });
  const everything = new URL(risingWatchHref(readDashboardQuery(new URLSearchParams('')))!, 'http://radar.test');
  expect(Object.fromEntries(everything.searchParams)).toEqual({ name: 'Rising: Policy stories', query: 'is:policy', trigger: 'rising' });
  expect(risingWatchHref(readDashboardQuery(new URLSearchParams('id=a,b')))).toBeNull();
});

test("values a rising alert told of together open the stream's last 24 hours narrowed to them", () => {
  expect(risenTogetherHref([{ kind: 'country', id: 'GH' }])).toBe('/?country=GH&range=24h');
  expect(risenTogetherHref([{ kind: 'topic', id: 'censorship-shutdowns' }, { kind: 'country', id: 'NG' }, { kind: 'country', id: 'GH' }])).toBe(
    '/?country=GH,NG&topic=censorship-shutdowns&range=24h',
  );
});
