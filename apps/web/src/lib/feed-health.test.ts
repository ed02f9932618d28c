import { expect, test } from 'vitest';
import type { Feed } from '@radar/core';
import { readDashboardQuery } from './dashboard-query.ts';
import { describePolicyShare, feedErrorToShow, feedStoriesHref, folderStoriesHref, policyShares, feedFolders, feedHealth, feedMatches, formatDocumentSize, formatInterval, formatLatency, formatLongSpan, formatMaxInterval, formatUntil, itemsBeyondReading, paceChoices, quietFor, recentOverflow, sortFeeds, webSubNote, type FeedSortKey } from './feed-health.ts';

const healthy = { enabled: true, lastFetchAt: '2026-11-30T10:00:00Z', lastStatus: 200, lastError: null, errorCount: 0 };

test('a feed is paused, failing, waiting for its first fetch or healthy', () => {
  expect(feedHealth(healthy)).toEqual({ state: 'ok', label: 'Healthy', httpStatus: 200 });
  expect(feedHealth({ ...healthy, lastStatus: 304 }).state).toBe('ok');
  expect(feedHealth({ ...healthy, lastStatus: 503, errorCount: 3 })).toEqual({ state: 'failing', label: 'Failing ×3', httpStatus: 503 });
  expect(feedHealth({ ...healthy, lastStatus: null, lastError: 'timeout', errorCount: 1 }).label).toBe('Failing');
  expect(feedHealth({ ...healthy, enabled: false, lastError: 'timeout' }).state).toBe('paused');
  expect(feedHealth({ ...healthy, lastFetchAt: null, lastStatus: null }).state).toBe('pending');
});

test('next poll and latency read briefly', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  expect(formatUntil('2026-11-30T10:00:30Z', now)).toBe('in 30 s');
  expect(formatUntil('2026-11-30T10:05:00Z', now)).toBe('in 5 min');
  expect(formatUntil('2026-11-30T09:59:00Z', now)).toBe('due now');
  expect(formatUntil(null, now)).toBe('—');
  expect(formatLatency(320)).toBe('320 ms');
  expect(formatLatency(1420)).toBe('1.4 s');
  expect(formatLatency(null)).toBe('—');
});

test('poll intervals read in the largest whole unit', () => {
  expect(formatInterval(45)).toBe('every 45 s');
  expect(formatInterval(300)).toBe('every 5 min');
  expect(formatInterval(7200)).toBe('every 2 h');
  expect(formatInterval(5400)).toBe('every 1.5 h');
});

test("the last document's size reads in bytes, kilobytes or megabytes; a 304 fetched none", () => {
  expect(formatDocumentSize(850, 200)).toBe('850 B');
  expect(formatDocumentSize(48_200, 200)).toBe('48 KB');
  expect(formatDocumentSize(999_700, 200)).toBe('1.0 MB');
  expect(formatDocumentSize(1_250_000, 200)).toBe('1.3 MB');
  expect(formatDocumentSize(0, 304)).toBe('unchanged');
  expect(formatDocumentSize(512, 404)).toBe('512 B');
  expect(formatDocumentSize(null, null)).toBe('—');
  expect(formatDocumentSize(0, null)).toBe('—');
});

test('the last error shows once: not again under a pause reason that quotes it', () => {
  const error = 'resource not found (HTTP 404) from https://gov.example/rss';
  expect(feedErrorToShow({ lastError: error, pausedReason: null })).toBe(error);
  expect(feedErrorToShow({ lastError: error, pausedReason: `failing since 2026-11-20 (40 attempts): ${error}` })).toBeNull();
  expect(feedErrorToShow({ lastError: error, pausedReason: 'paused by hand' })).toBe(error);
  expect(feedErrorToShow({ lastError: null, pausedReason: 'paused by hand' })).toBeNull();
});

