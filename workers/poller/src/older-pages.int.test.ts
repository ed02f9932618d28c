import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, onTestFinished, test } from 'vitest';
import { EMPTY_FILTER } from '@radar/core';
import { createFeed, getFeed, listFeedPolls, listStories, openScratchDatabase, type Database } from '@radar/db';
import { FeedReader } from '@radar/feeds';
import { connectRedis, deleteKeysWithPrefix, readStories } from '@radar/jobs';
import { createHostTurns, type HostTurns } from './host-turns.ts';
import { MAX_OLDER_PAGES, pollFeed, type PollDeps } from './poll-feed.ts';

const prefix = `radar-test-older-pages-${process.pid}-${Date.now()}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let database: Database;
/** The publisher's feed and its pages; the archive's older pages are on another origin. */
let publisher: Server;
let archive: Server;
let publisherBase: string;
let archiveBase: string;

/** What the publisher has published, newest first; a page lists PAGE_SIZE of it. */
let published: string[] = [];
const PAGE_SIZE = 5;
/** Where the publisher's feed says its older items are: its own pages, or the archive's. */
let olderPagesAt: 'publisher' | 'archive' | 'self' = 'publisher';
/** The address of the feed being read, for a page that names it as its older page. */
let feedAddress = '';
/** Called before a page of the publisher's is served: it may publish meanwhile. */
let beforePage: ((page: number) => void | Promise<void>) | null = null;
/** Pages that answer 500 instead. */
let brokenPages = new Set<number>();
/** Every request either server took: its page, and whether it carried the feed's login. */
let requests: { server: string; page: number; login: boolean }[] = [];
/** When each of those requests came. */
let requestTimes: number[] = [];

function pageUrl(page: number): string {
  if (olderPagesAt === 'self') return feedAddress;
  return `${olderPagesAt === 'archive' ? archiveBase : publisherBase}/feed?page=${page}`;
}

/** Page `page` of the feed as Atom (RFC 5005 paging): PAGE_SIZE entries, and a `next` link while older ones remain. */
function atomPage(page: number): string {
  const entries = published.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const next = page * PAGE_SIZE < published.length ? `<link rel="next" href="${pageUrl(page + 1)}"/>` : '';
  return `<feed xmlns="http://www.w3.org/2005/Atom"><title>Regulator</title><link rel="self" href="${publisherBase}/feed"/>${next}
${entries.map((title) => `<entry><id>urn:story:${title}</id><title>${title}</title><link href="https://regulator.example/${title}"/><updated>2026-11-30T08:00:00Z</updated></entry>`).join('')}</feed>`;
}

/** What the publisher's section feed lists. */
let sectionTitles: string[] = [];

/** Whether the WordPress site serves the page `?paged=` asks for, or (a cache in front of it) its first page whatever is asked. */
let wordPressPages: 'served' | 'ignored' = 'served';

/** Page `page` of a WordPress site's RSS feed: it names no older page, but serves it at `?paged=`. */
function wordPressPage(page: number): string {
  const items = published.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return `<rss version="2.0"><channel><title>NGO</title><link>https://ngo.example/</link><generator>https://wordpress.org/?v=6.4.2</generator>
${items.map((title) => `<item><guid isPermaLink="false">https://ngo.example/?p=${title}</guid><title>${title}</title><link>https://ngo.example/${title}/</link></item>`).join('')}</channel></rss>`;
}

function serveFeed(name: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/section') {
      // a section feed of the publisher's: its own ids for articles the main feed lists too
      const entries = sectionTitles.map(
        (title) => `<entry><id>urn:section:${title}</id><title>${title}</title><link href="https://regulator.example/${title}"/></entry>`,
      );
      return res
        .writeHead(200, { 'content-type': 'application/atom+xml' })
        .end(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Section</title>${entries.join('')}</feed>`);
    }
    if (url.pathname === '/wp/feed/') {
      const page = wordPressPages === 'served' ? Number(url.searchParams.get('paged') ?? 1) : 1;
      requests.push({ server: name, page, login: req.headers.authorization !== undefined });
      return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=UTF-8' }).end(wordPressPage(page));
    }
    const page = Number(url.searchParams.get('page') ?? 1);
    await beforePage?.(page);
    requests.push({ server: name, page, login: req.headers.authorization !== undefined });
    requestTimes.push(Date.now());
    if (brokenPages.has(page)) return res.writeHead(500, { 'content-type': 'text/plain' }).end('archive is down');
    res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomPage(page));
  };
}

