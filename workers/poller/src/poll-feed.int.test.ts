import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EMPTY_FILTER, MAX_ITEMS_READ_PER_DOCUMENT } from '@radar/core';
import { countStories, createFeed, getFeed, heldWebSubscription, listFeedPolls, listStories, openScratchDatabase, updateFeed, type Database, type FeedRow } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix, readStories, readStoryEntry } from '@radar/jobs';
import { FeedReader } from '@radar/feeds';
import { ClusterWindow } from './cluster-window.ts';
import { createHostTurns } from './host-turns.ts';
import { FLOOD_STORIES_PER_HOUR, pollFeed, type PollDeps } from './poll-feed.ts';

const prefix = `radar-test-poll-${process.pid}-${Date.now()}`;
const streamKey = `${prefix}:stories`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let database: Database;
let server: Server;
let feedUrl: string;
/** The document the second test's feed serves; the test edits it between polls. */
let editedDocument = '';
/** The Content-Type that document is sent with. */
let editedType = 'application/rss+xml';

/** A feed whose one item's description is 8 MB of HTML: a second or more of reading, past the deadline its test gives. */
const endlessDocument = () =>
  `<rss version="2.0"><channel><title>Endless</title><item><title>One</title><link>https://endless.example/1</link><description>${'&lt;p&gt;Regulators &lt;b&gt;fine&lt;/b&gt; a platform.&lt;/p&gt;'.repeat(120_000)}</description></item></channel></rss>`;

/** The subscription requests the local hub took, as forms. */
const hubRequests: URLSearchParams[] = [];
const jsonFeedWithHub = () => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Pushed Desk',
    feed_url: `${base}/hubbed.json`,
    hubs: [{ type: 'WebSub', url: `${base}/hub` }],
    // markup in a JSON Feed's text announces nothing
    items: [{ id: '1', url: 'https://desk.example/1', title: 'Regulator opens a platform inquiry', content_html: '<link rel="hub" href="https://elsewhere.example/hub">' }],
  });
};

const items = ['Ofcom fines a video platform', 'Brazil court orders X to pay', 'India blocks 40 apps']
  .map((title, i) => `<item><title>${title}</title><link>https://news.example/${i}</link><guid>g-${i}</guid></item>`)
  .join('');

