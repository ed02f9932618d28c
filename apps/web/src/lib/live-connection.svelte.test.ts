import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  StoryFilterSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type Story,
  type SubscribeRequest,
} from '@radar/core';
import { Server } from 'socket.io';
import { afterEach, expect, test } from 'vitest';
import { LiveConnection } from './live-connection.svelte.ts';

const story = (id: string): Story => ({
  id,
  url: 'https://example.org/a',
  title: 'Regulator opens inquiry',
  summary: '',
  source: { feedId: 'f1', title: 'Example Times' },
  publishedAt: '2026-11-30T10:00:00Z',
  ingestedAt: '2026-11-30T10:00:01Z',
  lang: 'en',
  countries: ['FR'],
  companies: [],
  topics: [],
  relevant: true,
  score: 0.9,
  clusterId: null,
});

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real Socket.IO server that records every subscribe request and can replay stories. */
async function startServer(replay: (request: SubscribeRequest) => Story[] = () => []) {
  const http = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { path: '/socket.io' });
  const requests: SubscribeRequest[] = [];
  io.on('connection', (socket) => {
    socket.on('subscribe', (request, ack) => {
      requests.push(request);
      const missed = replay(request);
      for (const item of missed) socket.emit('story', item);
      ack({ ok: true, missed: missed.length });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => io.close(() => resolve(undefined))));
  return { io, requests, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('subscribes on connect, goes live, and hands over pushed stories', async () => {
  const server = await startServer();
  const received: Story[] = [];
  const filter = StoryFilterSchema.parse({ countries: ['FR'] });
  const connection = new LiveConnection();
  cleanups.push(() => connection.disconnect());
  connection.connect({ url: server.url, subscription: () => ({ ...filter }), onStory: (s) => received.push(s) });
  expect(connection.status).toBe('connecting');

  await until(() => connection.status === 'live');
  expect(server.requests[0]).toMatchObject({ countries: ['FR'] });

  server.io.emit('story', story('0193a0c4-0001-7000-8000-000000000000'));
  await until(() => received.length === 1);
  expect(connection.lastStoryAt).not.toBeNull();
});

test('after a dropped connection it re-subscribes with the newest id and receives what it missed', async () => {
  const published = [story('0193a0c4-0001-7000-8000-000000000000')];
  const server = await startServer((request) => published.filter((s) => request.since !== undefined && s.id > request.since));
  const received: Story[] = [];
  let newest: string | undefined = published[0]!.id;
  const connection = new LiveConnection();
  cleanups.push(() => connection.disconnect());
  connection.connect({
    url: server.url,
    subscription: () => ({ since: newest }),
    onStory: (s) => {
      received.push(s);
      newest = s.id;
    },
  });
  await until(() => connection.status === 'live');
  expect(connection.missed).toBe(0);

  // Cut the transport under the socket, as a network drop would; a story is published meanwhile.
  for (const socket of server.io.sockets.sockets.values()) socket.conn.close();
  published.push(story('0193a0c4-0002-7000-8000-000000000000'));
  await until(() => connection.status === 'reconnecting');
  await until(() => server.requests.length === 2 && connection.status === 'live');

  expect(server.requests[1]?.since).toBe('0193a0c4-0001-7000-8000-000000000000');
  expect(received.map((s) => s.id)).toEqual(['0193a0c4-0002-7000-8000-000000000000']);
  expect(connection.missed).toBe(1);
});

test('a server that closes the socket is reconnected to, and a refused subscription shows offline', async () => {
  const http = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { path: '/socket.io' });
  let refuse = false;
  io.on('connection', (socket) => {
    socket.on('subscribe', (_request, ack) => ack(refuse ? { ok: false, error: 'filter too large' } : { ok: true, missed: 0 }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => io.close(() => resolve(undefined))));
  const connection = new LiveConnection();
  cleanups.push(() => connection.disconnect());
  connection.connect({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, subscription: () => ({}), onStory: () => {} });
  await until(() => connection.status === 'live');

  refuse = true;
  io.disconnectSockets(true);
  await until(() => connection.status === 'offline');
  expect(connection.error).toBe('filter too large');
});
