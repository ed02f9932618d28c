import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ClientToServerEvents, Feed, FeedPoll, ServerToClientEvents, Story } from '@radar/core';
import { getFeed, setWebSubState, updateFeed } from '@radar/db';
import { connectRedis, PUSHES_PER_MINUTE, storyStreamKey } from '@radar/jobs';
import { keepWebSubscription, leaveWebSubscription, pollFeed, SAFETY_NET_INTERVAL_SECONDS, webSubCallbackUrl } from '@radar/poller';
import { freePort, TestRadar, waitUntil } from '../testing/test-radar.ts';

/** A WebSub hub on this machine: takes subscriptions, verifies intent, pushes signed content. */
class LocalHub {
  readonly requests: URLSearchParams[] = [];
  /** A hub that takes requests and never checks them with the subscriber: one that cannot reach it. */
  silent = false;
  readonly verifications: { mode: string; answered: string; status: number }[] = [];
  #server!: Server;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        this.requests.push(form);
        res.writeHead(202).end();
        if (!this.silent) void this.#verify(form);
      });
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hub`;
    return this;
  }

  async #verify(form: URLSearchParams): Promise<void> {
    const challenge = `challenge-${Math.random().toString(36).slice(2)}`;
    const url = new URL(form.get('hub.callback')!);
    url.searchParams.set('hub.mode', form.get('hub.mode')!);
    url.searchParams.set('hub.topic', form.get('hub.topic')!);
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.lease_seconds', '864000');
    const response = await fetch(url);
    const answered = await response.text();
    this.verifications.push({ mode: form.get('hub.mode')!, answered: answered === challenge ? 'challenge' : answered, status: response.status });
  }

  /** Pushes a document to the subscriber last asked for, signed with the secret it gave (or another). */
  async push(document: string, secret = this.requests.at(-1)!.get('hub.secret')!): Promise<number> {
    return (await this.pushTo(this.requests.at(-1)!.get('hub.callback')!, document, secret)).status;
  }

  /** Pushes a document to a callback, signed with `secret`. */
  pushTo(callback: string, document: string, secret: string): Promise<Response> {
    return fetch(callback, {
      method: 'POST',
      body: document,
      headers: {
        'content-type': 'application/atom+xml',
        'x-hub-signature': `sha256=${createHmac('sha256', secret).update(document).digest('hex')}`,
      },
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

const radar = new TestRadar();
const hub = new LocalHub();
let feedId: string;
let client: Socket<ServerToClientEvents, ClientToServerEvents>;
const received: Story[] = [];

const feedHealth = async (id = feedId) =>
  ((await (await radar.api('/api/feeds')).json()) as { feeds: Feed[] }).feeds.find((f) => f.id === id)!;

beforeAll(async () => {
  await hub.start();
  const port = await freePort();
  await radar.start('postgres', { port, env: { RADAR_PUBLIC_URL: `http://127.0.0.1:${port}` } });
  const url = radar.newsroom.addOutlet({ slug: 'pushed', title: 'Pushed Wire', format: 'atom', language: 'en', hubUrl: hub.url });
  feedId = (await radar.addFeed(url)).id;
  client = connect(radar.url, { transports: ['websocket'], forceNew: true });
  client.on('story', (story) => received.push(story));
  await new Promise((resolve) => client.emit('subscribe', {}, resolve));
});

afterAll(async () => {
  client?.disconnect();
  await radar.close();
  await hub.close();
});

test('a feed that announces a hub is subscribed, and the hub verifies our intent', async () => {
  await waitUntil(() => hub.verifications.length === 1, 'the hub to verify');
  const [request] = hub.requests;
  expect(request?.get('hub.mode')).toBe('subscribe');
  expect(request?.get('hub.topic')).toBe(radar.newsroom.feedUrl('pushed'));
  // the callback carries a key of its own subscription's, not the feed's id alone
  const { websubCallbackKey } = (await getFeed(radar.radar.database.db, feedId))!;
  expect(websubCallbackKey).toMatch(/^[\w-]{16}$/);
  expect(request?.get('hub.callback')).toBe(`${radar.url}/websub/${feedId}/${websubCallbackKey}`);
  expect(request?.get('hub.secret')).toMatch(/^[0-9a-f]{48}$/);
  expect(hub.verifications[0]).toEqual({ mode: 'subscribe', answered: 'challenge', status: 200 });
  expect((await feedHealth()).websub).toMatchObject({ hub: hub.url, state: 'subscribed' });
});