beforeAll(async () => {
  database = await openScratchDatabase('postgres');
  server = createServer((req, res) => {
    if (req.url === '/hub') {
      let form = '';
      req.on('data', (chunk: Buffer) => (form += chunk.toString()));
      req.on('end', () => {
        hubRequests.push(new URLSearchParams(form));
        res.writeHead(202).end();
      });
      return;
    }
    if (req.url === '/endless.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(endlessDocument());
    if (req.url === '/hubbed.json') return res.writeHead(200, { 'content-type': 'application/feed+json' }).end(jsonFeedWithHub());
    if (req.url === '/limited.xml') return res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' }).end('slow down');
    if (req.url === '/cached-forever.xml') {
      return res.writeHead(200, { 'cache-control': 'max-age=99999999999999', 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>Cached</title>${items}</channel></rss>`);
    }
    if (req.url === '/forever.xml') return res.writeHead(503, { 'retry-after': '99999999999999', 'content-type': 'text/plain' }).end('come back in three million years');
    const body = req.url?.startsWith('/edited.xml') ? editedDocument : `<rss version="2.0"><channel><title>Wire</title>${items}</channel></rss>`;
    res.writeHead(200, { 'content-type': req.url?.startsWith('/edited.xml') ? editedType : 'application/rss+xml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
});

afterAll(async () => {
  server?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

test('a poll that crashes after storing is retried: every story reaches the stream once, stored once', async () => {
  const feed = await createFeed(database.db, { url: feedUrl });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true, clusters: new ClusterWindow() };
  const broken = redis.duplicate();
  await broken.quit();
  // the stream is out of reach: the stories are stored, not streamed, and the job fails
  await expect(pollFeed(feed.id, { ...deps, redis: broken }, { manual: true })).rejects.toThrow();
  expect(await countStories(database.db)).toBe(3);
  expect(await countStories(database.db, { streamedOnly: true })).toBe(0);
  // the feed says so meanwhile, rather than look healthy
  expect(await getFeed(database.db, feed.id)).toMatchObject({ errorCount: 1, lastError: expect.stringMatching(/^the poll failed: /) });
  expect((await listFeedPolls(database.db, feed.id))[0]).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^the poll failed: /) });

  // the retry gets the same document (not read again: nothing new to store) and streams what
  // the crash left behind
  expect(await pollFeed(feed.id, deps, { manual: true })).toEqual({ kind: 'not-modified', streamed: 3 });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ errorCount: 0, lastError: null });
  expect(await pollFeed(feed.id, deps, { manual: true })).toEqual({ kind: 'not-modified', streamed: 0 });
  const streamed = await readStories(redis, streamKey, '0-0', 10);
  expect(streamed.map((e) => e.value.title).sort()).toEqual(['Brazil court orders X to pay', 'India blocks 40 apps', 'Ofcom fines a video platform']);
  expect(await countStories(database.db)).toBe(3);
  // undated, and in the feed when it was first read: each entry still says so after the crash
  const entries = (await redis.xrange(streamKey, '-', '+')).map(([, fields]) => readStoryEntry(fields));
  expect(entries.map((entry) => [entry.story?.title, entry.backCatalogue]).sort()).toEqual([
    ['Brazil court orders X to pay', true],
    ['India blocks 40 apps', true],
    ['Ofcom fines a video platform', true],
  ]);
  // each went out with the event it was assigned before the crash, and its row says the same
  const stored = await listStories(database.db, EMPTY_FILTER, { limit: 10 });
  for (const { value } of streamed) {
    expect(value.clusterId).toBe(value.id);
    expect(stored.stories.find((story) => story.id === value.id)?.clusterId).toBe(value.id);
  }
});

test('stories a crashed poll stored reach the stream when the next poll finds the feed broken', async () => {
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?left-behind') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  editedDocument = `<rss version="2.0"><channel><title>Left behind</title><item><title>Regulator opens an inquiry into ad tracking</title><link>https://left.example/1</link></item></channel></rss>`;
  const broken = redis.duplicate();
  await broken.quit();
  await expect(pollFeed(feed.id, { ...deps, redis: broken }, { manual: true })).rejects.toThrow();
  editedDocument = '<html><body>Down for maintenance</body></html>';
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'failed' });
  const streamed = await readStories(redis, streamKey, '0-0', 100);
  expect(streamed.filter((entry) => entry.value.source.feedId === feed.id).map((entry) => entry.value.title)).toEqual(['Regulator opens an inquiry into ad tracking']);
});

test('a pushed document that arrived before the read that corrected a story, and is read after it, undoes nothing', async () => {
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?corrected') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  const document = (title: string) => `<rss version="2.0"><channel><title>Corrections</title><item><title>${title}</title><link>https://corrections.example/1</link><guid>c-1</guid></item></channel></rss>`;
  editedDocument = document('Regulator fines platfrom');
  await pollFeed(feed.id, deps, { manual: true });
  editedDocument = document('Regulator fines platform');
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', updated: 1 });
  // a push of the first version, held up in the queue a minute (retried, say), is read now
  const pushed = { body: new TextEncoder().encode(document('Regulator fines platfrom')), contentType: 'application/rss+xml', ageMs: 60_000 };
  expect(await pollFeed(feed.id, deps, { pushed })).toMatchObject({ kind: 'polled', updated: 0 });
  const titles = (await listStories(database.db, EMPTY_FILTER, { limit: 100 })).stories.filter((story) => story.source.feedId === feed.id).map((story) => story.title);
  expect(titles).toEqual(['Regulator fines platform']);
  // a push that arrived after the correction is taken
  expect(await pollFeed(feed.id, deps, { pushed: { ...pushed, body: new TextEncoder().encode(document('Regulator fines platform €5m')), ageMs: 0 } })).toMatchObject({ updated: 1 });
});

test("articles pushed one at a time under the site's home page as guid are stories of their own, not corrections of each other", async () => {
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?home-guid') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  const push = (slug: string, title: string) => ({
    body: new TextEncoder().encode(
      `<rss version="2.0"><channel><title>Agency</title><item><title>${title}</title><link>https://agency.example/press/${slug}</link><guid>https://agency.example/</guid></item></channel></rss>`,
    ),
    contentType: 'application/rss+xml',
  });
  expect(await pollFeed(feed.id, deps, { pushed: push('a', 'Agency opens an inquiry into app stores') })).toMatchObject({ inserted: 1 });
  expect(await pollFeed(feed.id, deps, { pushed: push('b', 'Agency fines a messaging service') })).toMatchObject({ inserted: 1, updated: 0 });
  const titles = (await listStories(database.db, EMPTY_FILTER, { limit: 100 })).stories.filter((story) => story.source.feedId === feed.id).map((story) => story.title);
  expect(titles.sort()).toEqual(['Agency fines a messaging service', 'Agency opens an inquiry into app stores']);
});

test('a feed polled again stores and detects only what is new or changed', async () => {
  const item = (guid: string, title: string, link: string) => `<item><guid>${guid}</guid><title>${title}</title><link>${link}</link><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item>`;
  const serve = (...entries: string[]) => {
    editedDocument = `<rss version="2.0"><channel><title>Desk</title>${entries.join('')}</channel></rss>`;
  };
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true, clusters: new ClusterWindow() };
  const ofcom = item('a', 'Ofcom fines a video platform', 'https://desk.example/a');
  const court = item('b', 'Court orders a platform to pay', 'https://desk.example/b');
  serve(ofcom, court);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 2, unchanged: 0, inserted: 2, updated: 0 });
  // the server sends no validators: the same bytes again count as not modified, and are not read
  expect(await pollFeed(feed.id, deps, { manual: true })).toEqual({ kind: 'not-modified', streamed: 0 });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ lastStatus: 200, lastBytes: Buffer.byteLength(editedDocument), lastItems: 2, errorCount: 0 });
  // the same bytes sent as another charset may read otherwise: read again, here to no change
  editedType = 'application/rss+xml; charset=windows-1252';
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 2, unchanged: 2 });
  editedType = 'application/rss+xml';
  // the same items in another order are another document: read, and every item found unchanged
  serve(court, ofcom);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 2, unchanged: 2, inserted: 0, updated: 0, streamed: 0 });

  // a corrected headline is detected again and updates its row; a new guid on the same
  // article is the same story, unchanged
  serve(item('a2', 'Ofcom fines a video platform', 'https://desk.example/a'), item('b', 'Brazil court orders a platform to pay', 'https://desk.example/b'));
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 2, unchanged: 1, inserted: 0, updated: 1 });
  const stored = (await listStories(database.db, EMPTY_FILTER, { limit: 50 })).stories.filter((story) => story.source.feedId === feed.id);
  expect(stored.map((story) => [story.title, story.countries])).toEqual(
    expect.arrayContaining([
      ['Brazil court orders a platform to pay', ['BR']],
      ['Ofcom fines a video platform', ['GB']],
    ]),
  );
  expect(stored).toHaveLength(2);

  // an item listed twice keeps its first listing, as it is stored: nothing changes
  serve(ofcom, item('a', 'Ofcom fines a video platform again', 'https://desk.example/a'), item('b', 'Brazil court orders a platform to pay', 'https://desk.example/b'));
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 3, unchanged: 3, inserted: 0, updated: 0 });

  // a site that lists every link, and makes every guid, with a new session at each poll
  const session = (id: string) => item(`https://desk.example/c;jsessionid=${id}`, 'Ministry opens a consultation on platform rules', `https://desk.example/c;jsessionid=${id}`);
  serve(session('8F3A2C9D'));
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  // the same story, its link now the one with the current session
  serve(session('0B71E4AA'));
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 1, inserted: 0, updated: 1, streamed: 0 });
  const consultations = (await listStories(database.db, EMPTY_FILTER, { limit: 50 })).stories.filter((story) => story.title.startsWith('Ministry opens'));
  expect(consultations.map((story) => story.url)).toEqual(['https://desk.example/c;jsessionid=0B71E4AA']);
});

