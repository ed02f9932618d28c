import { afterEach, expect, test } from 'vitest';
import { FetchError } from './fetch-error.ts';
import { MAX_HEADER_BYTES, safeFetch, USER_AGENT, type HostResolver, type SafeFetchOptions } from './safe-fetch.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startTestServer>[0], host?: string): Promise<TestServer> {
  const server = await startTestServer(handler, host);
  servers.push(server);
  return server;
}

async function fetchError(url: string, options?: SafeFetchOptions): Promise<FetchError> {
  const error = await safeFetch(url, options).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

/** A resolver that maps names to fixed addresses, as a hostile DNS server would. */
function fixedResolver(table: Record<string, string[]>): HostResolver {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw new Error(`no such host ${hostname}`);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const text = (body: Uint8Array) => Buffer.from(body).toString('utf8');

test('fetches from a local server when private addresses are allowed, sending the User-Agent', async () => {
  const server = await serve((request, response) => response.end(`ua=${request.headers['user-agent']}`));
  const response = await safeFetch(`${server.url}/feed.xml`, { allowPrivateAddresses: true });
  expect(response.status).toBe(200);
  expect(text(response.body)).toBe(`ua=${USER_AGENT}`);
  expect(USER_AGENT).toMatch(/^PolicyRadar\/[\d.]+ \(\+https?:\/\/\S+; feed reader\)$/);
  expect(response.url).toBe(`${server.url}/feed.xml`);
  expect(response.remoteAddress).toBe('127.0.0.1');
  expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
});

test.each(['file:///etc/passwd', 'ftp://example.org/feed.xml', 'gopher://example.org/', 'data:text/plain,hello', 'javascript:alert(1)', 'not a url', 'http://user:secret@example.org/'])(
  'refuses %s before any network use',
  async (url) => {
    const error = await fetchError(url);
    expect(error.kind).toBe('invalid-url');
    expect(error.disposition).toBe('give-up');
    // a password in the address is not repeated where errors are logged and shown
    expect(`${error.message} ${error.url}`).not.toContain('secret');
  },
);

test('refuses a loopback server when private addresses are not allowed, without sending it anything', async () => {
  const server = await serve((_request, response) => response.end('secret'));
  const error = await fetchError(`${server.url}/admin`);
  expect(error.kind).toBe('blocked-address');
  expect(error.disposition).toBe('give-up');
  expect(server.requests).toHaveLength(0);
});

test.each([
  ['decimal', (port: number) => `http://2130706433:${port}/`],
  ['octal', (port: number) => `http://0177.0.0.1:${port}/`],
  ['hex', (port: number) => `http://0x7f.0x0.0x0.0x1:${port}/`],
  ['short', (port: number) => `http://127.1:${port}/`],
  ['IPv4-mapped IPv6', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
  ['localhost', (port: number) => `http://localhost:${port}/`],
  ['localhost with a trailing dot', (port: number) => `http://localhost.:${port}/`],
  ['0.0.0.0', (port: number) => `http://0.0.0.0:${port}/`],
])('refuses loopback spelled %s, without sending it anything', async (_name, spell) => {
  const server = await serve((_request, response) => response.end('secret'));
  const error = await fetchError(spell(server.port));
  expect(error.kind).toBe('blocked-address');
  expect(server.requests).toHaveLength(0);
});

test.each([
  'http://[::1]/',
  'http://[fe80::1]/',
  'http://[fd00::1]/',
  'http://[::ffff:10.0.0.1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://10.0.0.1/',
  'http://192.168.0.1/',
  'http://100.64.0.1/',
  'http://224.0.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://metadata/computeMetadata/v1/',
])('refuses %s', async (url) => {
  const error = await fetchError(url, { timeoutMs: 5_000 });
  expect(error.kind).toBe('blocked-address');
});

test('cloud metadata stays refused even when private addresses are allowed', async () => {
  expect((await fetchError('http://169.254.169.254/latest/meta-data/', { allowPrivateAddresses: true })).kind).toBe('blocked-address');
  expect((await fetchError('http://metadata.google.internal/', { allowPrivateAddresses: true })).kind).toBe('blocked-address');
});

test('refuses a public-looking hostname that resolves to a private address', async () => {
  const server = await serve((_request, response) => response.end('secret'));
  const resolveHost = fixedResolver({ 'feeds.example.com': ['127.0.0.1'] });
  const error = await fetchError(`http://feeds.example.com:${server.port}/rss`, { resolveHost });
  expect(error.kind).toBe('blocked-address');
  expect(error.message).toContain('feeds.example.com');
  expect(server.requests).toHaveLength(0);
  // The same resolver with the rule lifted reaches the server, so the refusal was the rule.
  const response = await safeFetch(`http://feeds.example.com:${server.port}/rss`, { resolveHost, allowPrivateAddresses: true });
  expect(text(response.body)).toBe('secret');
  expect(server.requests[0]?.headers.host).toBe(`feeds.example.com:${server.port}`);
});

test('refuses a hostname when any of its addresses is private', async () => {
  const server = await serve((_request, response) => response.end('secret'));
  const resolveHost = fixedResolver({ 'mixed.example.com': ['93.184.216.34', '127.0.0.1'] });
  const error = await fetchError(`http://mixed.example.com:${server.port}/`, { resolveHost });
  expect(error.kind).toBe('blocked-address');
  expect(server.requests).toHaveLength(0);
});

test('a host whose first address turns connections away is read at its next one, as browsers do', async () => {
  // Sites with a stale A record or an IPv6 address that goes nowhere are common; a browser
  // tries the next address, and so must the fetcher, or the feed fails on every poll.
  const server = await serve((_request, response) => response.end('read'));
  const resolveHost = fixedResolver({ 'stale.example.com': ['127.0.0.2', '::1', '127.0.0.1'] });
  const response = await safeFetch(`http://stale.example.com:${server.port}/feed`, { resolveHost, allowPrivateAddresses: true });
  expect(text(response.body)).toBe('read');
  expect(response.remoteAddress).toBe('127.0.0.1');
});

test('DNS rebinding: each connection checks the address it resolves to, not an earlier answer', async () => {
  // 127.0.0.1 stands in for the attacker's public server (exempted below); the second
  // answer for the same name points at 127.0.0.2, a private service on this machine.
  const inside = await serve((_request, response) => response.end('internal secret'), '127.0.0.2');
  const outside = await serve((_request, response) => {
    response.writeHead(302, { location: `http://rebind.example.com:${inside.port}/secret` }).end();
  });
  const answers = ['127.0.0.1', '127.0.0.2'];
  let calls = 0;
  const resolveHost: HostResolver = async () => [{ address: answers[Math.min(calls++, 1)] as string, family: 4 }];
  const error = await fetchError(`http://rebind.example.com:${outside.port}/`, { resolveHost, allowedAddresses: ['127.0.0.1'] });
  expect(error.kind).toBe('blocked-address');
  expect(error.message).toContain('127.0.0.2');
  expect(outside.requests).toHaveLength(1);
  expect(inside.requests).toHaveLength(0);
  expect(calls).toBe(2);
});

test('a redirect to a private address is refused and never reaches it', async () => {
  const inside = await serve((_request, response) => response.end('internal secret'), '127.0.0.2');
  const outside = await serve((request, response) => {
    const targets: Record<string, string> = {
      '/to-private': `http://127.0.0.2:${inside.port}/secret`,
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/iam/',
      '/to-metadata-name': 'http://metadata.google.internal/computeMetadata/v1/',
      '/to-ipv6-loopback': `http://[::1]:${inside.port}/`,
      '/to-file': 'file:///etc/passwd',
    };
    response.writeHead(301, { location: targets[request.url ?? ''] ?? '/' }).end();
  });
  const options = { allowedAddresses: ['127.0.0.1'] };
  for (const path of ['/to-private', '/to-metadata', '/to-metadata-name', '/to-ipv6-loopback']) {
    const error = await fetchError(`${outside.url}${path}`, options);
    expect(error.kind, path).toBe('blocked-address');
  }
  expect((await fetchError(`${outside.url}/to-file`, options)).kind).toBe('invalid-url');
  expect(inside.requests).toHaveLength(0);
  expect(outside.requests).toHaveLength(5);
});

function redirectChain(hops: number) {
  return (request: { url?: string }, response: import('node:http').ServerResponse) => {
    const step = Number(/^\/hop\/(\d+)$/.exec(request.url ?? '')?.[1] ?? 0);
    if (step < hops) response.writeHead(302, { location: `/hop/${step + 1}` }).end();
    else response.end(`arrived after ${step}`);
  };
}

test('follows a chain of 5 redirects and reports them', async () => {
  const server = await serve(redirectChain(5));
  const response = await safeFetch(`${server.url}/hop/0`, { allowPrivateAddresses: true });
  expect(text(response.body)).toBe('arrived after 5');
  expect(response.url).toBe(`${server.url}/hop/5`);
  expect(response.redirects.map((redirect) => redirect.to)).toEqual([1, 2, 3, 4, 5].map((step) => `${server.url}/hop/${step}`));
});

test('a Location header holding UTF-8 is followed as browsers do; one in Latin-1 still is', async () => {
  const server = await serve((request, response) => {
    // Node writes header strings byte for byte: these are the UTF-8 and Latin-1 bytes of "é".
    if (request.url === '/utf-8') response.writeHead(301, { location: '/caf\u00c3\u00a9/feed' }).end();
    else if (request.url === '/latin-1') response.writeHead(301, { location: '/caf\u00e9/feed' }).end();
    else response.end(`at ${request.url}`);
  });
  const utf8 = await safeFetch(`${server.url}/utf-8`, { allowPrivateAddresses: true });
  expect(utf8.url).toBe(`${server.url}/caf%C3%A9/feed`);
  expect(text(utf8.body)).toBe('at /caf%C3%A9/feed');
  const latin1 = await safeFetch(`${server.url}/latin-1`, { allowPrivateAddresses: true });
  expect(latin1.url).toBe(`${server.url}/caf%C3%A9/feed`);
});

test('a cookie set on a redirect is sent on the hops after it, to its own site only, and is gone by the next fetch', async () => {
  const other = await serve((request, response) => response.end(`cookie=${request.headers.cookie ?? ''}`));
  const server = await serve((request, response) => {
    // a bot check: a reader without the cookie is sent round again with it, forever
    if (!request.headers.cookie?.includes('checked=1')) {
      return void response.writeHead(302, { location: request.url, 'set-cookie': ['checked=1; Path=/; HttpOnly', 'elsewhere=1; Domain=other.example.test; Path=/'] }).end();
    }
    if (request.url === '/away') return void response.writeHead(302, { location: `http://other.example.test:${other.port}/feed` }).end();
    response.end(`feed for ${request.headers.cookie}`);
  });
  const options = { allowPrivateAddresses: true, resolveHost: fixedResolver({ 'feeds.example.test': ['127.0.0.1'], 'other.example.test': ['127.0.0.1'] }) };
  const site = `http://feeds.example.test:${server.port}`;
  const first = await safeFetch(`${site}/feed`, options);
  expect(text(first.body)).toBe('feed for checked=1');
  expect(first.redirects).toHaveLength(1);
  // a cookie of the caller's own is kept beside the ones set on the way; the last fetch's are gone
  const own = await safeFetch(`${site}/feed`, { ...options, headers: { cookie: 'consent=yes' } });
  expect(text(own.body)).toBe('feed for consent=yes; checked=1');
  expect(own.redirects).toHaveLength(1);
  // the cookie goes to the site that set it, not to another a redirect leads to (nor one it named)
  const away = await safeFetch(`${site}/away`, options);
  expect(away.url).toBe(`http://other.example.test:${other.port}/feed`);
  expect(text(away.body)).toBe('cookie=');
});

test('refuses a chain of 6 redirects', async () => {
  const server = await serve(redirectChain(6));
  const error = await fetchError(`${server.url}/hop/0`, { allowPrivateAddresses: true });
  expect(error.kind).toBe('too-many-redirects');
  expect(server.requests).toHaveLength(6);
  expect(server.requests.some((request) => request.url === '/hop/6')).toBe(false);
});

test('maxRedirects lowers the limit', async () => {
  const server = await serve(redirectChain(2));
  expect((await fetchError(`${server.url}/hop/0`, { allowPrivateAddresses: true, maxRedirects: 1 })).kind).toBe('too-many-redirects');
});

test('a POST redirected with 303 continues as a GET without body; credentials stay with their origin', async () => {
  const other = await serve((request, response) => {
    response.end(JSON.stringify({ method: request.method, authorization: request.headers.authorization ?? null }));
  }, '127.0.0.2');
  const server = await serve((request, response) => {
    if (request.url === '/hook') response.writeHead(303, { location: `http://127.0.0.2:${other.port}/done` }).end();
    else response.end();
  });
  const response = await safeFetch(`${server.url}/hook`, {
    method: 'POST',
    body: '{"story":1}',
    headers: { 'content-type': 'application/json', Authorization: 'Bearer token' },
    allowPrivateAddresses: true,
  });
  expect(JSON.parse(text(response.body))).toEqual({ method: 'GET', authorization: null });
  expect(server.requests[0]?.headers.authorization).toBe('Bearer token');
});

test('returns error statuses for the caller to classify', async () => {
  const server = await serve((_request, response) => response.writeHead(503, { 'retry-after': '120' }).end('busy'));
  const response = await safeFetch(server.url, { allowPrivateAddresses: true });
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('120');
});

test('a refused connection is a network error worth retrying', async () => {
  const server = await serve((_request, response) => response.end());
  const { port } = server;
  await server.close();
  servers.splice(servers.indexOf(server), 1);
  const error = await fetchError(`http://127.0.0.1:${port}/`, { allowPrivateAddresses: true });
  expect(error.kind).toBe('network');
  expect(error.disposition).toBe('retry');
});

test('one deadline covers a body that trickles in forever', async () => {
  let closed = false;
  const server = await serve((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.write('<rss>');
    // Each byte arrives well within any idle timeout; only a whole-response deadline stops this.
    const drip = setInterval(() => response.write(' '), 50);
    response.on('close', () => {
      clearInterval(drip);
      closed = true;
    });
  });
  const started = performance.now();
  const error = await fetchError(server.url, { allowPrivateAddresses: true, timeoutMs: 1_500 });
  const elapsed = performance.now() - started;
  expect(error.kind).toBe('timeout');
  expect(error.disposition).toBe('retry');
  expect(elapsed).toBeGreaterThanOrEqual(1_400);
  expect(elapsed).toBeLessThan(15_000);
  await expect.poll(() => closed, { timeout: 10_000 }).toBe(true);
});

test('one deadline covers a server that never answers', async () => {
  const server = await serve(() => {
    /* never responds */
  });
  const started = performance.now();
  const error = await fetchError(server.url, { allowPrivateAddresses: true, timeoutMs: 1_000 });
  expect(error.kind).toBe('timeout');
  expect(performance.now() - started).toBeLessThan(15_000);
});

test('a server that switches protocols unasked is a bad response at once, not a fetch left hanging', async () => {
  // A 101 to a plain GET, with the connection then held open: Node sets such a response
  // aside without emitting it, so only an upgrade listener or the deadline can end the fetch.
  const server = await serve((_request, response) => {
    response.socket?.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
  const error = await fetchError(server.url, { allowPrivateAddresses: true, timeoutMs: 60_000 });
  expect(error.kind).toBe('bad-response');
  expect(error.message).toBe('switched protocols unasked (HTTP 101)');
  expect(error.disposition).toBe('retry');
});

test("answers Node's strict parser refuses and browsers read are read, asked again once with the lenient parser; a webhook's POST is not asked twice", async () => {
  const feed = '<rss version="2.0"><channel><title>Notices</title></channel></rss>';
  const chunked = `${feed.length.toString(16)}\r\n${feed}\r\n0\r\n\r\n`;
  const answers: Record<string, string> = {
    // a Content-Length beside chunked coding, as some PHP set-ups and proxies send: chunked wins
    '/both-lengths': `HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}`,
    // bare LF line ends, from a hand-written server
    '/bare-lf': `HTTP/1.1 200 OK\nContent-Type: application/rss+xml\nContent-Length: ${feed.length}\n\n${feed}`,
    // a header folded over two lines, and a control character in another (rss-parser #230)
    '/folded': `HTTP/1.1 200 OK\r\nX-Policy: a\r\n  b\r\nETag: "v1\x01"\r\nContent-Length: ${feed.length}\r\n\r\n${feed}`,
    // the length said twice, by a web server and the script behind it, or as a list: one value
    '/length-twice': `HTTP/1.1 200 OK\r\nContent-Length: ${feed.length}\r\nContent-Type: application/rss+xml\r\ncontent-length:${feed.length}\r\n\r\n${feed}`,
    '/length-list': `HTTP/1.1 200 OK\r\nContent-Length: ${feed.length}, ${feed.length}\r\n\r\n${feed}`,
    // white space before a field's colon, from an old server
    '/space-before-colon': `HTTP/1.1 200 OK\r\nContent-Type : application/rss+xml\r\nContent-Length : ${feed.length}\r\n\r\n${feed}`,
    // a line that is no field at all
    '/no-field': `HTTP/1.1 200 OK\r\nX-Powered-By PHP/5.2\r\nContent-Length: ${feed.length}\r\n\r\n${feed}`,
  };
  const server = await serve((request, response) => {
    const answer = answers[request.url ?? ''] ?? `HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok`;
    // the head in two pieces, split inside the lengths, as a slow server's may arrive
    const cut = answer.indexOf('ength') + 2;
    response.socket?.write(answer.slice(0, cut), 'latin1');
    setTimeout(() => response.socket?.end(answer.slice(cut), 'latin1'), 20);
  });
  for (const path of Object.keys(answers)) {
    const before = server.requests.length;
    const response = await safeFetch(`${server.url}${path}`, { allowPrivateAddresses: true });
    expect(text(response.body), path).toBe(feed);
    // asked strictly first, then once leniently
    expect(server.requests.length - before, path).toBe(2);
    // a header value holding a control character is dropped, so no poll sends it back
    expect(response.headers.get('etag'), path).toBeNull();
  }
  // lengths that disagree leave the body's end in doubt: refused, as browsers refuse them
  const disagreeing = await fetchError(`${server.url}/lengths-disagree`, { allowPrivateAddresses: true });
  expect(disagreeing.message).toMatch(/^malformed HTTP response: .*Content-Length/);
  const webhook = await fetchError(`${server.url}/hook`, { allowPrivateAddresses: true, method: 'POST', body: '{}' });
  expect(webhook.kind).toBe('bad-response');
  expect(server.requests.filter((request) => request.url === '/hook')).toHaveLength(1);
  // what no parser reads stays a bad response, asked twice and no more
  const garbage = await serve((request, response) => response.socket?.end('SSH-2.0-OpenSSH_9.6\r\n'));
  expect((await fetchError(garbage.url, { allowPrivateAddresses: true })).message).toMatch(/^malformed HTTP response/);
  expect(garbage.requests).toHaveLength(2);
});

test('one deadline covers the whole redirect chain, not each hop', async () => {
  // Five hops of 400 ms each: every hop is well within 1.2 s, the chain is not.
  const server = await serve((request, response) => {
    const step = Number(/^\/hop\/(\d+)$/.exec(request.url ?? '')?.[1] ?? 0);
    setTimeout(() => {
      if (response.destroyed) return;
      if (step < 5) response.writeHead(302, { location: `/hop/${step + 1}` }).end();
      else response.end('arrived');
    }, 400);
  });
  const error = await fetchError(`${server.url}/hop/0`, { allowPrivateAddresses: true, timeoutMs: 1_200 });
  expect(error.kind).toBe('timeout');
  expect(server.requests.length).toBeLessThan(6);
});

test('a caller can cancel a fetch with a signal', async () => {
  const server = await serve(() => {
    /* never responds */
  });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const error = await fetchError(server.url, { allowPrivateAddresses: true, signal: controller.signal });
  expect(error.kind).toBe('network');
  expect(error.message).toContain('cancelled');
});

/** Streams `chunk` up to `times` times, respecting backpressure, counting what was handed over. */
function endlessBody(chunk: Buffer, times: number, headers: Record<string, string> = {}) {
  const counter = { written: 0, closed: false };
  const handler = (_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/xml', ...headers });
    let sent = 0;
    const pump = () => {
      while (sent < times && !response.destroyed) {
        sent += 1;
        counter.written += chunk.byteLength;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) response.end();
    };
    response.on('close', () => (counter.closed = true));
    pump();
  };
  return { counter, handler };
}

test('a body over the limit stops early, without waiting for the rest', async () => {
  const { counter, handler } = endlessBody(Buffer.alloc(64 * 1024, 'a'), 16 * 1024); // 1 GiB on offer
  const server = await serve(handler);
  const error = await fetchError(server.url, { allowPrivateAddresses: true, maxBytes: 1024 * 1024 });
  expect(error.kind).toBe('too-large');
  expect(error.disposition).toBe('give-up');
  expect(error.bytesDecoded).toBeGreaterThan(1024 * 1024);
  expect(error.bytesReceived).toBeLessThanOrEqual(1024 * 1024 + 128 * 1024);
  await expect.poll(() => counter.closed, { timeout: 10_000 }).toBe(true);
  // Kernel socket buffers hold some megabytes; the rest of the gigabyte was never sent.
  expect(counter.written).toBeLessThan(100 * 1024 * 1024);
});

test('a body declared larger than the limit is refused before it is read', async () => {
  const server = await serve((_request, response) => {
    response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
    response.write('x'.repeat(1024));
  });
  const error = await fetchError(server.url, { allowPrivateAddresses: true });
  expect(error.kind).toBe('too-large');
  expect(error.message).toContain('52428800');
});

test('the default limit is 10 MB', async () => {
  const { handler } = endlessBody(Buffer.alloc(1024 * 1024, 'a'), 11);
  const server = await serve(handler);
  const error = await fetchError(server.url, { allowPrivateAddresses: true });
  expect(error.kind).toBe('too-large');
  const { handler: exact } = endlessBody(Buffer.alloc(1024 * 1024, 'a'), 10);
  const fits = await serve(exact);
  const response = await safeFetch(fits.url, { allowPrivateAddresses: true });
  expect(response.body.byteLength).toBe(10 * 1024 * 1024);
});

test('a 307 keeps the method and body', async () => {
  const server = await serve((request, response) => {
    if (request.url === '/hook') return void response.writeHead(307, { location: '/hook-v2' }).end();
    let received = '';
    request.on('data', (chunk: Buffer) => (received += chunk.toString()));
    request.on('end', () => response.end(`${request.method} ${received}`));
  });
  const response = await safeFetch(`${server.url}/hook`, { method: 'POST', body: '{"story":1}', allowPrivateAddresses: true });
  expect(text(response.body)).toBe('POST {"story":1}');
});

test('a 307 or 308 to another host is not followed with the body (a hub subscription carries its secret)', async () => {
  const other = await serve((_request, response) => response.end('taken'), '127.0.0.2');
  for (const status of [307, 308]) {
    const server = await serve((_request, response) => response.writeHead(status, { location: `http://127.0.0.2:${other.port}/hub` }).end());
    const error = await fetchError(`${server.url}/hub`, { method: 'POST', body: 'hub.secret=s3cret', allowPrivateAddresses: true });
    expect(error.message).toMatch(/on to another host \(127\.0\.0\.2:\d+\)/);
  }
  expect(other.requests).toHaveLength(0);
});

test('HEAD answers headers without a body', async () => {
  const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '5' }).end('<rss>'));
  const response = await safeFetch(server.url, { method: 'HEAD', allowPrivateAddresses: true });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/rss+xml');
  expect(response.body.byteLength).toBe(0);
});

test('a redirect without Location is returned as it is, for the caller to classify', async () => {
  const server = await serve((_request, response) => response.writeHead(302).end());
  const response = await safeFetch(server.url, { allowPrivateAddresses: true });
  expect(response.status).toBe(302);
  expect(response.redirects).toHaveLength(0);
});

test("response headers past Node's 16 KiB, as some publishers' CDNs send, are read; past 64 KiB they are a bad response", async () => {
  const server = await serve((request, response) => {
    // forty cookies of a kilobyte each: 40 KiB of headers
    const cookies = Array.from({ length: 40 }, (_, i) => `c${i}=${'v'.repeat(1000)}; Path=/; Secure`);
    if (request.url === '/cookies') response.writeHead(200, { 'set-cookie': cookies }).end('<rss/>');
    else response.writeHead(200, { 'x-padding': 'p'.repeat(MAX_HEADER_BYTES) }).end('ok');
  });
  const read = await safeFetch(`${server.url}/cookies`, { allowPrivateAddresses: true });
  expect(text(read.body)).toBe('<rss/>');
  expect(read.headers.getSetCookie()).toHaveLength(40);
  const error = await fetchError(`${server.url}/padding`, { allowPrivateAddresses: true });
  expect(error.kind).toBe('bad-response');
  expect(error.message).toMatch(/Header overflow/);
});
