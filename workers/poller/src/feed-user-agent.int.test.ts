import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { USER_AGENT } from '@radar/feeds';
import { createFeed, getFeed, openScratchDatabase, updateFeed, type Database } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import { pollFeed, type PollDeps } from './poll-feed.ts';

// Some servers turn away feed readers they do not know by name (403), and read fine for a
// browser's User-Agent: a feed can be read with one its user chooses.

const prefix = `radar-test-user-agent-${process.pid}-${Date.now()}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36';
let database: Database;
let publisher: Server;
let base: string;
/** The User-Agent and Authorization of each request, in order. */
const seen: { userAgent: string | undefined; authorization: string | undefined }[] = [];

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Ministry notices</title>
  <item><title>Ministry consults on platform transparency rules</title><link>https://ministry.example/notice-1</link><guid>notice-1</guid></item></channel></rss>`;

beforeAll(async () => {
  database = await openScratchDatabase('postgres');
  publisher = createServer((req, res) => {
    seen.push({ userAgent: req.headers['user-agent'], authorization: req.headers.authorization });
    if (!req.headers['user-agent']?.startsWith('Mozilla/')) return res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
    // the ministry's home page names no feed; its feed is where WordPress keeps one
    if (req.url === '/challenged.xml') {
      // bot protection turns away browsers too: no User-Agent gets past its challenge
      return res.writeHead(403, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>');
    }
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Ministry</title></head><body></body></html>');
    if (req.url !== '/feed' && !req.url?.startsWith('/notices.xml')) return res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
  });
  await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
});

afterAll(async () => {
  publisher?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

const deps = (): PollDeps => ({ db: database.db, redis, streamKey: `${prefix}:stories`, allowPrivateAddresses: true });

test("a feed turned away for the product's name says what to try, and is read with the User-Agent its user chose, login and all", async () => {
  const feed = await createFeed(database.db, { url: `${base}/notices.xml` });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({
    kind: 'failed',
    status: 403,
    error: expect.stringMatching(/\(HTTP 403\).*\(the site may turn away feed readers it does not know: try reading it with a browser's User-Agent\)$/),
  });
  expect(seen.at(-1)).toEqual({ userAgent: USER_AGENT, authorization: undefined });

  await updateFeed(database.db, feed.id, { userAgent: BROWSER, login: { username: 'ana', password: 's3cret' } });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ userAgent: BROWSER, nextPollAt: null });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', inserted: 1 });
  expect(seen.at(-1)).toEqual({ userAgent: BROWSER, authorization: `Basic ${Buffer.from('ana:s3cret').toString('base64')}` });

  // back to the product's own name: turned away again, and the error names no User-Agent to try
  await updateFeed(database.db, feed.id, { userAgent: null, login: null });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'failed', status: 403 });
  expect(seen.at(-1)?.userAgent).toBe(USER_AGENT);
});

test('a feed read with a chosen User-Agent and still turned away says which it was read as', async () => {
  const feed = await createFeed(database.db, { url: `${base}/notices.xml?second`, userAgent: 'CuriousReader/2.0' });
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({
    kind: 'failed',
    status: 403,
    error: expect.stringMatching(/\(read as "CuriousReader\/2\.0"\)$/),
  });
  expect(seen.at(-1)?.userAgent).toBe('CuriousReader/2.0');
});

test("a site given with a chosen User-Agent has its feed looked for at the usual addresses with it too", async () => {
  const feed = await createFeed(database.db, { url: `${base}/`, userAgent: BROWSER });
  seen.length = 0;
  expect(await pollFeed(feed.id, deps(), { manual: true })).toMatchObject({ kind: 'polled', items: 1 });
  expect(await getFeed(database.db, feed.id)).toMatchObject({ url: `${base}/feed`, userAgent: BROWSER, lastError: null });
  expect(seen.map((request) => request.userAgent)).toEqual(seen.map(() => BROWSER));
});

test("a bot protection's challenge says so, and does not suggest a browser's User-Agent, which its challenge turns away too", async () => {
  const feed = await createFeed(database.db, { url: `${base}/challenged.xml`, userAgent: BROWSER });
  const result = await pollFeed(feed.id, deps(), { manual: true });
  expect(result).toMatchObject({ kind: 'failed', status: 403, error: expect.stringContaining("the site's bot protection (Cloudflare)") });
  expect(result).not.toMatchObject({ error: expect.stringMatching(/User-Agent|read as/) });
});
