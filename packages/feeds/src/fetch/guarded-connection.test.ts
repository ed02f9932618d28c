import { constants } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { FetchError } from './fetch-error.ts';
import { guardedLookup, guardSocket, tlsOptions } from './guarded-connection.ts';
import { safeFetch } from './safe-fetch.ts';
import { listenLocally } from './test-server.ts';

// A self-signed certificate for 127.0.0.1, localhost and feeds.example.test (test only).
const cert = readFileSync(new URL('./fixtures/local-publisher.cert.pem', import.meta.url));
const key = readFileSync(new URL('./fixtures/local-publisher.key.pem', import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A TCP server that records every byte it receives. */
async function startRawServer(): Promise<{ port: number; received: () => number; connections: () => number }> {
  let received = 0;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('data', (chunk) => (received += chunk.byteLength));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, received: () => received, connections: () => connections };
}

async function startTlsPublisher(): Promise<{ port: number; handshakes: () => number }> {
  let handshakes = 0;
  const server = https.createServer({ cert, key }, (_request, response) => response.end('<rss/>'));
  server.on('secureConnection', () => (handshakes += 1));
  const { port, close } = await listenLocally(server);
  cleanups.push(close);
  return { port, handshakes: () => handshakes };
}

test('the socket check refuses a connected private peer before any queued byte is sent', async () => {
  // This socket bypasses the guarded lookup entirely, as a resolver bug or a rebinding race
  // would: only the check on the connected address stands in the way.
  const server = await startRawServer();
  const socket = guardSocket(net.connect({ host: '127.0.0.1', port: server.port }), {}, 'http://127.0.0.1/');
  socket.write('GET /admin HTTP/1.1\r\nHost: internal\r\n\r\n');
  const error = await new Promise<unknown>((resolve) => socket.once('error', resolve));
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).kind).toBe('blocked-address');
  await expect.poll(() => server.connections(), { timeout: 5_000 }).toBe(1);
  // Give any stray bytes time to arrive before asserting none did.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(server.received()).toBe(0);
});

test('the socket check lets an allowed peer through', async () => {
  const server = await startRawServer();
  const socket = guardSocket(net.connect({ host: '127.0.0.1', port: server.port }), { allowedAddresses: ['127.0.0.1'] }, 'http://127.0.0.1/');
  socket.write('hello');
  await expect.poll(() => server.received(), { timeout: 5_000 }).toBe(5);
  socket.destroy();
});

function lookupOnce(
  lookup: net.LookupFunction,
  hostname: string,
  options: { all?: boolean; family?: number },
): Promise<{ error: NodeJS.ErrnoException | null; result: unknown }> {
  return new Promise((resolve) => {
    lookup(hostname, options as never, (error: NodeJS.ErrnoException | null, address: unknown, family?: unknown) =>
      resolve({ error, result: options.all ? address : { address, family } }),
    );
  });
}

test('the guarded lookup answers both single and all-address lookups, by family', async () => {
  const resolveHost = async () => [
    { address: '93.184.216.34', family: 4 as const },
    { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 as const },
  ];
  const lookup = guardedLookup({ resolveHost }, 'http://example.org/');
  expect((await lookupOnce(lookup, 'example.org', { all: true })).result).toHaveLength(2);
  expect((await lookupOnce(lookup, 'example.org', {})).result).toEqual({ address: '93.184.216.34', family: 4 });
  expect((await lookupOnce(lookup, 'example.org', { family: 6 })).result).toEqual({ address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 });
});

test('the guarded lookup turns resolver failures into network errors', async () => {
  const lookup = guardedLookup({ resolveHost: async () => Promise.reject(new Error('SERVFAIL')) }, 'http://example.org/');
  const { error } = await lookupOnce(lookup, 'example.org', { all: true });
  expect(error).toBeInstanceOf(FetchError);
  expect((error as unknown as FetchError).kind).toBe('network');
  const empty = guardedLookup({ resolveHost: async () => [] }, 'http://example.org/');
  expect(((await lookupOnce(empty, 'example.org', {})).error as unknown as FetchError).kind).toBe('network');
});

test('a failed lookup says in words what the resolver code means, the code kept', async () => {
  const failing = (code: string) => {
    const error = Object.assign(new Error(`getaddrinfo ${code} feeds.example.org`), { code });
    return guardedLookup({ resolveHost: async () => Promise.reject(error) }, 'http://feeds.example.org/');
  };
  const message = async (code: string) => ((await lookupOnce(failing(code), 'feeds.example.org', {})).error as unknown as FetchError).message;
  expect(await message('ENOTFOUND')).toBe('could not resolve feeds.example.org: no such host, the name may be mistyped or its domain lapsed (ENOTFOUND)');
  expect(await message('EAI_AGAIN')).toBe("could not resolve feeds.example.org: the host's name servers did not answer, often for a while only (EAI_AGAIN)");
  expect(await message('ESERVFAIL')).toBe('could not resolve feeds.example.org: getaddrinfo ESERVFAIL feeds.example.org');
});

test('https works through the guarded connection, with SNI for the hostname', async () => {
  const publisher = await startTlsPublisher();
  const response = await safeFetch(`https://feeds.example.test:${publisher.port}/rss`, {
    resolveHost: async () => [{ address: '127.0.0.1', family: 4 }],
    allowPrivateAddresses: true,
    ca: cert,
  });
  expect(response.status).toBe(200);
  expect(Buffer.from(response.body).toString()).toBe('<rss/>');
});

test('https connects to servers without secure renegotiation, as browsers do, and never renegotiates unsafely', () => {
  // No local server can leave RFC 5746 out: OpenSSL always answers it, and a relay that
  // stripped it would break the handshake's transcript check. So the options are checked.
  const options = tlsOptions('www.unescwa.example', {});
  expect(options.secureOptions! & constants.SSL_OP_LEGACY_SERVER_CONNECT).toBe(constants.SSL_OP_LEGACY_SERVER_CONNECT);
  expect(options.secureOptions! & constants.SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION).toBe(0);
  expect(options.servername).toBe('www.unescwa.example');
  expect(tlsOptions('192.0.2.7', {}).servername).toBeUndefined();
});

test('an untrusted certificate is a TLS failure to give up on', async () => {
  const publisher = await startTlsPublisher();
  const error = await safeFetch(`https://127.0.0.1:${publisher.port}/rss`, { allowPrivateAddresses: true }).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).kind).toBe('tls');
  expect((error as FetchError).disposition).toBe('give-up');
});

test('https to a private address is refused before the handshake', async () => {
  const publisher = await startTlsPublisher();
  for (const url of [`https://127.0.0.1:${publisher.port}/rss`, `https://feeds.example.test:${publisher.port}/rss`]) {
    const error = await safeFetch(url, { resolveHost: async () => [{ address: '127.0.0.1', family: 4 }], ca: cert }).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as FetchError).kind, url).toBe('blocked-address');
  }
  expect(publisher.handshakes()).toBe(0);
});