test('pushed content is ingested without a poll, and a push with a bad signature is dropped', async () => {
  // a forger who knows the callback but not the secret
  radar.newsroom.addOutlet({ slug: 'forger', title: 'Forger', format: 'atom', language: 'en' });
  radar.newsroom.publish('forger', { title: 'Forged story about Japan', summary: 'Should never appear.' });
  expect(await hub.push(radar.newsroom.render('forger'), 'not-the-secret')).toBe(202);
  radar.newsroom.publish('pushed', { title: 'Japan passes a smartphone competition law', summary: 'The Diet acted.' });
  expect(await hub.push(radar.newsroom.render('pushed'))).toBe(202);
  await waitUntil(() => received.length >= 1, 'the pushed story');
  const queue = radar.radar.scheduler.queue;
  await waitUntil(async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, 'the poll queue to drain');
  expect(received.map((s) => s.title)).toEqual(['Japan passes a smartphone competition law']);
  const stored = ((await (await radar.api('/api/stories?q=forged')).json()) as { stories: Story[] }).stories;
  expect(stored).toEqual([]);
  expect(radar.polls.filter((p) => p.feedId === feedId && p.manual)).toHaveLength(0);
  // the feed's history has the push as its newest poll (the forged one never reached it)
  const { polls } = (await (await radar.api(`/api/feeds/${feedId}/polls?limit=1`)).json()) as { polls: FeedPoll[] };
  expect(polls).toEqual([expect.objectContaining({ outcome: 'read', pushed: true, status: 200, newStories: 1, error: null })]);
  expect(await hub.push('<feed/>', 'wrong')).toBe(202);
});

test('polling goes on slowly as a safety net, and the lease is renewed before it lapses', async () => {
  await radar.refresh(feedId);
  expect((await feedHealth()).pollIntervalSeconds).toBeGreaterThanOrEqual(SAFETY_NET_INTERVAL_SECONDS);

  const feed = (await getFeed(radar.radar.database.db, feedId))!;
  const before = hub.requests.length;
  const deps = { db: radar.radar.database.db, publicUrl: radar.url, allowPrivateAddresses: true };
  const links = { hub: hub.url, self: radar.newsroom.feedUrl('pushed') };
  await keepWebSubscription(feed, links, deps, new Date(feed.websubExpiresAt!.getTime() - 5 * 86_400_000));
  expect(hub.requests.length).toBe(before);
  await keepWebSubscription(feed, links, deps, new Date(feed.websubExpiresAt!.getTime() - 12 * 3_600_000));
  expect(hub.requests.length).toBe(before + 1);
  expect(hub.requests.at(-1)?.get('hub.secret')).toBe(feed.websubSecret);
});

test('a safety-net poll that finds the feed unchanged still renews a lease about to lapse', async () => {
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const expiresAt = (await getFeed(radar.radar.database.db, feedId))!.websubExpiresAt!;
    const deps = {
      db: radar.radar.database.db,
      redis,
      streamKey: storyStreamKey({ prefix: radar.prefix }),
      publicUrl: radar.url,
      allowPrivateAddresses: true,
      now: () => new Date(expiresAt.getTime() - 12 * 3_600_000),
    };
    await pollFeed(feedId, deps, { manual: true });
    const before = hub.requests.length;
    // nothing changed since: the document is not read again, and the lease is renewed all the same
    expect(await pollFeed(feedId, deps, { manual: true })).toEqual({ kind: 'not-modified', streamed: 0 });
    expect(hub.requests.length).toBe(before + 1);
    expect(hub.requests.at(-1)?.get('hub.mode')).toBe('subscribe');
  } finally {
    redis.disconnect();
  }
});