/** Each test's feed publishes stories of its own, or they would be one article kept by another feed. */
let desk = '';
const titles = (count: number, from: number) => Array.from({ length: count }, (_, i) => `${desk}-story-${from + count - 1 - i}`);

beforeAll(async () => {
  database = await openScratchDatabase('postgres');
  publisher = createServer(serveFeed('publisher'));
  archive = createServer(serveFeed('archive'));
  await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
  // another origin: same address, another port
  await new Promise<void>((resolve) => archive.listen(0, '127.0.0.1', resolve));
  publisherBase = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
  archiveBase = `http://127.0.0.1:${(archive.address() as AddressInfo).port}`;
});

beforeEach(() => {
  olderPagesAt = 'publisher';
  wordPressPages = 'served';
  beforePage = null;
  brokenPages = new Set();
  requests = [];
});

afterAll(async () => {
  publisher?.close();
  archive?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

/** A feed of the publisher's (or of its WordPress site's), read once; each test's own stream. */
async function feedReadOnce(name: string, at = `/feed?${name}`) {
  const deps: PollDeps = { db: database.db, redis, streamKey: `${prefix}:${name}`, allowPrivateAddresses: true };
  desk = name;
  published = titles(PAGE_SIZE, 0);
  feedAddress = `${publisherBase}${at}`;
  const feed = await createFeed(database.db, { url: feedAddress, login: { username: 'desk', password: 'secret' } });
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: PAGE_SIZE });
  requests = [];
  requestTimes = [];
  return { feed, deps };
}

const storedTitles = async (feedId: string) =>
  (await listStories(database.db, { ...EMPTY_FILTER, feeds: [feedId] }, { limit: 200 })).stories.map((story) => story.title).sort();

test('what a feed published past its list since the last read is read from its older pages, back to the last read', async () => {
  const { feed, deps } = await feedReadOnce('caught-up');
  // 12 more than the feed lists: the first page and the next hold 10 of them, the third the last 2 and 3 known
  published = [...titles(12, PAGE_SIZE), ...published];
  // the first page's stories are on the stream before the older pages are fetched
  const streamedBeforeOlderPages: string[][] = [];
  beforePage = async (page) => {
    if (page > 1) streamedBeforeOlderPages.push((await readStories(redis, deps.streamKey, '0-0', 100)).map((entry) => entry.value.title).sort());
  };
  const outcome = await pollFeed(feed.id, deps, { manual: true });
  expect(outcome).toMatchObject({ kind: 'polled', inserted: 12, streamed: 12, olderPages: { read: 2, error: null } });
  // the first read's, and the first page's newest
  const firstPage = [...titles(PAGE_SIZE, 0), ...titles(PAGE_SIZE, 12)].sort();
  expect(streamedBeforeOlderPages).toEqual([firstPage, firstPage]);
  expect(requests.map(({ page }) => page)).toEqual([1, 2, 3]);
  expect(await storedTitles(feed.id)).toEqual(titles(17, 0).sort());
  // each is stored and streamed once
  const streamed = await readStories(redis, deps.streamKey, '0-0', 100);
  expect(streamed.map((entry) => entry.value.title).sort()).toEqual(titles(17, 0).sort());
  // nothing was missed: the feeds page does not say stories may have been
  expect(await getFeed(database.db, feed.id)).toMatchObject({ errorCount: 0, lastError: null, overflowedAt: null });

  // a read that overlaps the last lists what it should and reads no older page
  published = [...titles(2, 17), ...published];
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 2 });
  expect(requests.map(({ page }) => page)).toEqual([1, 2, 3, 1]);
});

