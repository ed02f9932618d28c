import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFeed, getFeed, openDatabase, openScratchDatabase, updateFeed, type Database } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import { pollFeed, type PollDeps } from './poll-feed.ts';

// A feed behind a login (a paid news service, an intranet): its user name and password go to
// the feed's own server as HTTP Basic authentication, and to no other.

const prefix = `radar-test-login-${process.pid}-${Date.now()}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let database: Database & { url?: string };
let publisher: Server;
let elsewhere: Server;
let base: string;
let elsewhereBase: string;
/** What the other server was sent. */
const seenElsewhere: IncomingHttpHeaders[] = [];

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Pro Desk</title>
  <item><title>Commission drafts rules for AI in hiring</title><link>https://pro.example/ai-hiring</link><guid>pro-1</guid></item></channel></rss>`;

beforeAll(async () => {
  database = await openScratchDatabase('postgres');
  elsewhere = createServer((req, res) => {
    seenElsewhere.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss.replace('pro-1', 'copy-1').replace('ai-hiring', 'ai-hiring-copy'));
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereBase = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  publisher = createServer((req, res) => {
    if (req.url === '/moved.xml') return res.writeHead(302, { location: `${elsewhereBase}/copy.xml` }).end();
    if (req.url === '/moved-for-good.xml') return res.writeHead(301, { location: `${elsewhereBase}/new-home.xml` }).end();
    if (req.url === '/site/') {
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="${elsewhereBase}/announced.xml"></head></html>`);
    }
    const expected = `Basic ${Buffer.from('ana@ngo.example:pa:ss wörd').toString('base64')}`;
    if (req.headers.authorization !== expected) return res.writeHead(401, { 'www-authenticate': 'Basic realm="pro"' }).end('login required');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
  });
  await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
});

afterAll(async () => {
  publisher?.close();
  elsewhere?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

const deps = (): PollDeps => ({ db: database.db, redis, streamKey: `${prefix}:stories`, allowPrivateAddresses: true });

test('a feed behind a login is read with it; without it, or with a wrong one, the error says which', async () => {
  const feed = await createFeed(database.db, { url: `${base}/pro.xml` });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({
    kind: 'failed',
    status: 401,
    error: expect.stringMatching(/access unauthorized \(HTTP 401\).*\(the feed needs a login: add it as https:\/\/user:password@… or set its login\)$/),
  });
  await updateFeed(database.db, feed.id, { login: { username: 'ana@ngo.example', password: 'wrong' } });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', error: expect.stringMatching(/\(the login as ana@ngo\.example was refused\)$/) });
  await updateFeed(database.db, feed.id, { login: { username: 'ana@ngo.example', password: 'pa:ss wörd' } });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ lastStatus: 200, lastError: null, errorCount: 0 });
  // the login removed: asked for again
  await updateFeed(database.db, feed.id, { login: null });
  expect((await getFeed(database.db, feed.id))!.loginUsername).toBeNull();
});

test('a login sealed with another secret key is not sent, and the error says to sign in again', async () => {
  // another installation's key (RADAR_SECRET_KEY changed, or another DATA_DIR/secret-key)
  const other = await openDatabase({ databaseUrl: database.url!, migrate: false, secretKey: 'the key of another installation' });
  const feed = await createFeed(other.db, { url: `${base}/pro.xml?sealed-elsewhere`, login: { username: 'ana@ngo.example', password: 'pa:ss wörd' } });
  await other.close();
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({
    kind: 'failed',
    status: 401,
    error: expect.stringMatching(/\(the password of the login as ana@ngo\.example was sealed with another secret key.*sign in again\)$/),
  });
  await updateFeed(database.db, feed.id, { login: { username: 'ana@ngo.example', password: 'pa:ss wörd' } });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 0 });
});

test("a feed's login is not sent to another server its feed redirects to", async () => {
  const feed = await createFeed(database.db, { url: `${base}/moved.xml`, login: { username: 'ana@ngo.example', password: 'pa:ss wörd' } });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect(seenElsewhere).toHaveLength(1);
  expect(seenElsewhere[0]!.authorization).toBeUndefined();
});

test("a feed that moves to another server, for good or as a page's announced feed, leaves its login behind", async () => {
  for (const path of ['/moved-for-good.xml', '/site/']) {
    const feed = await createFeed(database.db, { url: `${base}${path}`, login: { username: 'ana@ngo.example', password: 'pa:ss wörd' } });
    seenElsewhere.length = 0;
    expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled' });
    const moved = (await getFeed(database.db, feed.id))!;
    expect(moved.url.startsWith(elsewhereBase)).toBe(true);
    expect([moved.loginUsername, moved.loginPassword]).toEqual([null, null]);
    // polled again, at its new home: still nothing sent there
    await pollFeed(feed.id, deps(), { manual: true });
    expect(seenElsewhere.length).toBeGreaterThan(0);
    expect(seenElsewhere.map((headers) => headers.authorization)).toEqual(seenElsewhere.map(() => undefined));
  }
});