test("a hub's verification granting a lease of no sense, or of ages, is answered, and the lease kept within a year", async () => {
  // the local hub verifies each subscription on its own time (10 days): those of earlier tests land first
  await waitUntil(() => hub.verifications.length === hub.requests.length, "the hub's own verifications");
  const verify = async (lease: string) => {
    const checked = await hubCheck(await callbackOf(feedId), { 'hub.mode': 'subscribe', 'hub.topic': radar.newsroom.feedUrl('pushed'), 'hub.challenge': 'c-1', 'hub.lease_seconds': lease });
    const expiresIn = (await getFeed(radar.radar.database.db, feedId))!.websubExpiresAt!.getTime() - Date.now();
    return { ...checked, days: Math.round(expiresIn / 86_400_000) };
  };
  expect(await verify('1e309')).toEqual({ status: 200, answer: 'c-1', days: 7 });
  expect(await verify('99999999999999')).toEqual({ status: 200, answer: 'c-1', days: 365 });
  expect(await verify('-60')).toEqual({ status: 200, answer: 'c-1', days: 7 });
  expect(await verify('172800')).toEqual({ status: 200, answer: 'c-1', days: 2 });
});

const setEnabled = (id: string, enabled: boolean) => radar.api(`/api/feeds/${id}`, { method: 'PATCH', body: JSON.stringify({ enabled }) });

/** Opens an outlet that announces the hub, adds its feed, and waits for the hub to verify the subscription. */
async function subscribedOutlet(slug: string, title: string): Promise<{ id: string; url: string; secret: string; callback: string }> {
  const url = radar.newsroom.addOutlet({ slug, title, format: 'atom', language: 'en', hubUrl: hub.url });
  const { id } = await radar.addFeed(url);
  await waitUntil(() => hub.verifications.length === hub.requests.length && hub.requests.at(-1)?.get('hub.topic') === url, 'the subscription');
  return { id, url, secret: (await getFeed(radar.radar.database.db, id))!.websubSecret!, callback: await callbackOf(id) };
}

/** A hub's check at a callback (hub.mode, hub.topic, …), as anyone may send it: the status and the answer. */
async function hubCheck(callback: string, query: Record<string, string>): Promise<{ status: number; answer: string }> {
  const url = new URL(callback);
  url.search = new URLSearchParams({ 'hub.challenge': 'c-check', ...query }).toString();
  const response = await fetch(url);
  return { status: response.status, answer: await response.text() };
}

/** The callback address of the subscription a feed holds. */
async function callbackOf(id: string): Promise<string> {
  return webSubCallbackUrl(radar.url, id, (await getFeed(radar.radar.database.db, id))!.websubCallbackKey);
}