test('feeds are listed by state and by the words typed, in their name, address or site', () => {
  const feed = (over: Partial<Feed>): Feed => ({
    id: 'f', url: 'https://www.cnil.fr/fr/rss.xml', title: 'CNIL — Actualités', siteUrl: 'https://www.cnil.fr/', enabled: true,
    intervalSeconds: 300, createdAt: '2026-11-01T00:00:00Z', lastFetchAt: '2026-11-30T10:00:00Z', lastStatus: 200, lastError: null,
    lastLatencyMs: 40, lastBytes: 1000, lastItems: 10, errorCount: 0, nextPollAt: null, pollIntervalSeconds: 300, lastSuccessAt: null,
    pausedReason: null, websub: null, ...over,
  });
  const healthy = feed({});
  const failing = feed({ lastError: 'HTTP 500', lastStatus: 500, errorCount: 2 });
  const paused = feed({ enabled: false, pausedReason: 'paused by hand' });
  expect([healthy, failing, paused].map((f) => feedMatches(f, 'all', ''))).toEqual([true, true, true]);
  expect([healthy, failing, paused].map((f) => feedMatches(f, 'failing', ''))).toEqual([false, true, false]);
  expect([healthy, failing, paused].map((f) => feedMatches(f, 'paused', ''))).toEqual([false, false, true]);
  expect(feedMatches(healthy, 'all', 'actualites')).toBe(true);
  expect(feedMatches(healthy, 'all', '  CNIL   rss ')).toBe(true);
  expect(feedMatches(healthy, 'all', 'cnil ofcom')).toBe(false);
  expect(feedMatches(feed({ title: null }), 'all', 'cnil.fr/fr')).toBe(true);

  // by folder: one folder's, or those in none; a folder's name is a word of its feeds
  const regulator = feed({ folder: 'Régulateurs' });
  const press = feed({ folder: 'Press', title: 'Le Monde' });
  const loose = feed({});
  const inFolder = (name: string) => ({ kind: 'folder', name }) as const;
  expect([regulator, press, loose].map((f) => feedMatches(f, 'all', '', undefined, inFolder('Régulateurs')))).toEqual([true, false, false]);
  expect([regulator, press, loose].map((f) => feedMatches(f, 'all', '', undefined, { kind: 'none' }))).toEqual([false, false, true]);
  expect([regulator, press, loose].map((f) => feedMatches(f, 'all', 'regulateurs'))).toEqual([true, false, false]);
  expect(feedFolders([press, regulator, loose, feed({ folder: 'Press' }), feed({ folder: 'asia' })])).toEqual([
    { name: 'asia', count: 1 },
    { name: 'Press', count: 2 },
    { name: 'Régulateurs', count: 1 },
  ]);
  // names that differ in case or accents only are one folder, named as most of its feeds name it
  const lower = feed({ folder: 'press' });
  expect(feedFolders([press, lower, feed({ folder: 'press' }), feed({ folder: 'regulateurs' }), regulator])).toEqual([
    { name: 'press', count: 3 },
    { name: 'regulateurs', count: 2 },
  ]);
  expect([press, lower, regulator].map((f) => feedMatches(f, 'all', '', undefined, inFolder('PRESS')))).toEqual([true, true, false]);

  // quiet: read fine, but nothing new for over 30 days (or nothing at all since it was added)
  const now = Date.parse('2026-11-30T12:00:00Z');
  const read = { lastSuccessAt: '2026-11-30T10:00:00Z', storyCount: 3 };
  const stale = feed({ ...read, newestStoryAt: '2026-07-01T09:00:00Z' });
  const fresh = feed({ ...read, newestStoryAt: '2026-11-29T09:00:00Z' });
  const empty = feed({ ...read, storyCount: 0, newestStoryAt: null, createdAt: '2026-09-01T00:00:00Z' });
  const justAdded = feed({ ...read, storyCount: 0, newestStoryAt: null, createdAt: '2026-11-30T11:00:00Z' });
  const staleButFailing = feed({ ...read, newestStoryAt: '2026-07-01T09:00:00Z', lastError: 'HTTP 500', lastStatus: 500, errorCount: 2 });
  expect([stale, fresh, empty, justAdded, staleButFailing].map((f) => feedMatches(f, 'quiet', '', now))).toEqual([true, false, true, false, false]);
  expect(formatLongSpan(quietFor(stale, now)!)).toBe('5 months');
  expect(formatLongSpan(quietFor(empty, now)!)).toBe('3 months');
  expect(formatLongSpan(45 * 24 * 3_600_000)).toBe('45 days');
  expect(formatLongSpan(800 * 24 * 3_600_000)).toBe('2 years');
  // a feed that publishes monthly is quiet after four of its months, not after one
  const monthly = { ...read, storyCount: 13, oldestStoryAt: '2025-07-01T09:00:00Z' };
  expect(quietFor(feed({ ...monthly, newestStoryAt: '2026-09-01T09:00:00Z' }), now)).toBeNull();
  expect(formatLongSpan(quietFor(feed({ ...monthly, newestStoryAt: '2026-07-01T09:00:00Z' }), now)!)).toBe('5 months');
  // a feed listed without its stories (as one just added is) is not judged
  expect(quietFor(feed({ ...read }), now)).toBeNull();
});