test('a story listed again as the feed moves on while its pages are read does not end the reading', async () => {
  const { feed, deps } = await feedReadOnce('moving');
  published = [...titles(12, PAGE_SIZE), ...published];
  // one more story is published after the first page is read: the second page lists again
  // the first page's last story
  beforePage = (page) => {
    if (page === 2 && published.length === 17) published = [...titles(1, 40), ...published];
  };
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 12, olderPages: { read: 2, error: null } });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ overflowedAt: null });
  // the story published meanwhile is read at the next poll
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect(await storedTitles(feed.id)).toEqual([...titles(1, 40), ...titles(17, 0)].sort());
});

test('an older page listing articles another feed stored is not the last read reached: the reading goes on', async () => {
  const { feed, deps } = await feedReadOnce('sections');
  published = [...titles(12, PAGE_SIZE), ...published];
  // the section feed stored the articles the second page lists, before the main feed got to them
  sectionTitles = published.slice(PAGE_SIZE, 2 * PAGE_SIZE);
  const section = await createFeed(database.db, { url: `${publisherBase}/section` });
  expect(await pollFeed(section.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: PAGE_SIZE });
  requests = [];
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 7, olderPages: { read: 2, error: null } });
  expect(requests.map(({ page }) => page)).toEqual([1, 2, 3]);
  expect(await getFeed(database.db, feed.id)).toMatchObject({ overflowedAt: null });
});

test('a poll that crashed after storing the first page reads the older pages when it is tried again', async () => {
  const { feed, deps } = await feedReadOnce('crashed');
  published = [...titles(12, PAGE_SIZE), ...published];
  // Redis goes away once the first page is stored, as the older pages wait their turn
  let turns = 0;
  const failing: HostTurns = {
    take: async () => {
      if (++turns > 1) throw new Error('Connection is closed.');
      return 0;
    },
    hold: async () => {},
  };
  await expect(pollFeed(feed.id, { ...deps, hosts: failing }, { manual: true })).rejects.toThrow('Connection is closed.');
  expect(await storedTitles(feed.id)).toHaveLength(2 * PAGE_SIZE);
  // tried again: the first page's stories are this poll's, not the last read's
  requests = [];
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', olderPages: { read: 2, error: null } });
  expect(requests.map(({ page }) => page)).toEqual([1, 2, 3]);
  expect(await storedTitles(feed.id)).toEqual(titles(17, 0).sort());
  expect(await getFeed(database.db, feed.id)).toMatchObject({ overflowedAt: null, errorCount: 0 });
  // each stored story reached the stream once
  const streamed = await readStories(redis, deps.streamKey, '0-0', 100);
  expect(streamed.map((entry) => entry.value.title).sort()).toEqual(titles(17, 0).sort());
});

test('at most MAX_OLDER_PAGES older pages are read after one poll', async () => {
  const { feed, deps } = await feedReadOnce('bounded');
  published = [...titles(40, PAGE_SIZE), ...published];
  const outcome = await pollFeed(feed.id, deps, { manual: true });
  expect(outcome).toMatchObject({ kind: 'polled', inserted: PAGE_SIZE * (1 + MAX_OLDER_PAGES), olderPages: { read: MAX_OLDER_PAGES, error: null } });
  expect(requests).toHaveLength(1 + MAX_OLDER_PAGES);
  // what is older than the last page read was missed, and the feeds page says so
  expect((await getFeed(database.db, feed.id))?.overflowedAt).toBeInstanceOf(Date);
});