/** Waits for the hub to verify the feed's unsubscription from `topic`, and checks that our callback confirmed it. */
async function expectLeft(topic: string, callback: string): Promise<void> {
  await waitUntil(() => hub.verifications.at(-1)?.mode === 'unsubscribe', 'the hub to verify the unsubscription');
  expect(Object.fromEntries(hub.requests.at(-1)!)).toMatchObject({ 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.callback': callback });
  expect(hub.verifications.at(-1)).toEqual({ mode: 'unsubscribe', answered: 'challenge', status: 200 });
}

test('a paused feed leaves its hub and takes no pushes, and is subscribed again when resumed', async () => {
  await waitUntil(() => hub.verifications.length === hub.requests.length, "the hub's own verifications");
  const { websubSecret: secret } = (await getFeed(radar.radar.database.db, feedId))!;
  const callback = await callbackOf(feedId);
  expect((await setEnabled(feedId, false)).status).toBe(200);
  await waitUntil(() => hub.verifications.at(-1)?.mode === 'unsubscribe', 'the hub to verify the unsubscription');
  expect(Object.fromEntries(hub.requests.at(-1)!)).toEqual({
    'hub.mode': 'unsubscribe',
    'hub.topic': radar.newsroom.feedUrl('pushed'),
    'hub.callback': callback,
    'hub.lease_seconds': expect.any(String),
  });
  expect(hub.verifications.at(-1)).toEqual({ mode: 'unsubscribe', answered: 'challenge', status: 200 });
  expect((await feedHealth()).websub).toEqual({ hub: hub.url, state: null, expiresAt: null });
  // a paused feed is not subscribed by a hub's late check (to a request a poll running as it
  // was paused had made), nor marked refused by its denial
  const topic = radar.newsroom.feedUrl('pushed');
  await setWebSubState(radar.radar.database.db, feedId, { websubHub: hub.url, websubTopic: topic, websubState: 'pending' });
  expect((await hubCheck(callback, { 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.lease_seconds': '86400' })).status).toBe(404);
  await setWebSubState(radar.radar.database.db, feedId, { websubHub: hub.url, websubTopic: topic, websubState: null });
  // read by hand while paused, it asks its hub for nothing
  const before = hub.requests.length;
  radar.newsroom.publish('pushed', { title: 'Brazil opens a consultation on platform rules', summary: 'Read by hand while paused.' });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled' });
  expect(hub.requests.length).toBe(before);
  expect((await feedHealth()).websub).toEqual({ hub: hub.url, state: null, expiresAt: null });
  expect((await hubCheck(callback, { 'hub.mode': 'denied', 'hub.topic': topic, 'hub.reason': 'late' })).status).toBe(200);
  expect((await feedHealth()).websub).toEqual({ hub: hub.url, state: null, expiresAt: null });

  // a hub that pushes all the same is told the subscription is gone; a push queued before the
  // pause is dropped by the poller
  radar.newsroom.publish('pushed', { title: 'Brazil fines a platform over a data leak', summary: 'Pushed while paused.' });
  const document = radar.newsroom.render('pushed');
  expect(await hub.push(document, secret!)).toBe(410);
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const deps = { db: radar.radar.database.db, redis, streamKey: storyStreamKey({ prefix: radar.prefix }), publicUrl: radar.url, allowPrivateAddresses: true };
    const pushed = { body: Buffer.from(document), contentType: 'application/atom+xml' };
    expect(await pollFeed(feedId, deps, { pushed })).toEqual({ kind: 'skipped', reason: 'feed paused' });
  } finally {
    redis.disconnect();
  }
  expect(((await (await radar.api('/api/stories?q=leak')).json()) as { stories: Story[] }).stories).toEqual([]);

  const asked = hub.requests.length;
  expect((await setEnabled(feedId, true)).status).toBe(200);
  await waitUntil(() => hub.requests.length > asked && hub.verifications.length === hub.requests.length, 'the hub to verify the new subscription');
  expect(hub.requests.at(-1)?.get('hub.mode')).toBe('subscribe');
  expect(hub.verifications.at(-1)).toEqual({ mode: 'subscribe', answered: 'challenge', status: 200 });
  expect((await feedHealth()).websub).toMatchObject({ hub: hub.url, state: 'subscribed' });
});

test("a hub pushing more than 30 times a minute is told to come back later; forged pushes use none of the feed's share", async () => {
  const { id, secret, callback } = await subscribedOutlet('busy', 'Busy Wire');
  const push = (key: string) => hub.pushTo(callback, radar.newsroom.render('busy'), key);
  for (let forged = 0; forged < 40; forged++) expect((await push('not-the-secret')).status).toBe(202);
  for (let pushed = 0; pushed < PUSHES_PER_MINUTE; pushed++) expect((await push(secret)).status).toBe(202);
  const refused = await push(secret);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
});

test('a deleted feed leaves its hub, and a push for it is answered 410', async () => {
  const { id, url, secret, callback } = await subscribedOutlet('closing', 'Closing Wire');
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
  await expectLeft(url, callback);
  expect(await hub.push(radar.newsroom.render('closing'), secret)).toBe(410);
});

test('a feed whose address moves is subscribed at its new topic and leaves the old; the topic it holds is never given up', async () => {
  const { id, url: from, callback: left } = await subscribedOutlet('moving', 'Moving Wire');
  const to = radar.newsroom.addOutlet({ slug: 'moved', title: 'Moved Wire', format: 'atom', language: 'en', hubUrl: hub.url });
  const asked = hub.requests.length;
  expect((await radar.api(`/api/feeds/${id}`, { method: 'PATCH', body: JSON.stringify({ url: to }) })).status).toBe(200);
  await radar.refresh(id);
  await waitUntil(() => hub.requests.length >= asked + 2 && hub.verifications.length === hub.requests.length, 'the new subscription, and the old one left');
  expect(hub.requests.slice(asked).map((form) => [form.get('hub.mode'), form.get('hub.topic'), form.get('hub.callback')])).toEqual([
    ['subscribe', to, await callbackOf(id)],
    ['unsubscribe', from, left],
  ]);
  expect(await callbackOf(id)).not.toBe(left);
  const verified = hub.verifications.slice(asked);
  expect(verified).toHaveLength(2);
  expect(verified).toEqual(expect.arrayContaining([
    { mode: 'subscribe', answered: 'challenge', status: 200 },
    { mode: 'unsubscribe', answered: 'challenge', status: 200 },
  ]));
  // anyone may ask a hub to unsubscribe us: the hub's check with us of the topic we hold is refused
  expect((await hubCheck(await callbackOf(id), { 'hub.mode': 'unsubscribe', 'hub.topic': to, 'hub.challenge': 'c-2' })).status).toBe(404);
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
});

test('a feed whose hub changes is subscribed at the new hub and leaves the old, which can push to it no more', async () => {
  const { id, url, secret, callback: left } = await subscribedOutlet('rehoused', 'Rehoused Wire');
  const newHub = await new LocalHub().start();
  try {
    radar.newsroom.addOutlet({ slug: 'rehoused', title: 'Rehoused Wire', format: 'atom', language: 'en', hubUrl: newHub.url });
    const asked = hub.requests.length;
    await radar.refresh(id);
    await waitUntil(
      () => newHub.verifications.length === 1 && hub.requests.length === asked + 1 && hub.verifications.length === hub.requests.length,
      "the new hub's subscription, and the old hub left",
    );
    const held = await callbackOf(id);
    expect(held).not.toBe(left);
    expect(newHub.requests.map((form) => [form.get('hub.mode'), form.get('hub.topic'), form.get('hub.callback')])).toEqual([['subscribe', url, held]]);
    expect(newHub.verifications).toEqual([{ mode: 'subscribe', answered: 'challenge', status: 200 }]);
    // the same topic is left at the old hub, at the callback it was subscribed with
    expect(Object.fromEntries(hub.requests.at(-1)!)).toMatchObject({ 'hub.mode': 'unsubscribe', 'hub.topic': url, 'hub.callback': left });
    expect(hub.verifications.at(-1)).toEqual({ mode: 'unsubscribe', answered: 'challenge', status: 200 });
    expect((await feedHealth(id)).websub).toMatchObject({ hub: newHub.url, state: 'subscribed' });

    // an old hub that pushes all the same, with the old secret, is told the subscription is gone
    radar.newsroom.publish('rehoused', { title: 'Kenya orders platforms to keep data at home', summary: 'A localisation rule.' });
    const document = radar.newsroom.render('rehoused');
    expect((await hub.pushTo(left, document, secret)).status).toBe(410);
    expect(await newHub.push(document)).toBe(202);
    await waitUntil(() => received.some((story) => story.title.startsWith('Kenya orders')), 'the story the new hub pushed');
    // the old hub's denial, at the callback the feed left, says nothing of the new subscription
    expect((await hubCheck(left, { 'hub.mode': 'denied', 'hub.topic': url, 'hub.reason': 'gone' })).status).toBe(200);
    expect((await feedHealth(id)).websub).toMatchObject({ hub: newHub.url, state: 'subscribed' });
    // anyone may ask the new hub to unsubscribe us: its check with us is refused
    expect((await hubCheck(held, { 'hub.mode': 'unsubscribe', 'hub.topic': url, 'hub.challenge': 'c-3' })).status).toBe(404);
  } finally {
    await radar.api(`/api/feeds/${id}`, { method: 'DELETE' });
    await waitUntil(() => newHub.verifications.at(-1)?.mode === 'unsubscribe', 'the new hub left');
    await newHub.close();
  }
});

test('a subscription made before callbacks had keys moves to a callback with one when renewed, and leaves its own', async () => {
  const { id, url } = await subscribedOutlet('keyless', 'Keyless Wire');
  const db = radar.radar.database.db;
  await setWebSubState(db, id, { websubHub: hub.url, websubTopic: url, websubState: 'subscribed', websubCallbackKey: null });
  const legacy = `${radar.url}/websub/${id}`;
  expect(await callbackOf(id)).toBe(legacy);
  const feed = (await getFeed(db, id))!;
  // the hub's check of the subscription at its own callback is answered while it holds
  expect(await hubCheck(legacy, { 'hub.mode': 'subscribe', 'hub.topic': url, 'hub.lease_seconds': '864000' })).toEqual({ status: 200, answer: 'c-check' });
  expect((await hubCheck(`${legacy}/not-its-key`, { 'hub.mode': 'subscribe', 'hub.topic': url })).status).toBe(404);

  // renewed a day before the lease lapses, at a callback with a key (the feed id alone can be
  // guessed, and a forged denial there would hold renewals off), and the old callback left
  const asked = hub.requests.length;
  const deps = { db, publicUrl: radar.url, allowPrivateAddresses: true };
  await keepWebSubscription(feed, { hub: hub.url, self: url }, deps, new Date(feed.websubExpiresAt!.getTime() - 12 * 3_600_000));
  await waitUntil(() => hub.requests.length === asked + 2 && hub.verifications.length === hub.requests.length, 'the renewal, and the old callback left');
  const keyed = await callbackOf(id);
  expect(keyed).toMatch(new RegExp(`^${legacy}/[\\w-]{16}$`));
  expect(hub.requests.slice(asked).map((form) => [form.get('hub.mode'), form.get('hub.topic'), form.get('hub.callback'), form.get('hub.secret')])).toEqual([
    ['subscribe', url, keyed, feed.websubSecret],
    ['unsubscribe', url, legacy, null],
  ]);
  expect(hub.verifications.slice(asked)).toEqual(expect.arrayContaining([
    { mode: 'subscribe', answered: 'challenge', status: 200 },
    { mode: 'unsubscribe', answered: 'challenge', status: 200 },
  ]));
  expect((await feedHealth(id)).websub).toMatchObject({ hub: hub.url, state: 'subscribed' });
  radar.newsroom.publish('keyless', { title: 'Chile drafts a platform law', summary: 'Pushed twice.' });
  const document = radar.newsroom.render('keyless');
  expect((await hub.pushTo(legacy, document, feed.websubSecret!)).status).toBe(410);
  expect((await hub.pushTo(keyed, document, feed.websubSecret!)).status).toBe(202);
  // a forged denial at the old callback counts for nothing
  expect((await hubCheck(legacy, { 'hub.mode': 'denied', 'hub.topic': url })).status).toBe(200);
  expect((await feedHealth(id)).websub?.state).toBe('subscribed');
  const before = hub.requests.length;
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
  await waitUntil(() => hub.requests.length > before && hub.verifications.length === hub.requests.length, 'the hub left');
  await expectLeft(url, keyed);
});

test('a feed that no longer names a hub is polled at its own pace, and forgets the hub once its lease lapsed, not at once', async () => {
  const { id, callback, secret } = await subscribedOutlet('unhubbed', 'Unhubbed Wire');
  const db = radar.radar.database.db;
  radar.newsroom.publish('unhubbed', { title: 'Peru drafts an online safety bill', summary: 'Pushed, and polled hourly.' });
  await radar.refresh(id);
  expect((await feedHealth(id)).pollIntervalSeconds).toBeGreaterThanOrEqual(SAFETY_NET_INTERVAL_SECONDS);

  // a read without the hub's link (a CDN may leave it out now and then) leaves the hub be
  radar.newsroom.addOutlet({ slug: 'unhubbed', title: 'Unhubbed Wire', format: 'atom', language: 'en' });
  radar.newsroom.publish('unhubbed', { title: 'Peru consults on an online safety bill', summary: 'No hub any more.' });
  const asked = hub.requests.length;
  await radar.refresh(id);
  expect(hub.requests.length).toBe(asked);
  expect((await feedHealth(id)).websub).toMatchObject({ hub: hub.url, state: 'subscribed' });
  expect((await feedHealth(id)).pollIntervalSeconds).toBeLessThan(SAFETY_NET_INTERVAL_SECONDS);

  // once the lease has lapsed unrenewed, the hub is forgotten, and not subscribed at again
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const { websubExpiresAt } = (await getFeed(db, id))!;
    const deps = { db, redis, streamKey: storyStreamKey({ prefix: radar.prefix }), allowPrivateAddresses: true, publicUrl: radar.url };
    const lapsed = { ...deps, now: () => new Date(websubExpiresAt!.getTime() + 60_000) };
    radar.newsroom.publish('unhubbed', { title: 'Peru passes an online safety law', summary: 'Still no hub.' });
    expect(await pollFeed(id, lapsed, { manual: true })).toMatchObject({ kind: 'polled' });
    expect((await feedHealth(id)).websub).toBeNull();
    expect(await pollFeed(id, lapsed, { manual: true })).toMatchObject({ kind: 'not-modified' });
  } finally {
    redis.disconnect();
  }
  expect(hub.requests.length).toBe(asked);
  expect((await hub.pushTo(callback, radar.newsroom.render('unhubbed'), secret)).status).toBe(410);
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
});

test('a feed read with WebSub turned off, or whose lease lapsed, is polled at its own pace again; the lapsed lease is asked for anew', async () => {
  const { id } = await subscribedOutlet('lapsing', 'Lapsing Wire');
  const db = radar.radar.database.db;
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const deps = { db, redis, streamKey: storyStreamKey({ prefix: radar.prefix }), allowPrivateAddresses: true };
    const interval = async () => (await getFeed(db, id))!.pollIntervalSeconds!;
    const waitForHub = () => waitUntil(() => hub.verifications.length === hub.requests.length, "the hub's check");
    radar.newsroom.publish('lapsing', { title: 'Ghana drafts rules for ride-hailing apps', summary: 'One.' });
    await pollFeed(id, { ...deps, publicUrl: radar.url }, { manual: true });
    expect(await interval()).toBe(SAFETY_NET_INTERVAL_SECONDS);

    // WebSub turned off here (no public address): no lease is renewed, so none is counted on
    radar.newsroom.publish('lapsing', { title: 'Ghana consults on rules for ride-hailing apps', summary: 'Two.' });
    await pollFeed(id, deps, { manual: true });
    expect(await interval()).toBeLessThan(SAFETY_NET_INTERVAL_SECONDS);
    expect((await feedHealth(id)).websub).toEqual({ hub: hub.url, state: null, expiresAt: null });
    // and on again: subscribed anew
    const asked = hub.requests.length;
    await pollFeed(id, { ...deps, publicUrl: radar.url }, { manual: true });
    expect(hub.requests.at(-1)?.get('hub.mode')).toBe('subscribe');
    expect(hub.requests.length).toBe(asked + 1);
    await waitForHub();
    radar.newsroom.publish('lapsing', { title: 'Ghana revises its ride-hailing rules', summary: 'Three.' });
    await pollFeed(id, { ...deps, publicUrl: radar.url }, { manual: true });
    expect(await interval()).toBe(SAFETY_NET_INTERVAL_SECONDS);

    // the lease lapsed unrenewed and the feed unchanged: the renewal is asked for, and the
    // feed read in full at its own interval, its pace worked out again from its items
    const { websubExpiresAt } = (await getFeed(db, id))!;
    const later = websubExpiresAt!.getTime() + 3_600_000;
    const lapsed = { ...deps, publicUrl: radar.url, now: () => new Date(later) };
    expect(await pollFeed(id, lapsed, { manual: true })).toMatchObject({ kind: 'not-modified' });
    expect(await interval()).toBe(300);
    expect(hub.requests.at(-1)?.get('hub.mode')).toBe('subscribe');
    await waitForHub();
    expect(await pollFeed(id, { ...lapsed, publicUrl: undefined }, { manual: true })).toMatchObject({ kind: 'polled', inserted: 0 });
    expect(await interval()).toBe(21_600);
  } finally {
    redis.disconnect();
  }
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
});

test('a hub that takes the request but never checks it with us is said to, and asked again hours later, not every hour', async () => {
  const silentHub = await new LocalHub().start();
  silentHub.silent = true;
  const url = radar.newsroom.addOutlet({ slug: 'unheard', title: 'Unheard Wire', format: 'atom', language: 'en', hubUrl: silentHub.url });
  const { id } = await radar.addFeed(url);
  const db = radar.radar.database.db;
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    await waitUntil(async () => (await getFeed(db, id))?.websubState === 'pending', 'the request');
    expect(silentHub.requests).toHaveLength(1);
    const asked = Date.now();
    const at = (minutes: number) => ({ db, redis, streamKey: storyStreamKey({ prefix: radar.prefix }), allowPrivateAddresses: true, publicUrl: radar.url, now: () => new Date(asked + minutes * 60_000) });
    await pollFeed(id, at(30), { manual: true });
    expect(silentHub.requests).toHaveLength(1);
    // an hour on, unheard: the feed says why, and the hub is not asked again yet
    await pollFeed(id, at(61), { manual: true });
    expect(silentHub.requests).toHaveLength(1);
    const { websub } = await feedHealth(id);
    expect(websub?.state).toBe(
      `failed: the hub ${silentHub.url} took the request but did not check it with ${radar.url} within an hour: can hubs reach RADAR_PUBLIC_URL from the internet?`,
    );
    expect((Date.parse(websub!.expiresAt!) - (asked + 61 * 60_000)) / 3_600_000).toBeCloseTo(6, 1);
    await pollFeed(id, at(61 + 5 * 60), { manual: true });
    expect(silentHub.requests).toHaveLength(1);
    await pollFeed(id, at(61 + 6 * 60 + 1), { manual: true });
    expect(silentHub.requests).toHaveLength(2);
    expect((await getFeed(db, id))?.websubState).toBe('pending');
  } finally {
    redis.disconnect();
    await radar.api(`/api/feeds/${id}`, { method: 'DELETE' });
    await silentHub.close();
  }
});

test('a job to leave a hub queued by a process from before keys leaves a paused feed at the callback its row holds', async () => {
  const { id, url, callback } = await subscribedOutlet('upgraded', 'Upgraded Wire');
  // paused straight in the database, as an API process of the old version would, queuing a job without the key
  await updateFeed(radar.radar.database.db, id, { enabled: false });
  const asked = hub.requests.length;
  await leaveWebSubscription(id, { hub: hub.url, topic: url }, { db: radar.radar.database.db, publicUrl: radar.url, allowPrivateAddresses: true });
  await waitUntil(() => hub.requests.length === asked + 1 && hub.verifications.length === hub.requests.length, 'the hub left');
  await expectLeft(url, callback);
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
});

test('a feed the poller pauses (its publisher retired it: 410) leaves its hub too', async () => {
  const { id, url, callback } = await subscribedOutlet('retiring', 'Retiring Wire');
  radar.newsroom.respond('/feeds/retiring.xml', { status: 410, body: 'This feed is no longer published.' });
  expect(await radar.refresh(id)).toMatchObject({ kind: 'failed', status: 410, paused: true });
  await expectLeft(url, callback);
  expect((await radar.api(`/api/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
});

test("a hub's denial of the subscription is shown with its reason; one for another topic is not", async () => {
  const deny = async (topic: string) =>
    (await hubCheck(await callbackOf(feedId), { 'hub.mode': 'denied', 'hub.topic': topic, 'hub.reason': 'publisher opted out' })).status;
  expect(await deny('https://elsewhere.example/feed')).toBe(200);
  expect((await feedHealth()).websub?.state).toBe('subscribed');
  expect(await deny(radar.newsroom.feedUrl('pushed'))).toBe(200);
  expect((await feedHealth()).websub?.state).toBe('denied: publisher opted out');

  // the hub is asked again a day later, not at the end of the lease the refused subscription had
  const feed = (await getFeed(radar.radar.database.db, feedId))!;
  expect((feed.websubExpiresAt!.getTime() - Date.now()) / 3_600_000).toBeCloseTo(24, 0);
  const asked = hub.requests.length;
  const deps = { db: radar.radar.database.db, publicUrl: radar.url, allowPrivateAddresses: true };
  const links = { hub: hub.url, self: radar.newsroom.feedUrl('pushed') };
  await keepWebSubscription(feed, links, deps, new Date(Date.now() + 23 * 3_600_000));
  expect(hub.requests.length).toBe(asked);
  await keepWebSubscription(feed, links, deps, new Date(Date.now() + 25 * 3_600_000));
  expect(hub.requests.length).toBe(asked + 1);
  expect(hub.requests.at(-1)?.get('hub.mode')).toBe('subscribe');
});
