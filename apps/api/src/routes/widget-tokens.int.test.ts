import { afterAll, beforeAll, expect, test } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { readConfig, type ClientToServerEvents, type ServerToClientEvents, type Story, type StoryFilter, type SubscribeAck } from '@radar/core';
import { createWidgetToken, newStoryId, openScratchDatabase, saveStories, schema, toStory, type Database } from '@radar/db';
import { appendStory, connectRedis, deleteKeysWithPrefix, FeedScheduler } from '@radar/jobs';
import type { Redis } from 'ioredis';
import { startApiServer, type ApiServer } from '../api-server.ts';

// Widget tokens end to end over real HTTP and a real Socket.IO server: creation and
// revocation by an admin, the origin rule on both, and the token's filter forced on sockets.

const ADMIN = 'widget-admin-token';
const INTRANET = 'https://intranet.example';
const prefix = `radar-test-widget-tokens-${process.pid}-${Date.now().toString(36)}`;
let database: Database;
let redis: Redis;
let scheduler: FeedScheduler;
let server: ApiServer;
let anonymousServer: ApiServer;
let base: string;
const sockets: Socket[] = [];

type RadarSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const story = (title: string, countries: string[]) => {
  const id = newStoryId();
  return { id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title, countries, sourceTitle: 'Wire', publishedAt: new Date() };
};

function admin(method: string, path: string, body?: unknown, token: string | null = ADMIN) {
  return fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function openSocket(url: string, options: { origin?: string; token?: string }): RadarSocket {
  const socket: RadarSocket = connect(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: options.origin ? { origin: options.origin } : {},
  });
  sockets.push(socket);
  return socket;
}

/** Connects and subscribes; resolves with the refusal message when the server says no. */
function subscribe(socket: RadarSocket, filter: { countries?: string[] } = {}): Promise<SubscribeAck | { refused: string }> {
  return new Promise((resolve) => {
    socket.once('connect_error', (error) => resolve({ refused: error.message }));
    socket.once('connect', () => socket.emit('subscribe', { countries: [], companies: [], topics: [], q: '', relevantOnly: false, ...filter }, resolve));
  });
}

function collect(socket: RadarSocket): Story[] {
  const received: Story[] = [];
  socket.on('story', (s) => received.push(s));
  return received;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
  redis = connectRedis(readConfig().redisUrl);
  scheduler = new FeedScheduler(redis, { prefix });
  const deps = { db: database.db, redis, scheduler, adminToken: ADMIN, streamKey: `${prefix}:stories`, port: 0, host: '127.0.0.1' };
  server = await startApiServer(deps);
  anonymousServer = await startApiServer({ ...deps, allowAnonymousWidgets: true });
  base = `http://127.0.0.1:${server.port}`;
  await saveStories(database.db, [story('France fines a platform', ['FR']), story('Germany fines a platform', ['DE'])]);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
  await anonymousServer?.close();
  await scheduler?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis?.disconnect();
});

test('an admin creates a token shown once, stored only as its hash, and lists tokens without it', async () => {
  const input = { name: 'Intranet France', origins: [INTRANET], filter: { countries: ['FR'] } };
  expect((await admin('POST', '/api/widget-tokens', input, null)).status).toBe(401);
  expect((await admin('POST', '/api/widget-tokens', input, 'wrong')).status).toBe(401);
  const badOrigin = await admin('POST', '/api/widget-tokens', { ...input, origins: ['https://intranet.example/wiki'] });
  expect(badOrigin.status).toBe(400);
  expect(((await badOrigin.json()) as { error: string }).error).toMatch(/scheme:\/\/host/);
  expect((await admin('POST', '/api/widget-tokens', { ...input, filter: { countries: ['XX'] } })).status).toBe(400);
  expect((await admin('POST', '/api/widget-tokens', { ...input, filter: { q: 'meta AND (' } })).status).toBe(400);

  const created = await admin('POST', '/api/widget-tokens', input);
  expect(created.status).toBe(201);
  const body = (await created.json()) as { token: string; id: string; origins: string[] };
  expect(body.token).toMatch(/^rw_[\w-]{32}$/);
  expect(body.origins).toEqual([INTRANET]);

  const rows = await database.db.select().from(schema.widgetTokens);
  const row = rows.find((r) => r.id === body.id)!;
  expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(rows)).not.toContain(body.token);

  const listed = await admin('GET', '/api/widget-tokens');
  expect(listed.status).toBe(200);
  const text = await listed.text();
  expect(text).toContain('Intranet France');
  expect(text).not.toContain(body.token);
  expect((await admin('GET', '/api/widget-tokens', undefined, null)).status).toBe(401);
});

test('over HTTP a token works from its origins only, with CORS for exactly that origin, and within its filter', async () => {
  const { token } = (await (await admin('POST', '/api/widget-tokens', { name: 'FR', origins: [INTRANET], filter: { countries: ['FR'] } })).json()) as { token: string };
  const get = (query: string, origin?: string) => fetch(`${base}/api/stories?${query}`, { headers: origin ? { origin } : {} });

  const allowed = await get(`token=${token}`, INTRANET);
  expect(allowed.status).toBe(200);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(INTRANET);
  expect(((await allowed.json()) as { stories: Story[] }).stories.map((s) => s.title)).toEqual(['France fines a platform']);
  // asking for more than the token covers gives nothing more
  const wider = await get(`token=${token}&country=DE`, INTRANET);
  expect(((await wider.json()) as { stories: Story[] }).stories).toEqual([]);

  const elsewhere = await get(`token=${token}`, 'https://elsewhere.example');
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  expect(((await elsewhere.json()) as { error: string }).error).toMatch(/may not be used on pages of https:\/\/elsewhere\.example/);
  const noToken = await get('', INTRANET);
  expect(noToken.status).toBe(403);
  expect((await get('token=rw_not-a-real-token', INTRANET)).status).toBe(401);

  // the dashboard, same origin, is served as before: no token, every story
  const dashboard = await get('', base);
  expect(dashboard.status).toBe(200);
  expect(dashboard.headers.get('access-control-allow-origin')).toBeNull();
  expect(((await dashboard.json()) as { stories: Story[] }).stories).toHaveLength(2);
});

