import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { FetchError } from './fetch-error.ts';
import { proxyFor, setOutboundProxy } from './outbound-proxy.ts';
import { safeFetch } from './safe-fetch.ts';
import { listenLocally, startConnectProxy, type ProxyLog } from './test-server.ts';

// An organisation's network lets web requests out only through its forward proxy: every
// fetch goes through it, as a tunnel to an address the fetcher checked itself.

const cert = readFileSync(new URL('./fixtures/local-publisher.cert.pem', import.meta.url));
const key = readFileSync(new URL('./fixtures/local-publisher.key.pem', import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  setOutboundProxy(null);
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function listen(server: net.Server): Promise<number> {
  const { port, close } = await listenLocally(server);
  cleanups.push(close);
  return port;
}

/** A forward proxy as organisations run them: CONNECT tunnels only; `answer` other than 200 refuses; `names` it resolves. */
async function startProxy(answer = 200, hang = false, names: Record<string, string> = {}): Promise<ProxyLog> {
  const proxy = await startConnectProxy(answer, hang, names);
  cleanups.push(proxy.close);
  return proxy;
}

async function startPublisher(): Promise<{ port: number; hosts: string[] }> {
  const hosts: string[] = [];
  const port = await listen(
    http.createServer((request, response) => {
      hosts.push(request.headers.host ?? '');
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>Via proxy</title></channel></rss>');
    }),
  );
  return { port, hosts };
}

/** feeds.example.test is the publisher on this machine; private.example.test is on the internal network. */
const resolveHost = async (hostname: string) =>
  hostname === 'private.example.test' ? [{ address: '10.20.30.40', family: 4 as const }] : [{ address: '127.0.0.1', family: 4 as const }];

test('a fetch goes through the proxy as a tunnel to the address checked here, not to the name, with the site still named to the site', async () => {
  const proxy = await startProxy();
  const publisher = await startPublisher();
  setOutboundProxy({ url: `http://radar:s3cret@127.0.0.1:${proxy.port}` });
  const response = await safeFetch(`http://feeds.example.test:${publisher.port}/feed.xml`, { allowPrivateAddresses: true, resolveHost });
  expect(response.status).toBe(200);
  expect(Buffer.from(response.body).toString()).toContain('Via proxy');
  expect(response.remoteAddress).toBe('127.0.0.1');
  expect(proxy.tunnels).toEqual([{ target: `127.0.0.1:${publisher.port}`, authorization: `Basic ${Buffer.from('radar:s3cret').toString('base64')}` }]);
  expect(publisher.hosts).toEqual([`feeds.example.test:${publisher.port}`]);
});

test('https goes end to end through the tunnel, the certificate checked against the site’s name', async () => {
  const proxy = await startProxy();
  const port = await listen(https.createServer({ cert, key }, (_request, response) => response.end('<rss/>')));
  const options = { allowPrivateAddresses: true, resolveHost, proxy: { url: `http://127.0.0.1:${proxy.port}` } };
  const response = await safeFetch(`https://feeds.example.test:${port}/feed.xml`, { ...options, ca: cert });
  expect(Buffer.from(response.body).toString()).toBe('<rss/>');
  // without trusting the publisher's certificate: refused as a TLS failure, not read
  await expect(safeFetch(`https://feeds.example.test:${port}/feed.xml`, options)).rejects.toMatchObject({ kind: 'tls' });
  expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port}`]);
});

test('a private address is refused before the proxy is asked for anything', async () => {
  const proxy = await startProxy();
  const options = { resolveHost, proxy: { url: `http://127.0.0.1:${proxy.port}` } };
  await expect(safeFetch('http://private.example.test/feed.xml', options)).rejects.toMatchObject({ kind: 'blocked-address' });
  await expect(safeFetch('http://10.1.2.3/feed.xml', options)).rejects.toMatchObject({ kind: 'blocked-address' });
  await expect(safeFetch('http://169.254.169.254/latest/meta-data/', options)).rejects.toMatchObject({ kind: 'blocked-address' });
  expect(proxy.tunnels).toEqual([]);
});

test("a proxy's refusal, a proxy out of reach and a proxy that never answers are failures that name the proxy", async () => {
  const refusing = await startProxy(407);
  const error = await safeFetch('http://feeds.example.test/feed.xml', {
    allowPrivateAddresses: true,
    resolveHost,
    proxy: { url: `http://127.0.0.1:${refusing.port}` },
  }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(FetchError);
  expect(error).toMatchObject({ kind: 'network', status: undefined });
  expect((error as FetchError).message).toMatch(
    /the outbound proxy 127\.0\.0\.1:\d+ refused a tunnel to 127\.0\.0\.1:80: HTTP\/1\.1 407 Refused \(it asks for a login/,
  );

  // a port nothing listens on any more
  const gone = net.createServer();
  const closed = await new Promise<number>((resolve) => gone.listen(0, '127.0.0.1', () => resolve((gone.address() as AddressInfo).port)));
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  await expect(
    safeFetch('http://feeds.example.test/feed.xml', { allowPrivateAddresses: true, resolveHost, proxy: { url: `http://127.0.0.1:${closed}` } }),
  ).rejects.toMatchObject({ kind: 'network' });

  const silent = await startProxy(200, true);
  await expect(
    safeFetch('http://feeds.example.test/feed.xml', {
      allowPrivateAddresses: true,
      resolveHost,
      timeoutMs: 300,
      proxy: { url: `http://127.0.0.1:${silent.port}` },
    }),
  ).rejects.toMatchObject({ kind: 'timeout' });
});

test('hosts exempt from the proxy are reached directly; the proxy given for one fetch wins over the process’s', async () => {
  const proxy = await startProxy();
  const publisher = await startPublisher();
  setOutboundProxy({ url: `http://127.0.0.1:${proxy.port}`, noProxy: ['.example.test'] });
  await safeFetch(`http://feeds.example.test:${publisher.port}/feed.xml`, { allowPrivateAddresses: true, resolveHost });
  expect(proxy.tunnels).toEqual([]);
  expect(publisher.hosts).toHaveLength(1);
  expect(proxyFor('intranet.corp.example', { url: 'http://proxy:3128', noProxy: ['corp.example'] })).toBeNull();
  expect(proxyFor('corp.example', { url: 'http://proxy:3128', noProxy: ['.corp.example'] })).toBeNull();
  expect(proxyFor('notcorp.example', { url: 'http://proxy:3128', noProxy: ['corp.example'] })?.url.host).toBe('proxy:3128');
  expect(proxyFor('anything.example', { url: 'http://proxy:3128', noProxy: ['*'] })).toBeNull();
  expect(proxyFor('anything.example', null)).toBeNull();
});

test('behind a proxy that resolves names, which this machine cannot, a fetch asks it for a tunnel to the name; what is refused by name or address stays refused', async () => {
  const proxy = await startProxy(200, false, { 'feeds.example.test': '127.0.0.1' });
  const publisher = await startPublisher();
  // no name resolves here
  const resolveNothing = async (hostname: string) => {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  };
  const url = `http://feeds.example.test:${publisher.port}/feed.xml`;
  setOutboundProxy({ url: `http://127.0.0.1:${proxy.port}` });
  await expect(safeFetch(url, { resolveHost: resolveNothing })).rejects.toThrow(/could not resolve feeds\.example\.test: no such host/);
  expect(proxy.tunnels).toEqual([]);

  setOutboundProxy({ url: `http://127.0.0.1:${proxy.port}`, resolvesNames: true });
  const response = await safeFetch(url, { resolveHost: resolveNothing });
  expect(Buffer.from(response.body).toString()).toContain('Via proxy');
  expect(response.remoteAddress).toBe('feeds.example.test');
  expect(proxy.tunnels.map(({ target }) => target)).toEqual([`feeds.example.test:${publisher.port}`]);
  expect(publisher.hosts).toEqual([`feeds.example.test:${publisher.port}`]);

  // an address written as one, this machine's names and cloud metadata are refused before the proxy is asked
  for (const refused of [
    `http://127.0.0.1:${publisher.port}/feed.xml`,
    'http://10.1.2.3/feed.xml',
    'http://localhost/feed.xml',
    'http://metadata.google.internal/computeMetadata/v1/',
  ]) {
    const error = await safeFetch(refused, { resolveHost: resolveNothing }).catch((caught: unknown) => caught);
    expect(error, refused).toBeInstanceOf(FetchError);
    expect((error as FetchError).kind, refused).toBe('blocked-address');
  }
  expect(proxy.tunnels).toHaveLength(1);
});