test('short undated posts on one page, each linked by its own anchor, are stories of their own, dated when first seen; a tracking fragment is not', async () => {
  const post = (anchor: string, title: string) =>
    `<item><guid>https://blog.example/2026/11/30.html#${anchor}</guid><title>${title}</title><link>https://blog.example/2026/11/30.html#${anchor}</link></item>`;
  editedDocument = `<rss version="2.0"><channel><title>Day page</title>${post('a0800', 'Senate hearing on encryption')}${post('a0930', 'A note on app store fees')}${post('a1000', 'Regulator opens a consultation')}</channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?day') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true, clusters: new ClusterWindow() };
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 3, inserted: 3 });

  const ofFeed = async () => (await listStories(database.db, EMPTY_FILTER, { limit: 50 })).stories.filter((story) => story.source.feedId === feed.id);
  const firstSeen = new Map((await ofFeed()).map((story) => [story.title, story.publishedAt]));
  // listed newest first as the feed lists them, though none says when it was published
  expect([...firstSeen.keys()]).toEqual(['Senate hearing on encryption', 'A note on app store fees', 'Regulator opens a consultation']);
  // the posts carry no dates: the feed is polled at its own interval, not as if it published every second
  expect((await getFeed(database.db, feed.id))!.pollIntervalSeconds).toBe(feed.intervalSeconds);

  // a fourth post later that day is new; the others stay as they were, dated when first seen
  editedDocument = editedDocument.replace('<title>Day page</title>', `<title>Day page</title>${post('a1200', 'Court blocks a messaging app')}`);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 4, unchanged: 3, inserted: 1, updated: 0 });
  const stored = await ofFeed();
  expect(stored.map((story) => story.title).sort()).toEqual([
    'A note on app store fees',
    'Court blocks a messaging app',
    'Regulator opens a consultation',
    'Senate hearing on encryption',
  ]);
  for (const [title, publishedAt] of firstSeen) expect(stored.find((story) => story.title === title)!.publishedAt).toBe(publishedAt);

  // an article under a new guid, linked with a tracking fragment, is the story already stored
  // (its link changed, so the stored story takes the new one)
  const article = (guid: string, link: string) =>
    `<rss version="2.0"><channel><title>Day page</title><item><guid>${guid}</guid><title>Regulator fines a platform</title><link>${link}</link></item></channel></rss>`;
  editedDocument = article('first-guid', 'https://blog.example/2026/11/30/fine.html');
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 1, inserted: 1 });
  editedDocument = article('new-guid', 'https://blog.example/2026/11/30/fine.html#xtor=RSS-3');
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 1, inserted: 0, updated: 1 });
  expect(await ofFeed()).toHaveLength(5);
});

test("an article two of a publisher's feeds list is one story, kept by the feed that found it first, streamed once", async () => {
  const entry = (guid: string, title: string, path: string, site = 'https://paper.example') =>
    `<item><guid>${guid}</guid><title>${title}</title><link>${site}${path}?utm_source=rss</link></item>`;
  const shared = entry('world-77', 'Regulator fines a platform over data transfers', '/2026/11/30/fine');
  editedDocument = `<rss version="2.0"><channel><title>World</title>${shared}</channel></rss>`;
  const world = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?section=world') });
  const technology = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?section=technology') });
  const deps: PollDeps = { db: database.db, redis, streamKey: `${prefix}:sections`, allowPrivateAddresses: true, clusters: new ClusterWindow() };
  expect(await pollFeed(world.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 1, elsewhere: 0 });
  // the technology feed lists the same article (under its own guid, and at the site's old
  // address, http://www.) and one of its own
  editedDocument = `<rss version="2.0"><channel><title>Technology</title>${entry('tech-12', 'Regulator fines a platform over data transfers', '/2026/11/30/fine', 'http://www.paper.example')}${entry('tech-13', 'Chip export rules tightened', '/2026/11/30/chips')}</channel></rss>`;
  expect(await pollFeed(technology.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 2, inserted: 1, elsewhere: 1, unchanged: 0, streamed: 1 });
  const streamed = await readStories(redis, `${prefix}:sections`, '0-0', 10);
  expect(streamed.map((e) => [e.value.title, e.value.source.feedId])).toEqual([
    ['Regulator fines a platform over data transfers', world.id],
    ['Chip export rules tightened', technology.id],
  ]);
});

test("a feed that declares no language has each new story's language read from its words", async () => {
  editedDocument = `<rss version="2.0"><channel><title>Sans langue</title>
    <item><guid>fr-1</guid><title>La CNIL inflige une amende à un réseau social</title><link>https://sans-langue.example/1</link>
    <description>Le régulateur reproche à la plateforme d'avoir conservé les données des utilisateurs sans leur accord.</description></item>
    <item><guid>de-1</guid><title>Bundesnetzagentur prüft neue Regeln für Messenger-Dienste</title><link>https://sans-langue.example/2</link></item>
  </channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?undeclared') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 2 });
  const stored = (await listStories(database.db, EMPTY_FILTER, { limit: 100 })).stories.filter((story) => story.source.feedId === feed.id);
  expect(stored.map((story) => [story.lang, story.countries]).sort()).toEqual([
    ['de', ['DE']],
    ['fr', ['FR']],
  ]);
});

