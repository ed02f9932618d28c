import net from 'node:net';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { readConfig } from '@radar/core';
import { connectRedis, REDIS_SOCKET_TIMEOUT_MS } from './redis-connection.ts';

/**
 * A TCP relay to Redis whose open connections can be cut without a word, as a firewall or a
 * NAT that forgot them does: nothing more passes on them, and nothing says they are gone.
 * Connections made afterwards pass again.
 */
function cuttableRelay(target: URL) {
  const open: { cut: boolean; sockets: net.Socket[] }[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    const pair = { cut: false, sockets: [client, upstream] };
    open.push(pair);
    for (const socket of pair.sockets) {
      socket.on('error', () => {});
      socket.on('close', () => (client.destroy(), upstream.destroy()));
    }
    client.on('data', (chunk) => pair.cut || upstream.write(chunk));
    upstream.on('data', (chunk) => pair.cut || client.write(chunk));
  });
  return {
    server,
    connections: () => open.length,
    cutAll: () => open.forEach((pair) => (pair.cut = true)),
    close: () => {
      for (const pair of open) pair.sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let relay: ReturnType<typeof cuttableRelay>;
let relayedUrl: string;

beforeAll(async () => {
  const target = new URL(readConfig().redisUrl);
  relay = cuttableRelay(target);
  await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(target.href);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((relay.server.address() as net.AddressInfo).port);
  relayedUrl = relayed.href;
});

afterAll(async () => relay?.close());

test('a command on a connection cut without a word is sent again on a new connection, not held until TCP gives up', async () => {
  // the quiet logger: the dropped connection is logged, as it should be, but not in test output
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const redis = connectRedis(relayedUrl, { socketTimeout: 500 });
  try {
    expect(await redis.ping()).toBe('PONG');
    expect(relay.connections()).toBe(1);
    relay.cutAll();
    const key = `radar-test:cut-connection:${process.pid}`;
    expect(await redis.set(key, 'kept', 'EX', 60)).toBe('OK');
    expect(relay.connections()).toBe(2);
    expect(await redis.get(key)).toBe('kept');
    expect(logged.mock.calls.flat().join('\n')).toMatch(/Socket timeout/);
  } finally {
    redis.disconnect();
    logged.mockRestore();
  }
});

test('connections wait for an answer 30 s by default, longer than any blocking read of the product or BullMQ', () => {
  const redis = connectRedis(relayedUrl, { lazyConnect: true });
  try {
    expect(redis.options.socketTimeout).toBe(REDIS_SOCKET_TIMEOUT_MS);
    expect(REDIS_SOCKET_TIMEOUT_MS).toBeGreaterThan(10_000);
  } finally {
    redis.disconnect();
  }
});
