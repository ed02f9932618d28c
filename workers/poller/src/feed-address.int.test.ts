import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EMPTY_FILTER } from '@radar/core';
import { createFeed, getFeed, listStories, openScratchDatabase, toFeed, type Database } from '@radar/db';
import { FeedReader } from '@radar/feeds';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import { pollFeed, type PollDeps } from './poll-feed.ts';

// The address a feed is polled at: a web page typed instead of its feed, and a feed that moved.

const prefix = `radar-test-address-${process.pid}-${Date.now()}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let database: Database;
let server: Server;
let base: string;
/** Requests the server answered, by path. */
const requests: string[] = [];

const rss = (title: string, ...headlines: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${headlines
    .map((headline, i) => `<item><title>${headline}</title><link>https://site.example/${title}/${i}</link><guid>${title}-${i}</guid></item>`)
    .join('')}</channel></rss>`;
const page = (head: string) => `<!DOCTYPE html><html><head><title>Digital rights</title>${head}</head><body><h1>Welcome</h1></body></html>`;

/** A path longer than a feed's address may be (random, so the database could not compress it either). */
const farPath = `/far/${randomBytes(1_600).toString('base64url')}.xml`;

const routes: Record<string, { status?: number; type?: string; body?: string; location?: string }> = {
  '/site/': {
    type: 'text/html; charset=utf-8',
    body: page(
      '<link rel="alternate" type="application/rss+xml" title="Comments" href="/site/comments/feed/">' +
        '<link rel="alternate" type="application/rss+xml" title="Rights desk" href="feed/">',
    ),
  },
  '/site/feed/': { type: 'application/rss+xml', body: rss('desk', 'Regulator fines a platform over data transfers', 'Court blocks a messaging app') },
  '/site/comments/feed/': { type: 'application/rss+xml', body: rss('comments', 'Comment on: Regulator fines a platform') },
  '/bare/': { type: 'text/html', body: page('<link rel="stylesheet" href="/site.css">') },
  '/loop/': { type: 'text/html', body: page('<link rel="alternate" type="application/rss+xml" href="/loop/feed">') },
  '/loop/feed': { type: 'text/html', body: page('<link rel="alternate" type="application/rss+xml" href="/elsewhere">') },
  '/desk.xml': { type: 'application/rss+xml', body: rss('desk-only', 'Parliament debates a platform levy') },
  '/twin/': { type: 'text/html', body: page('<link rel="alternate" type="application/atom+xml" href="/twin.xml">') },
  '/twin.xml': { type: 'application/rss+xml', body: rss('twin', 'Ministry publishes AI rules') },
  '/old.xml': { status: 301, location: '/older-step' },
  '/older-step': { status: 308, location: '/new.xml' },
  '/new.xml': { type: 'application/rss+xml', body: rss('moved', 'Senate passes a privacy bill') },
  '/for-now.xml': { status: 302, location: '/for-now-target.xml' },
  '/for-now-target.xml': { type: 'application/rss+xml', body: rss('for-now', 'Court reviews a surveillance law') },
  '/gone-to-twin.xml': { status: 301, location: '/twin.xml' },
  '/retired.xml': { status: 410, type: 'text/plain', body: 'This feed has been retired.' },
  '/missing.xml': { status: 404, type: 'text/plain', body: 'Not found' },
  '/walled.xml': { status: 403, type: 'text/html', body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="https://challenges.cloudflare.com/x.js"></script></body></html>' },
  '/news/rss': { status: 302, location: '/v2/collectConsent?sessionId=3_cc-session' },
  '/v2/collectConsent?sessionId=3_cc-session': { type: 'text/html', body: page('<link rel="alternate" type="application/rss+xml" href="/privacy/feed">') },
  '/moved-far.xml': { status: 301, location: farPath },
  [farPath]: { type: 'application/rss+xml', body: rss('far', 'Regulator consults on app store rules') },
  '/far-site/': {
    type: 'text/html',
    body: page(`<link rel="alternate" type="application/rss+xml" href="${farPath}"><link rel="alternate" type="application/atom+xml" href="/near.xml">`),
  },
  '/near.xml': { type: 'application/rss+xml', body: rss('near', 'Ministry drafts a platform levy') },
  '/blog/feed/': { type: 'text/html', body: page('<meta http-equiv="refresh" content="0; url=/journal/feed.xml">') },
  '/journal/feed.xml': { type: 'application/rss+xml', body: rss('journal', 'Regulator opens an inquiry into app stores') },
  '/walled-200/': { type: 'text/html', body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>' },
};

beforeAll(async () => {
  database = await openScratchDatabase('postgres');
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (!route) return res.writeHead(404).end('not found');
    if (route.location) return res.writeHead(route.status!, { location: route.location }).end();
    res.writeHead(route.status ?? 200, { 'content-type': route.type! }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

/**
 * A site of its own (the common feed addresses are tried at a site's root), answering with
 * `answer` (path to status, type and body; anything else is 404) for the length of `use`;
 * the paths it was asked for are kept in order.
 */
async function withSite(answer: Record<string, { type: string; body: string | Buffer; encoding?: string }>, use: (origin: string, seen: string[]) => Promise<void>): Promise<void> {
  const seen: string[] = [];
  const site = createServer((req, res) => {
    seen.push(req.url ?? '');
    const found = answer[req.url ?? ''];
    if (found) res.writeHead(200, { 'content-type': found.type, ...(found.encoding ? { 'content-encoding': found.encoding } : {}) }).end(found.body);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(site.address() as AddressInfo).port}`, seen);
  } finally {
    site.close();
  }
}