test('a feed that published more than it lists between two polls is marked, and polled more often', async () => {
  const listing = (...ids: number[]) =>
    `<rss version="2.0"><channel><title>Busy wire</title>${ids
      .map((id) => `<item><guid>busy-${id}</guid><title>Busy wire story ${id}</title><link>https://busy.example/${id}</link></item>`)
      .join('')}</channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?busy') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  editedDocument = listing(3, 2, 1);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 3 });
  // one new story, two seen before: as usual
  editedDocument = listing(4, 3, 2);
  await pollFeed(feed.id, deps, { manual: true });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ overflowedAt: null, pollIntervalSeconds: 300 });
  // three new, none seen before: stories 5 and 6 came and went between the polls
  editedDocument = listing(9, 8, 7);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 3 });
  const marked = (await getFeed(database.db, feed.id))!;
  expect(marked.overflowedAt).not.toBeNull();
  expect(marked.pollIntervalSeconds).toBe(75);
  // back to its pace once the lists overlap again; when it overflowed stays on record
  editedDocument = listing(10, 9, 8);
  await pollFeed(feed.id, deps, { manual: true });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ overflowedAt: marked.overflowedAt, pollIntervalSeconds: 300 });
});

test("each poll is kept in the feed's history, newest first: what it read, what it found unchanged, why it failed", async () => {
  const listing = (...ids: number[]) =>
    `<rss version="2.0"><channel><title>Ministry</title>${ids
      .map((id) => `<item><guid>ministry-${id}</guid><title>Ministry notice ${id}</title><link>https://ministry.example/${id}</link></item>`)
      .join('')}</channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?history') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  editedDocument = listing(2, 1);
  await pollFeed(feed.id, deps, { manual: true });
  // the same bytes: not read again
  await pollFeed(feed.id, deps, { manual: true });
  // a maintenance page where the feed was
  editedDocument = '<html><body>Down for maintenance</body></html>';
  editedType = 'text/html';
  await pollFeed(feed.id, deps, { manual: true });
  editedType = 'application/rss+xml';
  // back, one notice more and one corrected
  editedDocument = listing(3, 2, 1).replace('Ministry notice 1<', 'Ministry notice 1, corrected<');
  await pollFeed(feed.id, deps, { manual: true });

  const polls = await listFeedPolls(database.db, feed.id);
  expect(polls.map((poll) => [poll.outcome, poll.status, poll.items, poll.newStories, poll.updatedStories])).toEqual([
    ['read', 200, 3, 1, 1],
    ['failed', 200, null, 0, 0],
    ['unchanged', 200, null, 0, 0],
    ['read', 200, 2, 2, 0],
  ]);
  expect(polls[1]!.error).toMatch(/^not a feed/);
  expect(polls[1]!.bytes).toBe(Buffer.byteLength('<html><body>Down for maintenance</body></html>'));
  expect(polls[3]!.bytes).toBe(Buffer.byteLength(listing(2, 1)));
  expect(polls.every((poll) => !poll.pushed && poll.latencyMs !== null && poll.latencyMs >= 0)).toBe(true);
  expect(Date.parse(polls[0]!.at)).toBeGreaterThanOrEqual(Date.parse(polls[3]!.at));
  // the feed's own row says the same as its newest poll
  expect((await getFeed(database.db, feed.id))!.lastFetchAt!.toISOString()).toBe(polls[0]!.at);
});