test('a feed that published more than it lists between two polls says so for a week', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  expect(recentOverflow({ overflowedAt: '2026-11-29T08:00:00Z' }, now)).toBe('2026-11-29T08:00:00Z');
  expect(recentOverflow({ overflowedAt: '2026-11-20T08:00:00Z' }, now)).toBeNull();
  expect(recentOverflow({ overflowedAt: null }, now)).toBeNull();
});

test('a feed listing more items than are read says so; others say nothing', () => {
  expect(itemsBeyondReading({ lastItems: 5000 })).toBe('Lists 5,000 items: the newest 1,000 are read at each poll.');
  expect(itemsBeyondReading({ lastItems: 1000 })).toBeNull();
  expect(itemsBeyondReading({ lastItems: null })).toBeNull();
});

test('the feeds table sorts by each column, first bringing out what needs looking at; unknown values last either way', () => {
  const feed = (id: string, over: Partial<Feed>): Feed => ({
    id, url: `https://${id}.example/feed.xml`, title: null, siteUrl: null, enabled: true, intervalSeconds: 300, createdAt: '2026-11-01T00:00:00Z',
    lastFetchAt: '2026-11-30T10:00:00Z', lastStatus: 200, lastError: null, lastLatencyMs: 100, lastBytes: 1000, lastItems: 10, errorCount: 0,
    nextPollAt: '2026-11-30T10:05:00Z', pollIntervalSeconds: 300, lastSuccessAt: null, pausedReason: null, websub: null, ...over,
  });
  const feeds = [
    feed('a', { title: 'Ofcom', lastLatencyMs: 300, lastBytes: 5000, lastItems: 40, lastFetchAt: '2026-11-30T09:00:00Z' }),
    feed('b', { title: 'ÉFF updates', lastStatus: 503, lastError: 'HTTP 503', errorCount: 2, lastLatencyMs: 30_000, lastBytes: null, lastItems: null, nextPollAt: '2026-11-30T10:20:00Z' }),
    feed('c', { title: 'cnil', enabled: false, pausedReason: 'gone', lastStatus: 304, lastBytes: 0, lastLatencyMs: 50 }),
    feed('d', { title: null, lastFetchAt: null, lastStatus: null, lastLatencyMs: null, lastBytes: null, lastItems: null, nextPollAt: '2026-11-30T10:00:10Z' }),
    feed('e', { title: 'Noyb', lastError: 'timed out', lastStatus: null, errorCount: 5, lastItems: 3, nextPollAt: '2026-11-30T10:01:00Z' }),
  ];
  const order = (key: FeedSortKey, reversed = false) => sortFeeds(feeds, { key, reversed }).map((f) => f.id).join('');
  // by title, case and accents aside; a feed without one by its address
  expect(order('name')).toBe('cbdea');
  expect(order('name', true)).toBe('aedbc');
  // failing first, the longest failing before; then paused, not fetched yet, healthy
  expect(order('status')).toBe('ebcda');
  expect(order('lastFetch')).toBe('abced');
  expect(order('latency')).toBe('baecd');
  expect(order('latency', true)).toBe('ceabd');
  // a 304 says nothing of the document's size
  expect(order('size')).toBe('aebcd');
  expect(order('items')).toBe('acebd');
  // a paused feed has no next poll
  expect(order('nextPoll')).toBe('deabc');
  expect(sortFeeds(feeds, null).map((f) => f.id).join('')).toBe('abcde');
});

test("a feed is read as often as it publishes, or at least as often as its user asks; a limit set through the API is offered too", () => {
  expect(formatMaxInterval(300)).toBe('at least every 5 min');
  expect(paceChoices(null)).toEqual([
    { value: '', label: 'As often as it publishes (up to every 6 h)' },
    { value: '60', label: 'At least every 1 min, however rarely it publishes' },
    { value: '300', label: 'At least every 5 min, however rarely it publishes' },
    { value: '900', label: 'At least every 15 min, however rarely it publishes' },
    { value: '3600', label: 'At least every 1 h, however rarely it publishes' },
  ]);
  expect(paceChoices(120).map((choice) => choice.value)).toEqual(['', '60', '120', '300', '900', '3600']);
  expect(paceChoices(300)).toHaveLength(5);
});

