import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readConfig, type ClientToServerEvents, type ServerToClientEvents, type Story, type SubscribeAck } from '@radar/core';
import { openScratchDatabase, type DatabaseKind } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import type { PollOutcome } from '@radar/poller';
import { Newsroom } from '../demo/newsroom.ts';
import { startRadar, type RadarInstance } from './radar-instance.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const TOKEN = 'test-admin-token';

describe.each<DatabaseKind>(['postgres', 'pglite'])('a story travels from a feed to the dashboards (%s)', (kind) => {
  const newsroom = new Newsroom();
  const prefix = `radar-test-${kind}-${process.pid}-${Date.now()}`;
  const polls: { feedId: string; outcome: PollOutcome }[] = [];
  const pollWaiters: { feedId: string; resolve: (o: PollOutcome) => void }[] = [];
  let radar: RadarInstance;
  let wireId: string;
  const clients: Client[] = [];

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${radar.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...init.headers },
    });

  const nextPoll = (feedId: string) => new Promise<PollOutcome>((resolve) => pollWaiters.push({ feedId, resolve }));

  const refresh = async (feedId: string) => {
    const polled = nextPoll(feedId);
    expect((await api(`/api/feeds/${feedId}/refresh`, { method: 'POST' })).status).toBe(202);
    return polled;
  };

  const subscribe = async (filter: Record<string, unknown>) => {
    const client: Client = connect(radar.url, { transports: ['websocket'], forceNew: true });
    clients.push(client);
    const received: Story[] = [];
    client.on('story', (story) => received.push(story));
    const ack = await new Promise<SubscribeAck>((resolve) => client.emit('subscribe', filter as never, resolve));
    expect(ack).toEqual({ ok: true, missed: 0 });
    return received;
  };

  const until = async (condition: () => boolean, what: string, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    await newsroom.start();
    const config = readConfig({
      PORT: '0',
      RADAR_ADMIN_TOKEN: TOKEN,
      RADAR_ALLOW_PRIVATE_ADDRESSES: '1',
      RADAR_REDIS_PREFIX: prefix,
    });
    radar = await startRadar({
      config,
      database: await openScratchDatabase(kind),
      onPolled: (feedId, outcome) => {
        polls.push({ feedId, outcome });
        for (const waiter of pollWaiters.filter((w) => w.feedId === feedId)) {
          pollWaiters.splice(pollWaiters.indexOf(waiter), 1);
          waiter.resolve(outcome);
        }
      },
    });
    const url = newsroom.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' });
    const firstPoll = new Promise<PollOutcome>((resolve) => pollWaiters.push({ feedId: '*', resolve }));
    const created = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url }) });
    expect(created.status).toBe(201);
    wireId = ((await created.json()) as { id: string }).id;
    // the job scheduler polls a new feed at once
    pollWaiters.at(-1)!.feedId = wireId;
    expect(await firstPoll).toMatchObject({ kind: 'polled', inserted: 0 });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await radar?.close();
    await radar?.database.close();
    await newsroom.close();
    const redis = connectRedis(readConfig().redisUrl);
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  test('a new story reaches the subscriber whose filter matches, and not the other', async () => {
    const france = await subscribe({ countries: ['FR'] });
    const germany = await subscribe({ countries: ['DE'] });

    newsroom.publish('wire', {
      title: 'France orders platforms to remove terrorist content within an hour',
      summary: 'The French interior minister told Facebook and Google that France will fine platforms that are slow.',
    });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await until(() => france.length === 1, 'the FR story');
    expect(france[0]).toMatchObject({ countries: ['FR'], source: { feedId: wireId, title: 'Local Wire' } });
    expect(france[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/articles\/wire\/\d+$/);

    newsroom.publish('wire', {
      title: 'Germany drafts a law on platform transparency',
      summary: 'The German government in Berlin wants Germany to require audits.',
    });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await until(() => germany.length === 1, 'the DE story');
    // the DE story came after the FR one, so the DE subscriber would have had the FR one first
    expect(germany.map((s) => s.title)).toEqual(['Germany drafts a law on platform transparency']);
    expect(france).toHaveLength(1);
  });

  test('polling an unchanged feed stores nothing twice and gets a 304', async () => {
    const before = ((await (await api('/api/stories?limit=200')).json()) as { stories: Story[] }).stories.length;
    expect(await refresh(wireId)).toEqual({ kind: 'not-modified' });
    expect(await refresh(wireId)).toEqual({ kind: 'not-modified' });
    expect(newsroom.requests.filter((r) => r.path === '/feeds/wire.xml').slice(-2)).toEqual([
      { path: '/feeds/wire.xml', status: 304 },
      { path: '/feeds/wire.xml', status: 304 },
    ]);
    const after = ((await (await api('/api/stories?limit=200')).json()) as { stories: Story[] }).stories.length;
    expect(after).toBe(before);
  });

  test('a non-http(s) URL is refused with a 400 that says why', async () => {
    const response = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url: 'file:///etc/passwd' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'url: url must be an absolute http(s) URL' });
    const unauthorised = await api('/api/feeds', {
      method: 'POST',
      body: JSON.stringify({ url: 'https://news.example/feed' }),
      headers: { authorization: 'Bearer wrong' },
    });
    expect(unauthorised.status).toBe(401);
  });

  test('broken feeds get their error recorded while the others go on', async () => {
    const broken = {
      html: newsroom.respond('/html', { status: 200, body: '<!doctype html><html><body>Hello</body></html>', contentType: 'text/html' }),
      invalid: newsroom.respond('/invalid.xml', { status: 200, body: '<rss version="2.0"><channel><title>x</title><item><title>a</item>', contentType: 'application/xml' }),
      missing: newsroom.respond('/missing.xml', { status: 404, body: 'not found' }),
      failing: newsroom.respond('/failing.xml', { status: 500, body: 'oops' }),
    };
    const ids: Record<string, string> = {};
    for (const [name, url] of Object.entries(broken)) {
      const polled = new Promise<PollOutcome>((resolve) => pollWaiters.push({ feedId: '?', resolve }));
      const response = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url }) });
      expect(response.status).toBe(201);
      ids[name] = ((await response.json()) as { id: string }).id;
      pollWaiters.find((w) => w.feedId === '?')!.feedId = ids[name]!;
      expect(await polled).toMatchObject({ kind: 'failed' });
    }
    const { feeds } = (await (await api('/api/feeds')).json()) as { feeds: { id: string; lastError: string | null; lastStatus: number | null; errorCount: number }[] };
    const health = (name: string) => feeds.find((f) => f.id === ids[name]);
    expect(health('html')?.lastError).toMatch(/not a feed/i);
    expect(health('invalid')?.lastError).toBeTruthy();
    expect(health('missing')).toMatchObject({ lastStatus: 404, errorCount: 1 });
    expect(health('failing')).toMatchObject({ lastStatus: 500, errorCount: 1 });
    expect(health('missing')?.lastError).toMatch(/404/);

    const everyone = await subscribe({});
    newsroom.publish('wire', { title: 'Brazil court orders X to name a legal representative', summary: 'Brazil acted.' });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await until(() => everyone.length === 1, 'the story after the broken feeds');
  });
});