test('control characters in a feed, U+0000 among them, which PostgreSQL cannot store, neither lose a story nor the record of a failure', async () => {
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?control') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  editedType = 'application/feed+json';
  editedDocument = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Regulator\u0000',
    items: [{ id: 'notice-\u00001', url: 'https://regulator.example/notice-1', title: 'Consultation on\u0000 age checks', content_text: 'Ope\u0000n until May.' }],
  });
  await pollFeed(feed.id, deps, { manual: true });
  const stored = await listStories(database.db, { ...EMPTY_FILTER, feeds: [feed.id] }, { limit: 5 });
  expect(stored.stories.map((story) => [story.title, story.summary])).toEqual([['Consultation on age checks', 'Open until May.']]);

  // no feed at all, and the reader's error quotes the bytes where it stopped
  editedDocument = '{"version": "https://jsonfeed.org/version/1.1", "items": [\u0000\u0007]}';
  await pollFeed(feed.id, deps, { manual: true });
  editedType = 'application/rss+xml';
  const [failed] = await listFeedPolls(database.db, feed.id);
  expect(failed).toMatchObject({ outcome: 'failed', status: 200 });
  expect(failed!.error).toMatch(/^invalid JSON feed/);
  expect(failed!.error).not.toMatch(/[\u0000-\u0008]/);
  expect((await getFeed(database.db, feed.id))!.lastError).toBe(failed!.error);
});

test('an item whose guid and link run to thousands of characters is stored under a short key, and the rest of its feed with it', async () => {
  // random, so PostgreSQL cannot compress them under its index entry limit (2,704 bytes)
  const noise = (length: number) => randomBytes(length).toString('base64url').slice(0, length);
  const longLink = `https://long.example/${noise(3_900)}`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?long-keys') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  const longItem = `<item><title>Court hears a platform's appeal</title><guid>${noise(6_000)}</guid><link>${longLink}</link></item>`;
  const listing = (...more: string[]) =>
    `<rss version="2.0"><channel><title>Long keys</title>${more.join('')}${longItem}
    <item><title>Regulator opens an inquiry</title><guid>inquiry-1</guid><link>https://long.example/inquiry</link></item></channel></rss>`;
  editedDocument = listing();
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 2 });
  const stored = await listStories(database.db, { ...EMPTY_FILTER, feeds: [feed.id] }, { limit: 5 });
  expect(stored.stories.map((story) => story.url).sort()).toEqual([longLink, 'https://long.example/inquiry'].sort());
  // read again with a story more, the long item is known by its key: it is not stored twice
  editedDocument = listing('<item><title>Minister answers on encryption</title><guid>answer-2</guid></item>');
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect((await listStories(database.db, { ...EMPTY_FILTER, feeds: [feed.id] }, { limit: 5 })).stories).toHaveLength(3);
});

test("a feed that gives every item the same guid (its home page) loses none of them, and stores none twice", async () => {
  const notice = (n: number) => `<item><title>Ministry notice ${n} on platform rules</title><link>https://ministry.example/notices/${n}</link><guid>https://ministry.example/</guid></item>`;
  const listing = (...numbers: number[]) => `<rss version="2.0"><channel><title>Ministry</title>${numbers.map(notice).join('')}</channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?one-guid') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  editedDocument = listing(3, 2, 1);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 3 });
  editedDocument = listing(4, 3, 2, 1);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 1, unchanged: 3 });
  // down to one item, which no longer shares its guid: still the story stored for it
  editedDocument = listing(4);
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 0, updated: 0, unchanged: 1 });
  const stored = await listStories(database.db, { ...EMPTY_FILTER, feeds: [feed.id] }, { limit: 10 });
  expect(stored.stories.map((story) => story.url).sort()).toEqual([1, 2, 3, 4].map((n) => `https://ministry.example/notices/${n}`));
});