const deps = (): PollDeps => ({ db: database.db, redis, streamKey: `${prefix}:stories`, allowPrivateAddresses: true });
const storiesOf = async (feedId: string) =>
  (await listStories(database.db, EMPTY_FILTER, { limit: 100 })).stories.filter((story) => story.source.feedId === feedId).map((story) => story.title);

test("a site's page becomes the feed it announces (its own, not the comments), read in the same poll", async () => {
  const feed = await createFeed(database.db, { url: `${base}/site/` });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', items: 2, inserted: 2 });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${base}/site/feed/`, title: 'desk', lastStatus: 200, lastError: null, errorCount: 0 });
  // the page it was found on, and the other feed the page announces, are kept for the user
  expect(toFeed((await getFeed(database.db, feed.id))!).foundOn).toEqual({
    page: `${base}/site/`,
    others: [{ url: `${base}/site/comments/feed/`, title: 'Comments' }],
  });
  expect((await storiesOf(feed.id)).sort()).toEqual(['Court blocks a messaging app', 'Regulator fines a platform over data transfers']);
  // from now on the feed itself is polled
  requests.length = 0;
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'not-modified' });
  expect(requests).toEqual(['/site/feed/']);
});

test('a feed that moved and left a page that refreshes to its new address is read there, in the same poll', async () => {
  const feed = await createFeed(database.db, { url: `${base}/blog/feed/` });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', items: 1, inserted: 1 });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${base}/journal/feed.xml`, title: 'journal', lastError: null });
  expect(await storiesOf(feed.id)).toEqual(['Regulator opens an inquiry into app stores']);
});

test('a feed read before that answers a web page now (an outage page) keeps its address, and says what the page announces', async () => {
  const feed = await createFeed(database.db, { url: `${base}/desk.xml` });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  const saved = routes['/desk.xml']!;
  routes['/desk.xml'] = routes['/site/']!;
  try {
    expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({
      kind: 'failed',
      error: `not a feed: an HTML page (the page announces ${base}/feed/)`,
    });
    expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${base}/desk.xml`, errorCount: 1 });
  } finally {
    routes['/desk.xml'] = saved;
  }
  // the feed back as it was: the same document as before the outage, so nothing to read again
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'not-modified' });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${base}/desk.xml`, errorCount: 0, lastError: null });
});