test('an older page that fails ends the reading, and the poll stands with what it read', async () => {
  const { feed, deps } = await feedReadOnce('broken-archive');
  published = [...titles(12, PAGE_SIZE), ...published];
  brokenPages = new Set([3]);
  const outcome = await pollFeed(feed.id, deps, { manual: true });
  expect(outcome).toMatchObject({
    kind: 'polled',
    inserted: 10,
    olderPages: { read: 1, error: expect.stringMatching(/^the page of older items could not be read: .*500.*page=3$/) },
  });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ errorCount: 0, lastError: null, lastStatus: 200 });
  // the feed's history keeps it beside the read
  expect((await listFeedPolls(database.db, feed.id))[0]).toMatchObject({
    outcome: 'read',
    newStories: 10,
    error: expect.stringMatching(/^the page of older items could not be read: .*500.*page=3$/),
  });
  expect(await storedTitles(feed.id)).toEqual([...titles(10, 7), ...titles(PAGE_SIZE, 0)].sort());
});

test('older pages on another origin get no login, and a page naming the feed itself is not read again', async () => {
  const { feed, deps } = await feedReadOnce('elsewhere');
  published = [...titles(8, PAGE_SIZE), ...published];
  olderPagesAt = 'archive';
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 8, olderPages: { read: 1 } });
  expect(requests).toEqual([
    { server: 'publisher', page: 1, login: true },
    { server: 'archive', page: 2, login: false },
  ]);

  // a "next" page that is the feed's own address was read already
  requests = [];
  published = [...titles(8, 20), ...published];
  olderPagesAt = 'self';
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: PAGE_SIZE, olderPages: { read: 0 } });
  expect(requests).toHaveLength(1);
});

test('older pages wait their turn at the host, and a host that asked to be left alone ends the reading', async () => {
  const { feed, deps } = await feedReadOnce('held');
  // two requests a second: the third page waits for the next second
  const hosts = createHostTurns(redis, { keyPrefix: `${prefix}:hosts`, perWindow: 2, windowSeconds: 1 });
  published = [...titles(12, PAGE_SIZE), ...published];
  expect(await pollFeed(feed.id, { ...deps, hosts }, { manual: true })).toMatchObject({ kind: 'polled', inserted: 12, olderPages: { read: 2, error: null } });
  expect(requests).toHaveLength(3);
  expect(requestTimes[2]! - requestTimes[0]!).toBeGreaterThan(500);

  requests = [];
  published = [...titles(12, 30), ...published];
  await hosts.hold(new URL(publisherBase).host, 120);
  // the feed itself is read as a user asked; its older pages are not read while the host is held
  expect(await pollFeed(feed.id, { ...deps, hosts }, { manual: true })).toMatchObject({
    kind: 'polled',
    inserted: PAGE_SIZE,
    olderPages: { read: 0, error: null },
  });
  expect(requests).toHaveLength(1);
});

test("a WordPress feed's older pages are read at ?paged=2, 3…; a site that answers its first page to them is not read on", async () => {
  const { feed, deps: here } = await feedReadOnce('wordpress', '/wp/feed/');
  // read on the reader's thread, as the poller reads
  const reader = new FeedReader();
  await reader.start();
  onTestFinished(() => reader.close());
  const deps = { ...here, reader };
  published = [...titles(7, PAGE_SIZE), ...published];
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 7, olderPages: { read: 1, error: null } });
  expect(requests.map(({ page }) => page)).toEqual([1, 2]);
  expect(await storedTitles(feed.id)).toEqual(titles(12, 0).sort());
  expect(await getFeed(database.db, feed.id)).toMatchObject({ overflowedAt: null });

  // a cache in front of the site answers its first page whatever page is asked: that is not
  // the last read reached, and what fell off the list was missed
  requests = [];
  wordPressPages = 'ignored';
  published = [...titles(7, 20), ...published];
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({
    kind: 'polled',
    inserted: PAGE_SIZE,
    olderPages: { read: 1, error: expect.stringMatching(/paged=2 lists only what the feed lists$/) },
  });
  expect(requests).toHaveLength(2);
  expect((await getFeed(database.db, feed.id))?.overflowedAt).toBeInstanceOf(Date);
});