test('a JSON Feed whose strings hold lone surrogates (escapes JSON allows, text no encoding can write) is stored, each replaced', async () => {
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?surrogates') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  editedType = 'application/feed+json';
  // written by hand: the escapes as a broken publisher sends them
  editedDocument = `{"version": "https://jsonfeed.org/version/1.1", "title": "Desk\\ud800", "items": [
    {"id": "n-\\udc001", "url": "https://desk.example/notice-1", "title": "Regulator \\ud800fines\\udfff a platform", "content_text": "Paid \\udbff\\udbff in full.", "authors": [{"name": "Ana \\ud800"}]},
    {"id": "n-2", "url": "https://desk.example/notice-2", "title": "Court \\ud83d\\ude00 rules", "content_text": "A pair is kept."}]}`;
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 2 });
  editedType = 'application/rss+xml';
  const stored = await listStories(database.db, { ...EMPTY_FILTER, feeds: [feed.id] }, { limit: 5 });
  expect(stored.stories.map((story) => [story.title, story.summary]).sort()).toEqual([
    ['Court \u{1F600} rules', 'A pair is kept.'],
    ['Regulator \uFFFDfines\uFFFD a platform', 'Paid \uFFFD\uFFFD in full.'],
  ]);
  expect((await getFeed(database.db, feed.id))!.title).toBe('Desk\uFFFD');
});

test("a section feed listing only articles the front page's feed keeps is not taken for one that overflowed", async () => {
  const listing = (title: string, ...ids: number[]) =>
    `<rss version="2.0"><channel><title>${title}</title>${ids
      .map((id) => `<item><guid>${title}-${id}</guid><title>Front page story ${id}</title><link>https://front.example/${id}</link></item>`)
      .join('')}</channel></rss>`;
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  const front = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?front') });
  const section = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?section') });
  editedDocument = listing('front', 3, 2, 1);
  await pollFeed(front.id, deps, { manual: true });
  editedDocument = listing('section', 3, 2, 1);
  expect(await pollFeed(section.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 0, elsewhere: 3 });
  // read again, a story more: what it listed before is still there, kept by the front page
  editedDocument = listing('front', 4, 3, 2, 1);
  await pollFeed(front.id, deps, { manual: true });
  editedDocument = listing('section', 4, 3, 2, 1);
  expect(await pollFeed(section.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 0, elsewhere: 4 });
  expect(await getFeed(database.db, section.id)).toMatchObject({ overflowedAt: null, pollIntervalSeconds: 300 });
});

test('a regulator that publishes weekly is read as often as its user asks, not every six hours', async () => {
  const weekly = [1, 8, 15, 22].map((days, i) => `<item><guid>notice-${i}</guid><title>Notice ${i}</title><link>https://regulator.example/${i}</link><pubDate>${new Date(Date.now() - days * 86_400_000).toUTCString()}</pubDate></item>`);
  editedDocument = `<rss version="2.0"><channel><title>Regulator</title>${weekly.join('')}</channel></rss>`;
  // (the two feeds list the same notices: the second finds them kept by the first)
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  const followed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?regulator-followed') });
  const watched = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?regulator-watched'), maxIntervalSeconds: 300 });
  for (const feed of [followed, watched]) await pollFeed(feed.id, deps, { manual: true });
  expect((await getFeed(database.db, followed.id))!.pollIntervalSeconds).toBe(6 * 3600);
  const read = (await getFeed(database.db, watched.id))!;
  expect(read.pollIntervalSeconds).toBe(300);
  expect(read.nextPollAt!.getTime() - read.lastFetchAt!.getTime()).toBeGreaterThan(295_000);
  expect(read.nextPollAt!.getTime() - read.lastFetchAt!.getTime()).toBeLessThan(305_000);

  // the user's limit lifted: the feed is due at once, and follows its own pace again
  const lifted = (await updateFeed(database.db, watched.id, { maxIntervalSeconds: null }))!;
  expect(lifted).toMatchObject({ maxIntervalSeconds: null, pollIntervalSeconds: null, nextPollAt: null });
  await pollFeed(watched.id, deps, { manual: true });
  expect((await getFeed(database.db, watched.id))!.pollIntervalSeconds).toBe(6 * 3600);
});