test('a token whose filter was stored before folders existed still works, within its filter', async () => {
  const old = { countries: ['FR'], companies: [], topics: [], q: '', relevantOnly: false } as unknown as StoryFilter;
  const { token } = await createWidgetToken(database.db, { name: 'Old', origins: [INTRANET], filter: old });
  const answer = await fetch(`${base}/api/stories?token=${token}&folder=Press`, { headers: { origin: INTRANET } });
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { stories: Story[] }).stories).toEqual([]);
  const all = await fetch(`${base}/api/stories?token=${token}`, { headers: { origin: INTRANET } });
  expect(((await all.json()) as { stories: Story[] }).stories.map((s) => s.title)).toEqual(['France fines a platform']);
});

test('over Socket.IO the origin is checked at connection and the token filter is forced on subscriptions', async () => {
  const { token } = (await (await admin('POST', '/api/widget-tokens', { name: 'FR live', origins: [INTRANET], filter: { countries: ['FR'] } })).json()) as { token: string };

  const refused = await subscribe(openSocket(base, { origin: 'https://elsewhere.example', token }));
  expect(refused).toEqual({ refused: 'this widget token may not be used on pages of https://elsewhere.example' });
  expect(await subscribe(openSocket(base, { origin: INTRANET }))).toEqual({ refused: expect.stringMatching(/needs a widget token/) });
  expect(await subscribe(openSocket(base, { origin: INTRANET, token: 'rw_unknown' }))).toEqual({ refused: expect.stringMatching(/unknown or was revoked/) });

  const widget = openSocket(base, { origin: INTRANET, token });
  const widgetStories = collect(widget);
  expect(await subscribe(widget)).toEqual({ ok: true, missed: 0 });
  // a widget asking for Germany with a France token gets nothing, not Germany
  const wider = openSocket(base, { origin: INTRANET, token });
  const widerStories = collect(wider);
  expect(await subscribe(wider, { countries: ['DE'] })).toEqual({ ok: true, missed: 0 });
  const dashboard = openSocket(base, {});
  const dashboardStories = collect(dashboard);
  expect(await subscribe(dashboard)).toEqual({ ok: true, missed: 0 });

  const [germany] = await saveStories(database.db, [story('Germany bans an app', ['DE'])]).then((r) => r.inserted);
  const [france] = await saveStories(database.db, [story('France bans an app', ['FR'])]).then((r) => r.inserted);
  await appendStory(redis, `${prefix}:stories`, toStory(germany!));
  await appendStory(redis, `${prefix}:stories`, toStory(france!));
  await until(() => dashboardStories.length === 2 && widgetStories.length === 1, 'the live stories');
  expect(widgetStories.map((s) => s.title)).toEqual(['France bans an app']);
  expect(dashboardStories.map((s) => s.title)).toEqual(['Germany bans an app', 'France bans an app']);
  expect(widerStories).toEqual([]);
});

test('revoking a token closes its open sockets and refuses it from then on', async () => {
  const created = (await (await admin('POST', '/api/widget-tokens', { name: 'Short-lived', origins: [INTRANET] })).json()) as { token: string; id: string };
  const widget = openSocket(base, { origin: INTRANET, token: created.token });
  expect(await subscribe(widget)).toEqual({ ok: true, missed: 0 });
  const closed = new Promise<string>((resolve) => widget.once('disconnect', resolve));

  expect((await admin('DELETE', `/api/widget-tokens/${created.id}`, undefined, null)).status).toBe(401);
  expect((await admin('DELETE', `/api/widget-tokens/${created.id}`)).status).toBe(204);
  expect(await closed).toBe('io server disconnect');
  expect((await admin('DELETE', `/api/widget-tokens/${created.id}`)).status).toBe(404);
  expect((await fetch(`${base}/api/stories?token=${created.token}`, { headers: { origin: INTRANET } })).status).toBe(401);
  expect(await subscribe(openSocket(base, { origin: INTRANET, token: created.token }))).toEqual({ refused: expect.stringMatching(/revoked/) });
  expect(((await (await admin('GET', '/api/widget-tokens')).json()) as { widgetTokens: { id: string }[] }).widgetTokens.map((t) => t.id)).not.toContain(created.id);
});

test('an instance that allows anonymous widgets serves any site without a token', async () => {
  const anonymous = `http://127.0.0.1:${anonymousServer.port}`;
  const response = await fetch(`${anonymous}/api/stories?country=DE`, { headers: { origin: 'https://anywhere.example' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(await subscribe(openSocket(anonymous, { origin: 'https://anywhere.example' }))).toEqual({ ok: true, missed: 0 });
  // a token still holds its own origins there
  const { token } = (await (await admin('POST', '/api/widget-tokens', { name: 'Held', origins: [INTRANET] })).json()) as { token: string };
  expect((await fetch(`${anonymous}/api/stories?token=${token}`, { headers: { origin: 'https://anywhere.example' } })).status).toBe(403);
});