test('a page that announces no feed fails saying so; a page whose feed is a page again is not followed further', async () => {
  const bare = await createFeed(database.db, { url: `${base}/bare/` });
  expect(await pollFeed(bare.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', error: expect.stringMatching(/web page that announces no feed/) });
  expect(await getFeed(database.db, bare.id)).toMatchObject({ url: `${base}/bare/`, errorCount: 1, lastError: expect.stringMatching(/announces no feed/) });

  const loop = await createFeed(database.db, { url: `${base}/loop/` });
  requests.length = 0;
  expect(await pollFeed(loop.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', error: `not a feed: an HTML page (the feed announced by ${base}/loop/)` });
  expect(requests).toEqual(['/loop/', '/loop/feed']);
  expect(await getFeed(database.db, loop.id)).toMatchObject({ url: `${base}/loop/feed`, errorCount: 1 });
});

test('a page whose feed is already watched is paused with the reason, and stores nothing twice', async () => {
  const twin = await createFeed(database.db, { url: `${base}/twin.xml` });
  expect(await pollFeed(twin.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  const page = await createFeed(database.db, { url: `${base}/twin/` });
  expect(await pollFeed(page.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', paused: true });
  expect(await getFeed(database.db, page.id)).toMatchObject({
    url: `${base}/twin/`,
    enabled: false,
    pausedReason: `this web page's feed, ${base}/twin.xml, is already watched ("twin")`,
  });
  expect(await storiesOf(page.id)).toEqual([]);

  // the same when a feed moves for good to an address already watched
  const gone = await createFeed(database.db, { url: `${base}/gone-to-twin.xml` });
  expect(await pollFeed(gone.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', paused: true });
  expect(await getFeed(database.db, gone.id)).toMatchObject({ enabled: false, pausedReason: expect.stringMatching(/moved to .*\/twin\.xml, which is already watched/) });
  expect(await storiesOf(gone.id)).toEqual([]);
});

test('a feed moved for good (301, then 308) is polled at its new address; a temporary move (302) keeps its address', async () => {
  const moved = await createFeed(database.db, { url: `${base}/old.xml` });
  expect(await pollFeed(moved.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect((await getFeed(database.db, moved.id))!.url).toBe(`${base}/new.xml`);
  requests.length = 0;
  expect(await pollFeed(moved.id, deps(), { manual: true })).toMatchObject({ kind: 'not-modified' });
  expect(requests).toEqual(['/new.xml']);

  const forNow = await createFeed(database.db, { url: `${base}/for-now.xml` });
  expect(await pollFeed(forNow.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect((await getFeed(database.db, forNow.id))!.url).toBe(`${base}/for-now.xml`);
});

test('an address too long to keep is never moved to: a feed redirected there is read through the redirect, a page announcing it gives its next feed', async () => {
  const redirected = await createFeed(database.db, { url: `${base}/moved-far.xml` });
  expect(await pollFeed(redirected.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect((await getFeed(database.db, redirected.id))!.url).toBe(`${base}/moved-far.xml`);
  const site = await createFeed(database.db, { url: `${base}/far-site/` });
  expect(await pollFeed(site.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect((await getFeed(database.db, site.id))!.url).toBe(`${base}/near.xml`);
});

test('a feed the publisher says is gone for good (410) is paused at once; one not found (404) is retried', async () => {
  const retired = await createFeed(database.db, { url: `${base}/retired.xml` });
  expect(await pollFeed(retired.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', status: 410, paused: true });
  expect(await getFeed(database.db, retired.id)).toMatchObject({
    enabled: false,
    nextPollAt: null,
    pausedReason: `the publisher retired the feed: gone for good (HTTP 410) from ${base}/retired.xml`,
  });
  const missing = await createFeed(database.db, { url: `${base}/missing.xml` });
  expect(await pollFeed(missing.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', status: 404, paused: false });
  expect(await getFeed(database.db, missing.id)).toMatchObject({ enabled: true, pausedReason: null, errorCount: 1 });
});

test('a page that names no feed: the addresses publishing systems use are tried, and the first real feed is taken', async () => {
  const html = (body: string) => ({ type: 'text/html', body });
  const site = {
    '/': html(page('<link rel="stylesheet" href="/s.css">')),
    // a page about RSS is not a feed
    '/rss': html(page('<meta name="description" content="Our RSS feeds">')),
    '/rss.xml': { type: 'application/rss+xml', body: rss('ministry', 'Ministry consults on platform rules') },
  };
  await withSite(site, async (origin, seen) => {
    const feed = await createFeed(database.db, { url: `${origin}/` });
    expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
    expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${origin}/rss.xml`, foundOn: `${origin}/`, alsoAnnounced: [] });
    expect(seen).toEqual(['/', '/feed', '/rss', '/rss.xml', '/rss.xml']);
  });
});

test('the addresses tried for a page that names no feed are read on the reader thread, within its deadline', async () => {
  // a feed whose summary takes seconds to read: passed over once the deadline is up, and the next address taken
  const slow = `<rss version="2.0"><channel><title>Slow</title><item><title>One</title><link>https://slow.example/1</link><description>${'&lt;p&gt;Regulators &lt;b&gt;fine&lt;/b&gt; a platform.&lt;/p&gt;'.repeat(120_000)}</description></item></channel></rss>`;
  const site = {
    '/': { type: 'text/html', body: page('') },
    '/feed': { type: 'application/rss+xml', body: slow },
    '/rss.xml': { type: 'application/rss+xml', body: rss('agency', 'Agency opens an inquiry into app store rules') },
  };
  const reader = new FeedReader({ deadlineMs: 500 });
  try {
    await reader.start();
    await withSite(site, async (origin, seen) => {
      const feed = await createFeed(database.db, { url: `${origin}/` });
      expect(await pollFeed(feed.id, { ...deps(), reader }, { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
      expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${origin}/rss.xml` });
      expect(seen).toEqual(['/', '/feed', '/rss', '/rss.xml', '/rss.xml']);
    });
  } finally {
    await reader.close();
  }
});

test("a ministry that publishes no feed but a Google News sitemap is read from it, each entry a dated story", async () => {
  const sitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://ministry.example/press/a</loc><news:news><news:publication><news:name>Ministry of Digital Affairs</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-30T08:00:00Z</news:publication_date><news:title>Ministry consults on age verification for app stores</news:title></news:news></url>
    <url><loc>https://ministry.example/press/b</loc><news:news><news:publication><news:name>Ministry of Digital Affairs</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-29T15:30:00Z</news:publication_date><news:title>Minister meets platform representatives on election integrity</news:title></news:news></url>
  </urlset>`;
  const site = { '/': { type: 'text/html', body: page('') }, '/sitemap-news.xml': { type: 'application/xml', body: sitemap } };
  await withSite(site, async (origin) => {
    const feed = await createFeed(database.db, { url: `${origin}/` });
    expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 2 });
    expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${origin}/sitemap-news.xml`, title: 'Ministry of Digital Affairs', lastItems: 2 });
    const stories = (await listStories(database.db, EMPTY_FILTER, { limit: 50 })).stories.filter((story) => story.source.feedId === feed.id);
    expect(stories.map((story) => [story.title, story.url, story.publishedAt])).toEqual([
      ['Ministry consults on age verification for app stores', 'https://ministry.example/press/a', '2026-11-30T08:00:00.000Z'],
      ['Minister meets platform representatives on election integrity', 'https://ministry.example/press/b', '2026-11-29T15:30:00.000Z'],
    ]);
  });
});

test('a news sitemap kept gzipped (.xml.gz), and a feed gzipped twice by a server that also compresses in transit, are read', async () => {
  const sitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://ministry.example/press/c</loc><news:news><news:publication><news:name>Ministry of Justice</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-30T08:00:00Z</news:publication_date><news:title>Ministry drafts rules on encrypted messaging</news:title></news:news></url></urlset>`;
  const site = {
    '/news-sitemap.xml.gz': { type: 'application/x-gzip', body: gzipSync(sitemap) },
    '/twice.xml': { type: 'application/rss+xml', encoding: 'gzip', body: gzipSync(gzipSync(rss('twice', 'Court hears a challenge to a data retention law'))) },
  };
  await withSite(site, async (origin) => {
    const packed = await createFeed(database.db, { url: `${origin}/news-sitemap.xml.gz` });
    expect(await pollFeed(packed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
    expect(await storiesOf(packed.id)).toEqual(['Ministry drafts rules on encrypted messaging']);
    const twice = await createFeed(database.db, { url: `${origin}/twice.xml` });
    expect(await pollFeed(twice.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
    expect(await storiesOf(twice.id)).toEqual(['Court hears a challenge to a data retention law']);
  });
});

test("a news sitemap at an address of the site's own, named in its robots.txt, is found there", async () => {
  const sitemap = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://paper.example/a</loc><news:news><news:publication><news:name>Paper</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-11-30T08:00:00Z</news:publication_date><news:title>Regulator opens inquiry into a search engine</news:title></news:news></url></urlset>`;
  const site = {
    '/': { type: 'text/html', body: page('') },
    '/robots.txt': {
      type: 'text/plain',
      body: 'User-agent: *\nDisallow: /admin\nSitemap: /sitemaps/pages.xml\nsitemap:/sitemaps/google-news.xml\nSitemap: javascript:alert(1)//news\n',
    },
    '/sitemaps/google-news.xml': { type: 'application/xml', body: sitemap },
  };
  await withSite(site, async (origin, seen) => {
    const feed = await createFeed(database.db, { url: `${origin}/` });
    expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
    expect((await getFeed(database.db, feed.id))?.url).toBe(`${origin}/sitemaps/google-news.xml`);
    // the sitemap of pages is not tried: its address does not say news
    expect(seen.filter((path) => path.startsWith('/sitemaps/'))).toEqual(['/sitemaps/google-news.xml', '/sitemaps/google-news.xml']);
  });
});

test("a site's bot protection answering instead of the feed is named, and no other address is tried", async () => {
  for (const path of ['/walled.xml', '/walled-200/']) {
    const feed = await createFeed(database.db, { url: `${base}${path}` });
    const before = requests.length;
    const outcome = await pollFeed(feed.id, deps(), { manual: true });
    expect(outcome).toMatchObject({ kind: 'failed', error: expect.stringContaining("the site's bot protection (Cloudflare) answered with a challenge for browsers instead of the feed") });
    expect(requests.slice(before)).toEqual([path]);
  }
});

test("a feed that sends readers to its cookie-consent page is named so, and no other address is tried", async () => {
  const feed = await createFeed(database.db, { url: `${base}/news/rss` });
  const before = requests.length;
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({
    kind: 'failed',
    error: expect.stringContaining('the site sent the feed reader to its cookie-consent page (127.0.0.1) instead of the feed'),
  });
  // neither the feed the consent page announces nor the site's common addresses
  expect(requests.slice(before)).toEqual(['/news/rss', '/v2/collectConsent?sessionId=3_cc-session']);
  expect((await getFeed(database.db, feed.id))?.url).toBe(`${base}/news/rss`);
});