test("a host that answers one feed 429 with a Retry-After is left alone for all its feeds, by every poller, except when a user asks", async () => {
  const hostPrefix = `${prefix}:hosts`;
  const deps = (): PollDeps => ({ db: database.db, redis, streamKey, allowPrivateAddresses: true, hosts: createHostTurns(redis, { keyPrefix: hostPrefix, perWindow: 100 }) });
  const limited = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/limited.xml') });
  const sibling = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?sibling') });
  editedDocument = `<rss version="2.0"><channel><title>Sibling</title><item><guid>s-1</guid><title>Sibling story</title><link>https://sibling.example/1</link></item></channel></rss>`;
  expect(await pollFeed(limited.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', status: 429 });
  // the other feed of the host, due now, waits out the two minutes the host asked for, in another poller too
  const deferred = await pollFeed(sibling.id, deps());
  expect(deferred.kind).toBe('deferred');
  expect((deferred as { waitMs: number }).waitMs).toBeGreaterThan(115_000);
  expect((deferred as { waitMs: number }).waitMs).toBeLessThanOrEqual(120_500);
  // the feeds page says when it will be read, not "due now"
  const putOff = (await getFeed(database.db, sibling.id))!.nextPollAt!.getTime() - Date.now();
  expect(putOff).toBeGreaterThan(110_000);
  expect(putOff).toBeLessThanOrEqual(120_500);
  // a user who asks for it now is answered now
  expect(await pollFeed(sibling.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  await deleteKeysWithPrefix(redis, hostPrefix);
});

test('a server that asks to be left alone for millions of years is tried again after the longest backoff', async () => {
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/forever.xml') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'failed', status: 503 });
  const wait = (await getFeed(database.db, feed.id))!.nextPollAt!.getTime() - Date.now();
  expect(wait).toBeGreaterThan(11.9 * 3600_000);
  expect(wait).toBeLessThanOrEqual(12 * 3600_000);
});

test('a server whose max-age is millions of years is read again within a day, changed or not', async () => {
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/cached-forever.xml') });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true };
  const wait = async () => (await getFeed(database.db, feed.id))!.nextPollAt!.getTime() - Date.now();
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 3 });
  expect(await wait()).toBeLessThanOrEqual(24 * 3600_000);
  // the same bytes again: not read, and not put off for ages either
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'not-modified' });
  expect(await wait()).toBeGreaterThan(23.9 * 3600_000);
  expect(await wait()).toBeLessThanOrEqual(24 * 3600_000);
});

test('a document listing more items than are read has its newest stored, and what it lists recorded', async () => {
  // an archive listed oldest first, one item a minute up to the hour before the poll
  const listed = MAX_ITEMS_READ_PER_DOCUMENT + 200;
  const last = Date.parse('2026-11-30T08:00:00Z');
  editedDocument = `<rss version="2.0"><channel><title>Archive</title>${Array.from({ length: listed }, (_, i) => {
    const published = new Date(last - (listed - 1 - i) * 60_000).toUTCString();
    return `<item><guid>archive-${i}</guid><title>Archive story ${i}</title><link>https://archive.example/${i}</link><pubDate>${published}</pubDate></item>`;
  }).join('')}</channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?archive') });
  const deps: PollDeps = { db: database.db, redis, streamKey: `${prefix}:archive`, allowPrivateAddresses: true };
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: MAX_ITEMS_READ_PER_DOCUMENT, inserted: MAX_ITEMS_READ_PER_DOCUMENT });
  // the newest thousand: from the 200th item on
  expect(await getFeed(database.db, feed.id)).toMatchObject({
    lastItems: listed,
    storyCount: MAX_ITEMS_READ_PER_DOCUMENT,
    oldestStoryAt: new Date(last - (MAX_ITEMS_READ_PER_DOCUMENT - 1) * 60_000),
    newestStoryAt: new Date(last),
  });
});

test('a feed that brings more new stories within an hour than any news feed publishes is paused, saying why', async () => {
  // new ids for every item at every read: each poll is all new stories; the read that pauses
  // the feed names a hub, for the first time
  let round = 0;
  const hubLinks = () =>
    round === 2 ? `<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="${feedUrl.replace('/feed.xml', '/hub')}"/><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="https://flood.example/feed"/>` : '';
  const flood = () =>
    `<rss version="2.0"><channel><title>Flood</title>${hubLinks()}${Array.from({ length: 800 }, (_, i) => `<item><guid>r${round}-${i}</guid><title>Flood story ${round}-${i}</title><link>https://flood.example/${round}/${i}</link></item>`).join('')}</channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?flood') });
  const at = new Date('2026-11-30T09:05:00Z');
  const paused: FeedRow[] = [];
  const deps: PollDeps = {
    db: database.db,
    redis,
    streamKey: `${prefix}:flood`,
    allowPrivateAddresses: true,
    now: () => at,
    publicUrl: 'https://radar.example',
    onScheduleChange: async (changed, interval) => void (interval === null && paused.push(changed)),
  };
  const polls: unknown[] = [];
  // its first read is its back catalogue, and does not count
  for (; round < 3; round += 1) {
    editedDocument = flood();
    polls.push(await pollFeed(feed.id, deps, { manual: true }));
  }
  expect(polls).toMatchObject([{ inserted: 800 }, { inserted: 800 }, { inserted: 800 }]);
  expect(2 * 800).toBeGreaterThan(FLOOD_STORIES_PER_HOUR);
  expect(await getFeed(database.db, feed.id)).toMatchObject({
    enabled: false,
    pausedReason: expect.stringContaining('it brought 1,600 new stories within an hour, more than any news feed publishes'),
  });
  // not polled again on its schedule
  expect(await pollFeed(feed.id, deps)).toEqual({ kind: 'skipped', reason: 'feed paused' });
  // and the hub it was subscribed at by the read that paused it is left, at its callback
  expect(paused.map((row) => heldWebSubscription(row))).toEqual([
    { hub: feedUrl.replace('/feed.xml', '/hub'), topic: 'https://flood.example/feed', callbackKey: expect.stringMatching(/^[\w-]{16}$/) },
  ]);
});

