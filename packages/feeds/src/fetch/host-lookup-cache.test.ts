import dns from 'node:dns';
import { afterEach, expect, test, vi } from 'vitest';
import type { HostResolver, ResolvedAddress } from './guarded-connection.ts';
import { cachedHostResolver } from './host-lookup-cache.ts';
import { safeFetch } from './safe-fetch.ts';
import { startTestServer } from './test-server.ts';

const PUBLIC: ResolvedAddress[] = [{ address: '93.184.215.14', family: 4 }];

/** A resolver that counts its lookups and answers each after `delayMs`, or fails for names starting "dead". */
function countingResolver(delayMs = 5): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    await new Promise((done) => setTimeout(done, delayMs));
    if (hostname.startsWith('dead')) throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' });
    return PUBLIC.map((address) => ({ ...address }));
  };
  return Object.assign(resolve, { calls });
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

test('the fetches that want one host at the same moment share one lookup, whatever the case of its name', async () => {
  const resolver = countingResolver(50);
  const resolve = cachedHostResolver(resolver);
  const answers = await Promise.all(['feeds.example.org', 'FEEDS.example.org', 'feeds.example.org', 'other.example.org'].map(resolve));
  expect(answers.every((addresses) => addresses[0]?.address === '93.184.215.14')).toBe(true);
  expect(resolver.calls.sort()).toEqual(['feeds.example.org', 'other.example.org']);
});

test("a host's addresses are kept for the time given, then looked up again", async () => {
  const resolver = countingResolver();
  const resolve = cachedHostResolver(resolver, { ttlMs: 300 });
  await resolve('feeds.example.org');
  await resolve('feeds.example.org');
  expect(resolver.calls).toHaveLength(1);
  await pause(450);
  await resolve('feeds.example.org');
  expect(resolver.calls).toHaveLength(2);
});

test('a failed lookup is remembered for the shorter failure time, so every feed of a dead host fails at once, and is then tried again', async () => {
  const resolver = countingResolver(50);
  const resolve = cachedHostResolver(resolver, { ttlMs: 60_000, failureTtlMs: 300 });
  const first = await Promise.allSettled([resolve('dead.example.org'), resolve('dead.example.org')]);
  expect(first.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  await expect(resolve('dead.example.org')).rejects.toThrow('EAI_AGAIN dead.example.org');
  expect(resolver.calls).toHaveLength(1);
  await pause(450);
  await expect(resolve('dead.example.org')).rejects.toThrow('EAI_AGAIN');
  expect(resolver.calls).toHaveLength(2);
});

test('the least recently used host goes first once the cache holds its most', async () => {
  const resolver = countingResolver(0);
  const resolve = cachedHostResolver(resolver, { maxHosts: 2 });
  await resolve('a.example.org');
  await resolve('b.example.org');
  await resolve('a.example.org');
  await resolve('c.example.org');
  await resolve('a.example.org');
  await resolve('b.example.org');
  expect(resolver.calls).toEqual(['a.example.org', 'b.example.org', 'c.example.org', 'b.example.org']);
});

test('a caller that changes the addresses it was given changes nothing for the next', async () => {
  const resolve = cachedHostResolver(countingResolver(0));
  const given = await resolve('feeds.example.org');
  given[0]!.address = '10.0.0.1';
  given.push({ address: '127.0.0.1', family: 4 });
  expect(await resolve('feeds.example.org')).toEqual(PUBLIC);
});

afterEach(() => {
  vi.restoreAllMocks();
});

test('the fetcher asks the system resolver once for all the feeds of a host, and once for a host whose DNS does not answer', async () => {
  const server = await startTestServer((_request, response) => response.end('<rss version="2.0"><channel/></rss>'));
  // the system resolver as a dead publisher's name server leaves it: no answer, then EAI_AGAIN
  const lookup = vi.spyOn(dns.promises, 'lookup').mockImplementation((async (hostname: string) => {
    if (hostname === 'feeds.silent-dns.test') {
      await pause(200);
      throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' });
    }
    return [{ address: '127.0.0.1', family: 4 }];
  }) as unknown as typeof dns.promises.lookup);
  try {
    const options = { allowPrivateAddresses: true, timeoutMs: 5000 };
    const dead = await Promise.allSettled(Array.from({ length: 6 }, (_, at) => safeFetch(`http://feeds.silent-dns.test:${server.port}/${at}`, options)));
    expect(dead.every((outcome) => outcome.status === 'rejected' && /could not resolve feeds\.silent-dns\.test/.test(String(outcome.reason)))).toBe(true);
    await expect(safeFetch(`http://feeds.silent-dns.test:${server.port}/later`, options)).rejects.toThrow('EAI_AGAIN');
    const live = [
      await safeFetch(`http://feeds.live-dns.test:${server.port}/a`, options),
      await safeFetch(`http://feeds.live-dns.test:${server.port}/b`, options),
    ];
    expect(live.map((response) => response.status)).toEqual([200, 200]);
    expect(lookup.mock.calls.map(([hostname]) => hostname)).toEqual(['feeds.silent-dns.test', 'feeds.live-dns.test']);
    expect(server.requests.map((request) => request.url)).toEqual(['/a', '/b']);
  } finally {
    await server.close();
  }
});