test("a feed's stories are the stream filtered by the feed", () => {
  expect(feedStoriesHref('01a2-b3')).toBe('/?feed=01a2-b3');
});

test("a folder's stories are the stream filtered by the folder, whatever its name holds", () => {
  expect(folderStoriesHref('Regulators')).toBe('/?folder=Regulators');
  expect(folderStoriesHref('EU, "institutions" & co')).toBe('/?folder=EU,+%22institutions%22+%26+co');
  expect(readDashboardQuery(new URL(folderStoriesHref('EU, "institutions" & co'), 'http://x').searchParams).filter.folders).toEqual(['EU, "institutions" & co']);
});

test("a feed's policy share is its policy stories over its stories of the range; sorted by it, the feeds bringing least policy news come first", () => {
  const shares = policyShares({
    since: '2026-10-31T00:00:00Z',
    days: 30,
    feeds: [
      { feedId: 'wire', stories: 40, policyStories: 30 },
      { feedId: 'blog', stories: 20, policyStories: 1 },
      { feedId: 'empty', stories: 0, policyStories: 0 },
    ],
  });
  expect([...shares.keys()]).toEqual(['wire', 'blog']);
  expect(shares.get('wire')).toEqual({ stories: 40, policyStories: 30, share: 0.75 });
  expect(describePolicyShare(shares.get('wire')!, 30)).toBe('30 of 40 stories of the last 30 days are about internet policy');
  expect(describePolicyShare({ stories: 1, policyStories: 1, share: 1 }, 7)).toBe('1 of 1 story of the last 7 days is about internet policy');
  const feed = (id: string) => ({ id, url: `https://${id}.example/`, title: id, enabled: true }) as Feed;
  const order = (reversed: boolean) => sortFeeds([feed('quiet'), feed('wire'), feed('blog')], { key: 'policy', reversed }, shares).map((f) => f.id);
  expect(order(false)).toEqual(['blog', 'wire', 'quiet']);
  expect(order(true)).toEqual(['wire', 'blog', 'quiet']);
});

test("a feed's WebSub note: pushed, asked for, refused with the hub's reason, or unavailable and asked again later", () => {
  const websub = (state: string | null, expiresAt: string | null = null) => ({ websub: { hub: 'https://pubsubhubbub.appspot.com/', state, expiresAt } });
  expect(webSubNote({ websub: null })).toBeNull();
  // a paused feed has left its hub
  expect(webSubNote(websub(null))).toBeNull();
  const now = Date.parse('2026-12-03T12:00:00Z');
  expect(webSubNote(websub('subscribed', '2026-12-10T00:00:00Z'), now)).toMatchObject({ kind: 'push', text: 'push via WebSub' });
  // a lease the hub was not heard to renew: it pushes no more
  expect(webSubNote(websub('subscribed', '2026-12-03T11:59:00Z'), now)).toMatchObject({ kind: 'asked', text: 'push lapsed' });
  expect(webSubNote(websub('pending', '2026-12-01T00:00:00Z'))).toEqual({
    kind: 'asked',
    text: 'push asked for',
    detail: 'Waiting for the hub pubsubhubbub.appspot.com to confirm; read by polling meanwhile',
  });
  expect(webSubNote(websub('denied: topic not allowed\nby policy'))).toEqual({
    kind: 'off',
    text: 'push refused',
    detail: 'The hub pubsubhubbub.appspot.com refused to push this feed: topic not allowed\nby policy. It is read by polling.',
  });
  expect(webSubNote(websub('failed: hub https://h.example/ answered HTTP 500', '2026-12-01T06:00:00Z'))?.detail).toBe(
    'hub https://h.example/ answered HTTP 500. It will be asked again later; the feed is read by polling meanwhile.',
  );
  expect(webSubNote(websub('failed: can hubs reach RADAR_PUBLIC_URL from the internet?', '2026-12-01T06:00:00Z'))?.detail).toBe(
    'can hubs reach RADAR_PUBLIC_URL from the internet? It will be asked again later; the feed is read by polling meanwhile.',
  );
  expect(webSubNote({ websub: { hub: 'not a url', state: 'denied: no', expiresAt: null } })?.detail).toBe('The hub not a url refused to push this feed: no. It is read by polling.');
});