test("a feed's stories are filed under its folder, streamed with it, and filed again when the feed moves", async () => {
  editedType = 'application/rss+xml';
  editedDocument = `<rss version="2.0"><channel><title>Wire</title>${['Arcom blocks a site', 'CNIL fines a broker', 'AGCM opens a probe']
    .map((title, i) => `<item><title>${title}</title><link>https://folders.example/${i}</link><guid>folder-${i}</guid></item>`)
    .join('')}</channel></rss>`;
  const feed = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/edited.xml?folder'), folder: 'Régulateurs (EU)' });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true, clusters: new ClusterWindow() };
  const after = (await redis.xrevrange(streamKey, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 3 });
  const streamed = (await readStories(redis, streamKey, after, 10)).filter((entry) => entry.value.source.feedId === feed.id);
  expect(streamed.map((entry) => entry.value.source.folder)).toEqual(['Régulateurs (EU)', 'Régulateurs (EU)', 'Régulateurs (EU)']);
  const inFolder = async (q: string) => (await listStories(database.db, { ...EMPTY_FILTER, q }, { limit: 50 })).stories.filter((s) => s.source.feedId === feed.id).length;
  expect(await inFolder('folder:"regulateurs eu"')).toBe(3);

  await updateFeed(database.db, feed.id, { folder: 'Press' });
  expect(await inFolder('folder:"regulateurs eu"')).toBe(0);
  expect(await inFolder('folder:press')).toBe(3);
  await updateFeed(database.db, feed.id, { folder: null });
  expect(await inFolder('folder:press')).toBe(0);
  expect((await listStories(database.db, { ...EMPTY_FILTER, q: '-folder:press' }, { limit: 50 })).stories.find((s) => s.source.feedId === feed.id)?.source).toEqual({
    feedId: feed.id,
    title: 'Wire',
  });
});

test('a JSON Feed is subscribed at the hub its hubs names, for its feed_url', async () => {
  const url = feedUrl.replace('/feed.xml', '/hubbed.json');
  const feed = await createFeed(database.db, { url });
  const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true, publicUrl: 'https://radar.example' };
  expect(await pollFeed(feed.id, deps, { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  const asked = hubRequests.filter((form) => form.get('hub.topic') === url);
  expect(asked.map((form) => [form.get('hub.mode'), form.get('hub.topic'), form.get('hub.callback')])).toEqual([
    ['subscribe', url, expect.stringMatching(new RegExp(`^https://radar\\.example/websub/${feed.id}/[\\w-]{16}$`))],
  ]);
  const subscribed = await getFeed(database.db, feed.id);
  expect(subscribed).toMatchObject({ websubHub: url.replace('/hubbed.json', '/hub'), websubTopic: url, websubState: 'pending' });
  expect(asked[0]?.get('hub.callback')).toBe(`https://radar.example/websub/${feed.id}/${subscribed?.websubCallbackKey}`);
});

test('a document that takes longer to read than its deadline fails its feed, and the next poll is read', async () => {
  const reader = new FeedReader({ deadlineMs: 500 });
  try {
    await reader.start();
    const deps: PollDeps = { db: database.db, redis, streamKey, allowPrivateAddresses: true, reader };
    const endless = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/endless.xml') });
    expect(await pollFeed(endless.id, deps, { manual: true })).toMatchObject({ kind: 'failed', error: expect.stringMatching(/took longer than 0.5 s to read/) });
    expect(await getFeed(database.db, endless.id)).toMatchObject({ errorCount: 1, lastError: expect.stringMatching(/took longer than 0.5 s to read/) });
    const wire = await createFeed(database.db, { url: feedUrl.replace('/feed.xml', '/wire.xml') });
    expect(await pollFeed(wire.id, deps, { manual: true })).toMatchObject({ kind: 'polled', items: 3 });
  } finally {
    await reader.close();
  }
});
