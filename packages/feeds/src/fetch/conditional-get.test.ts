import zlib from 'node:zlib';
import { afterEach, expect, test } from 'vitest';
import { fetchFeed, type FeedFetchOptions } from './conditional-get.ts';
import { FetchError } from './fetch-error.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Policy desk</title></channel></rss>';
const local: FeedFetchOptions = { allowPrivateAddresses: true };

async function fetchError(url: string, options: FeedFetchOptions = local): Promise<FetchError> {
  const error = await fetchFeed(url, options).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

test('a 304 answers an ETag with notModified and keeps the validator', async () => {
  const server = await serve((request, response) => {
    if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
    response.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end(FEED);
  });
  const first = await fetchFeed(server.url, local);
  expect(first.notModified).toBe(false);
  expect(first.etag).toBe('"v1"');
  expect(Buffer.from(first.body ?? []).toString()).toBe(FEED);
  expect(first.contentType).toBe('application/rss+xml');
  expect(first.bytes).toBe(FEED.length);

  const second = await fetchFeed(server.url, { ...local, etag: first.etag });
  expect(second).toMatchObject({ status: 304, notModified: true, body: null, etag: '"v1"', bytes: 0 });
  expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
});

test('a 304 answers Last-Modified with notModified and keeps the date', async () => {
  const modified = 'Mon, 30 Nov 2026 08:00:00 GMT';
  const server = await serve((request, response) => {
    if (request.headers['if-modified-since'] === modified) return void response.writeHead(304).end();
    response.writeHead(200, { 'last-modified': modified }).end(FEED);
  });
  const first = await fetchFeed(server.url, local);
  expect(first.lastModified).toBe(modified);
  expect(first.etag).toBeNull();
  const second = await fetchFeed(server.url, { ...local, lastModified: first.lastModified });
  expect(second).toMatchObject({ status: 304, notModified: true, body: null, lastModified: modified });
  expect(server.requests[0]?.headers['if-modified-since']).toBeUndefined();
});

test('a changed feed answers 200 with the new validators', async () => {
  const server = await serve((request, response) => {
    if (request.headers['if-none-match'] === '"v2"') return void response.writeHead(304).end();
    response.writeHead(200, { etag: '"v2"' }).end(FEED);
  });
  const result = await fetchFeed(server.url, { ...local, etag: '"v1"' });
  expect(result).toMatchObject({ status: 200, notModified: false, etag: '"v2"' });
});

test('Cache-Control max-age is surfaced', async () => {
  const server = await serve((_request, response) => response.writeHead(200, { 'cache-control': 'public, max-age=900' }).end(FEED));
  expect((await fetchFeed(server.url, local)).maxAgeSeconds).toBe(900);
});

test('validators are ignored when the publisher sends Expires: 0', async () => {
  const server = await serve((_request, response) => response.writeHead(200, { etag: '"v1"', 'last-modified': 'Mon, 30 Nov 2026 08:00:00 GMT', expires: '0' }).end(FEED));
  const result = await fetchFeed(server.url, local);
  expect(result.etag).toBeNull();
  expect(result.lastModified).toBeNull();
});

test('429 surfaces Retry-After in seconds and asks to back off', async () => {
  const server = await serve((_request, response) => response.writeHead(429, { 'retry-after': '120' }).end('slow down'));
  const error = await fetchError(server.url);
  expect(error).toMatchObject({ kind: 'http', status: 429, retryAfterSeconds: 120, disposition: 'back-off' });
});

test('503 surfaces a Retry-After HTTP date as seconds from now', async () => {
  const later = new Date(Date.now() + 90_000).toUTCString();
  const server = await serve((_request, response) => response.writeHead(503, { 'retry-after': later }).end());
  const error = await fetchError(server.url);
  expect(error).toMatchObject({ kind: 'http', status: 503, disposition: 'back-off' });
  // The date has one-second resolution and the request takes a moment: allow slack.
  expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(60);
  expect(error.retryAfterSeconds).toBeLessThanOrEqual(91);
});

test('HTTP errors are classified by status', async () => {
  const server = await serve((request, response) => response.writeHead(Number(request.url?.slice(1))).end('no'));
  const expected: Array<[number, string]> = [
    [401, 'give-up'],
    [403, 'give-up'],
    [404, 'give-up'],
    [410, 'give-up'],
    [408, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [504, 'retry'],
    [503, 'back-off'],
  ];
  for (const [status, disposition] of expected) {
    const error = await fetchError(`${server.url}/${status}`);
    expect(error, String(status)).toMatchObject({ kind: 'http', status, disposition });
    expect(error.retryAfterSeconds).toBeUndefined();
  }
});

test('an empty 200 is a bad response, not an empty feed', async () => {
  const server = await serve((_request, response) => response.writeHead(200).end());
  expect(await fetchError(server.url)).toMatchObject({ kind: 'bad-response', status: 200 });
});

test('a gzip-compressed feed arrives decoded, asking for feed types first', async () => {
  const server = await serve((_request, response) => response.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(FEED)));
  const result = await fetchFeed(server.url, local);
  expect(Buffer.from(result.body ?? []).toString()).toBe(FEED);
  expect(server.requests[0]?.headers.accept).toMatch(/^application\/rss\+xml/);
});

test('redirects followed are reported so the poller can adopt a permanent move', async () => {
  const server = await serve((request, response) => {
    if (request.url === '/old') return void response.writeHead(301, { location: '/new' }).end();
    response.end(FEED);
  });
  const result = await fetchFeed(`${server.url}/old`, local);
  expect(result.url).toBe(`${server.url}/new`);
  expect(result.redirects).toEqual([{ status: 301, from: `${server.url}/old`, to: `${server.url}/new` }]);
});

test('the private-address rule applies to feeds too', async () => {
  const server = await serve((_request, response) => response.end(FEED));
  expect(await fetchError(server.url, {})).toMatchObject({ kind: 'blocked-address' });
  expect(server.requests).toHaveLength(0);
});
