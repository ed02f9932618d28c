import { afterAll, beforeAll, expect, test } from 'vitest';
import { readConfig } from '@radar/core';
import { createAlert, listAlertRows, newStoryId, openScratchDatabase, recordFiring, saveStories, SecretBox, type Database } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix, FeedScheduler } from '@radar/jobs';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { createApp } from '../app.ts';
import { apiCaller } from './api-call.test-fixture.ts';

const TOKEN = 'alerts-admin-token';
const prefix = `radar-test-alerts-api-${process.pid}-${Date.now().toString(36)}`;
let database: Database;
let redis: Redis;
let scheduler: FeedScheduler;
let app: Hono;

const call = apiCaller(() => app, TOKEN);

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
  redis = connectRedis(readConfig().redisUrl);
  scheduler = new FeedScheduler(redis, { prefix });
  app = createApp({ db: database.db, redis, scheduler, adminToken: TOKEN });
  const story = (title: string, daysAgo: number) => {
    const id = newStoryId();
    return {
      id,
      feedId: null,
      dedupeKey: id,
      url: `https://news.example/${id}`,
      title,
      countries: ['GB'],
      publishedAt: new Date(Date.now() - daysAgo * 86_400_000),
    };
  };
  await saveStories(database.db, [story('Ofcom age verification rules', 1), story('Ofcom age verification draft', 20), story('Arcom fines X', 2)]);
});

afterAll(async () => {
  await scheduler?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis?.disconnect();
});

test('a bad query is refused with the message and where it is wrong', async () => {
  const response = await call('POST', '/api/alerts', { name: 'x', query: 'meta AND (eu OR commission', channels: [] });
  expect(response.status).toBe(400);
  expect(response.body).toEqual({
    error: 'query: this parenthesis is never closed: add a ) after the group (at character 10)',
    position: { start: 9, end: 10 },
  });
  const onlyExclusions = await call('POST', '/api/alerts', { name: 'x', query: '-earnings' });
  expect(onlyExclusions.status).toBe(400);
  expect(onlyExclusions.body.error).toMatch(/needs a word, phrase or field that must appear/);
});

test('alerts are created with the admin token and shown without their secrets', async () => {
  const input = {
    name: 'Age checks',
    query: '"age verification" country:UK OR country:AU',
    channels: [
      { type: 'webhook', url: 'https://hooks.example.org/radar?token=abc', secret: 'a-long-secret' },
      { type: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXX' },
      { type: 'email', to: 'team@example.org', digest: 'daily' },
    ],
  };
  expect((await call('POST', '/api/alerts', input, null)).status).toBe(401);
  const created = await call('POST', '/api/alerts', input);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'Age checks', query: input.query, muted: false, snoozedUntil: null, firedCount: 0, unread: 0 });
  const channels = created.body.channels as unknown as { id: string; type: string; target: string }[];
  expect(channels.map(({ type, target }) => ({ type, target }))).toEqual([
    { type: 'webhook', target: 'https://hooks.example.org/radar' },
    { type: 'slack', target: 'https://hooks.slack.com/…' },
    { type: 'email', target: 'team@example.org' },
  ]);
  expect(JSON.stringify((await call('GET', '/api/alerts', undefined, null)).body)).not.toMatch(/a-long-secret|XXXX|token=abc/);

  const id = created.body.id as unknown as string;
  const muted = await call('PATCH', `/api/alerts/${id}`, { muted: true, snoozedUntil: '2030-01-01T00:00:00Z', channels: input.channels.slice(1) });
  expect(muted.status).toBe(200);
  expect(muted.body).toMatchObject({ muted: true, snoozedUntil: '2030-01-01T00:00:00.000Z' });
  // a channel that stays keeps its id, so its deliveries stay linked
  expect((muted.body.channels as unknown as { id: string }[]).map((c) => c.id)).toEqual(channels.slice(1).map((c) => c.id));
  // a change that names no channels leaves them as they are (the dashboard's Mute, Snooze and Edit send none)
  for (const change of [{ muted: false }, { name: 'Age checks, UK and Australia' }, { snoozedUntil: null }]) {
    const changed = await call('PATCH', `/api/alerts/${id}`, change);
    expect(
      (changed.body.channels as unknown as { id: string }[]).map((c) => c.id),
      JSON.stringify(change),
    ).toEqual(channels.slice(1).map((c) => c.id));
  }
  expect((await call('GET', `/api/alerts/${id}/deliveries`, undefined, null)).body).toEqual({ deliveries: [] });
  expect((await call('DELETE', `/api/alerts/${id}`)).status).toBe(204);
  expect((await call('GET', `/api/alerts/${id}`)).status).toBe(404);
});

test('an edit keeps channels by id without their secrets, changes a digest and adds or drops channels', async () => {
  const created = await call('POST', '/api/alerts', {
    name: 'Channels',
    query: 'ofcom',
    channels: [
      { type: 'webhook', url: 'https://hooks.example.org/radar?token=abc', secret: 'a-long-secret' },
      { type: 'email', to: 'team@example.org', digest: 'daily' },
    ],
  });
  const id = created.body.id as unknown as string;
  const [webhook, email] = created.body.channels as unknown as { id: string }[];
  const edited = await call('PATCH', `/api/alerts/${id}`, {
    channels: [
      { type: 'keep', id: email!.id, digest: 'hourly' },
      { type: 'keep', id: webhook!.id },
      { type: 'teams', url: 'https://example.webhook.office.com/webhookb2/abc' },
    ],
  });
  expect(edited.status).toBe(200);
  expect(edited.body.channels).toEqual([
    { id: email!.id, type: 'email', target: 'team@example.org', digest: 'hourly' },
    { id: webhook!.id, type: 'webhook', target: 'https://hooks.example.org/radar', signed: true },
    { id: expect.any(String), type: 'teams', target: 'https://example.webhook.office.com/…' },
  ]);
  // the kept webhook still signs with its secret and posts to its full address
  const [row] = (await listAlertRows(database.db)).filter((alert) => alert.id === id);
  expect(row!.channels[1]).toMatchObject({ type: 'webhook', url: 'https://hooks.example.org/radar?token=abc', secret: 'a-long-secret' });

  const refused = [
    [{ type: 'keep', id: 'nothere' }, /channels\.0: this alert has no channel nothere/],
    [{ type: 'keep', id: webhook!.id, digest: 'daily' }, /channels\.0: only an e-mail channel has a digest/],
    [{ type: 'forward', id: webhook!.id }, /channels\.0/],
  ] as const;
  for (const [channel, message] of refused) {
    const answer = await call('PATCH', `/api/alerts/${id}`, { channels: [channel] });
    expect(answer.status, JSON.stringify(channel)).toBe(400);
    expect(answer.body.error).toMatch(message);
  }
  const twice = await call('PATCH', `/api/alerts/${id}`, {
    channels: [
      { type: 'keep', id: email!.id },
      { type: 'email', to: 'team@example.org' },
    ],
  });
  expect(twice.body).toEqual({ error: 'channels.1: the same channel is listed twice' });
  // nothing refused changed the alert
  expect((await call('GET', `/api/alerts/${id}`)).body.channels).toEqual(edited.body.channels);

  // a weekly digest at 08:00 in Brussels, then only its hour changed
  const brussels = { hour: 8, timeZone: 'Europe/Brussels' };
  const weekly = await call('PATCH', `/api/alerts/${id}`, { channels: [{ type: 'keep', id: email!.id, digest: 'weekly', digestTime: brussels }] });
  expect(weekly.body.channels).toEqual([{ id: email!.id, type: 'email', target: 'team@example.org', digest: 'weekly', digestTime: brussels }]);
  const later = await call('PATCH', `/api/alerts/${id}`, { channels: [{ type: 'keep', id: email!.id, digestTime: { ...brussels, hour: 17 } }] });
  expect(later.body.channels).toEqual([
    { id: email!.id, type: 'email', target: 'team@example.org', digest: 'weekly', digestTime: { hour: 17, timeZone: 'Europe/Brussels' } },
  ]);
  for (const [digestTime, message] of [
    [{ hour: 8, timeZone: 'Europe/Atlantis' }, /channels\.0\.digestTime\.timeZone: the time zone is not one of the IANA time zones/],
    [{ hour: 24, timeZone: 'UTC' }, /channels\.0\.digestTime\.hour: the hour is 0 to 23/],
  ] as const) {
    const answer = await call('PATCH', `/api/alerts/${id}`, { channels: [{ type: 'keep', id: email!.id, digestTime }] });
    expect(answer.status, JSON.stringify(digestTime)).toBe(400);
    expect(answer.body.error).toMatch(message);
  }
  const tokyo = await call('POST', '/api/alerts', {
    name: 'Tokyo',
    query: 'ofcom',
    channels: [{ type: 'email', to: 'tokyo@example.org', digest: 'daily', digestTime: { hour: 9, timeZone: 'Asia/Tokyo' } }],
  });
  expect(tokyo.body.channels).toMatchObject([{ digest: 'daily', digestTime: { hour: 9, timeZone: 'Asia/Tokyo' } }]);
  await call('DELETE', `/api/alerts/${tokyo.body.id as unknown as string}`);

  // a channel sealed under another key cannot be kept blind: it is entered again or removed
  const foreign = SecretBox.throwaway().seal('https://hooks.slack.com/services/T1/B1/elsewhere');
  const sealed = await createAlert(database.db, { name: 'Moved', query: 'ofcom', channels: [{ id: 'old-slack', type: 'slack', url: foreign }] });
  const keepSealed = await call('PATCH', `/api/alerts/${sealed.id}`, { channels: [{ type: 'keep', id: 'old-slack' }] });
  expect(keepSealed.body.error).toMatch(/channels\.0: channel old-slack was sealed under another secret key; enter its address again or remove it/);
  const entered = await call('PATCH', `/api/alerts/${sealed.id}`, { channels: [{ type: 'slack', url: 'https://hooks.slack.com/services/T1/B1/again' }] });
  expect(entered.body.channels).toEqual([{ id: expect.any(String), type: 'slack', target: 'https://hooks.slack.com/…' }]);
});

test('the preview shows what a query matched in the last seven days', async () => {
  const preview = await call('POST', '/api/alerts/preview', { query: 'ofcom "age verification" country:GB' }, null);
  expect(preview.status).toBe(200);
  expect(preview.body.total).toBe(1);
  expect((preview.body.stories as unknown as { title: string }[]).map((s) => s.title)).toEqual(['Ofcom age verification rules']);
  const bad = await call('POST', '/api/alerts/preview', { query: 'country:XX' }, null);
  expect(bad.body).toMatchObject({ error: expect.stringMatching(/unknown country "XX"/), position: { start: 8, end: 10 } });
});

test('a rising alert is created, changed and previewed with what is rising among its stories now', async () => {
  const created = await call('POST', '/api/alerts', { name: 'Netblocks', query: 'netblockword', trigger: 'rising' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'Netblocks', trigger: 'rising' });
  // a change that does not name the trigger keeps it
  const muted = await call('PATCH', `/api/alerts/${created.body.id}`, { muted: true });
  expect(muted.body).toMatchObject({ muted: true, trigger: 'rising' });
  expect((await call('PATCH', `/api/alerts/${created.body.id}`, { trigger: 'story' })).body).toMatchObject({ trigger: 'story' });
  expect((await call('POST', '/api/alerts', { name: 'x', query: 'y' })).body).toMatchObject({ trigger: 'story' });
  const bad = await call('POST', '/api/alerts', { name: 'x', query: 'y', trigger: 'spike' });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toBe('trigger: the trigger is story, rising or feed');
  // every kind of value unless it says which, in the taxonomy's order
  expect(created.body.risingKinds).toEqual(['country', 'company', 'topic']);
  const kinds = await call('PATCH', `/api/alerts/${created.body.id}`, { risingKinds: ['topic', 'country'] });
  expect(kinds.body).toMatchObject({ risingKinds: ['country', 'topic'] });
  expect((await call('PATCH', `/api/alerts/${created.body.id}`, { risingKinds: [] })).body).toEqual({
    error: 'risingKinds: a rising alert tells of at least one kind: country, company or topic',
  });
  expect((await call('PATCH', `/api/alerts/${created.body.id}`, { risingKinds: ['region'] })).body).toEqual({
    error: 'risingKinds.0: each kind is country, company or topic',
  });

  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  await saveStories(
    database.db,
    [1, 2, 3].map((hours) => {
      const id = newStoryId();
      return {
        id,
        feedId: null,
        dedupeKey: id,
        url: `https://news.example/${id}`,
        title: `Iran netblockword ${hours}`,
        countries: ['IR'],
        publishedAt: hoursAgo(hours),
      };
    }),
  );
  const preview = await call('POST', '/api/alerts/preview', { query: 'netblockword', trigger: 'rising' }, null);
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ total: 3, rising: [{ kind: 'country', id: 'IR', recent: 3, usual: 0, baselineDays: 14 }] });
  // one that tells only of topics and companies has nothing to tell yet
  expect((await call('POST', '/api/alerts/preview', { query: 'netblockword', trigger: 'rising', risingKinds: ['topic', 'company'] }, null)).body).toMatchObject(
    { total: 3, rising: [] },
  );
  // a story alert's preview says nothing of what rises
  expect((await call('POST', '/api/alerts/preview', { query: 'netblockword' }, null)).body).not.toHaveProperty('rising');
});

test('the inbox lists firings with the unread count; marking read needs the token', async () => {
  const alert = await createAlert(database.db, { name: 'Inbox', query: 'arcom', channels: [] });
  const page = await call('GET', '/api/stories?q=arcom', undefined, null);
  const storyId = (page.body.stories as unknown as { id: string }[])[0]!.id;
  const { firing } = await recordFiring(database.db, { alertId: alert.id, eventKey: `story:${storyId}`, storyId });
  const inbox = await call('GET', '/api/inbox', undefined, null);
  expect(inbox.body).toMatchObject({ unread: 1, nextCursor: null });
  expect((inbox.body.items as unknown as { id: string; alert: { name: string } }[])[0]).toMatchObject({ id: firing.id, alert: { name: 'Inbox' } });
  expect((await call('POST', '/api/inbox/read', { all: true }, null)).status).toBe(401);
  expect((await call('POST', '/api/inbox/read', { ids: [firing.id] })).body).toEqual({ marked: 1, unread: 0 });
  expect((await call('GET', `/api/alerts/${alert.id}`, undefined, null)).body).toMatchObject({ firedCount: 1, unread: 0 });
});

test("a channel's test message goes through the notifier's queue; what came of it answers the request", async () => {
  const alert = await createAlert(database.db, {
    name: 'Tested',
    query: 'ofcom',
    channels: [
      { id: 'hook', type: 'webhook', url: 'https://hooks.example.org/radar', secret: 'a-long-secret' },
      { id: 'gone', type: 'slack', url: SecretBox.throwaway().seal('https://hooks.slack.com/services/T/B/x') },
    ],
  });
  const asked: string[] = [];
  const outcomes = [
    { ok: true, status: 204 },
    { ok: false, reason: 'failed', error: 'the receiver answered 404' },
    { ok: false, reason: 'timeout', error: 'no notifier sent the test within 20 s: is the notifier running?' },
  ] as const;
  const tested = createApp({
    db: database.db,
    redis,
    scheduler,
    adminToken: TOKEN,
    alertTester: { send: async (alertId, channelId) => (asked.push(`${alertId}/${channelId}`), outcomes[asked.length - 1]!) },
  });
  const test = (app: typeof tested, channel: string, token: string | null = TOKEN) =>
    app.request(`/api/alerts/${alert.id}/channels/${channel}/test`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });

  expect((await test(tested, 'hook', null)).status).toBe(401);
  expect(await (await test(tested, 'hook')).json()).toEqual({ sent: true, status: 204 });
  const failed = await test(tested, 'hook');
  expect([failed.status, await failed.json()]).toEqual([502, { error: 'the receiver answered 404' }]);
  const timedOut = await test(tested, 'hook');
  expect([timedOut.status, await timedOut.json()]).toEqual([504, { error: 'no notifier sent the test within 20 s: is the notifier running?' }]);
  expect(asked).toEqual([`${alert.id}/hook`, `${alert.id}/hook`, `${alert.id}/hook`]);
  // nothing is asked of the notifier for a channel that is not there or cannot be read
  expect((await test(tested, 'nothere')).status).toBe(404);
  expect(await (await test(tested, 'gone')).json()).toEqual({ error: "the channel's address was sealed under another secret key: enter it again first" });
  expect(asked).toHaveLength(3);
  // a server that cannot reach a notifier says so
  const alone = await test(app, 'hook');
  expect([alone.status, await alone.json()]).toEqual([503, { error: 'test messages are sent by the notifier, which this server cannot reach' }]);
});

test('a feed alert is made without a query; one with a query is refused, and a change of trigger keeps the query rules', async () => {
  const created = await call('POST', '/api/alerts', { name: 'Broken feeds', trigger: 'feed', channels: [] });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'Broken feeds', trigger: 'feed', query: '' });
  const id = created.body.id as unknown as string;

  const withQuery = await call('POST', '/api/alerts', { name: 'x', trigger: 'feed', query: 'ofcom' });
  expect(withQuery.status).toBe(400);
  expect(withQuery.body.error).toMatch(/a feed alert has no query/);
  const storyWithout = await call('POST', '/api/alerts', { name: 'x', trigger: 'story' });
  expect(storyWithout.status).toBe(400);
  expect(storyWithout.body.error).toMatch(/query/);

  // renamed, it stays a feed alert with no query
  expect((await call('PATCH', `/api/alerts/${id}`, { name: 'Feeds that stop' })).body).toMatchObject({ name: 'Feeds that stop', query: '' });
  // made a story alert, it needs a query that reads
  const noQuery = await call('PATCH', `/api/alerts/${id}`, { trigger: 'story' });
  expect(noQuery.status).toBe(400);
  expect(noQuery.body.error).toMatch(/^query: the query is empty/);
  const badQuery = await call('PATCH', `/api/alerts/${id}`, { trigger: 'story', query: 'ofcom AND (' });
  expect(badQuery.status).toBe(400);
  expect(badQuery.body.position).toBeDefined();
  const story = await call('PATCH', `/api/alerts/${id}`, { trigger: 'story', query: 'ofcom' });
  expect(story.body).toMatchObject({ trigger: 'story', query: 'ofcom' });
  // and made a feed alert again, it drops its query
  expect((await call('PATCH', `/api/alerts/${id}`, { trigger: 'feed' })).body).toMatchObject({ trigger: 'feed', query: '' });

  const preview = await call('POST', '/api/alerts/preview', { query: 'ofcom', trigger: 'feed' }, null);
  expect(preview.status).toBe(400);
  expect(preview.body.error).toMatch(/no stories to preview/);
});

test('the inbox lists a feed alert’s firing with the feed and no story', async () => {
  const alert = await createAlert(database.db, { name: 'Feeds down', query: '', trigger: 'feed', channels: [] });
  const feed = { feedId: 'f1', title: 'Regulator news', url: 'https://regulator.example/rss', reason: 'failing for 3 days: HTTP 404', pausedAt: new Date().toISOString() };
  await recordFiring(database.db, { alertId: alert.id, eventKey: `feed:f1:${Date.parse(feed.pausedAt)}`, storyId: null, feed });
  const inbox = await call('GET', `/api/inbox?alert=${alert.id}`, undefined, null);
  expect(inbox.status).toBe(200);
  expect(inbox.body.items).toEqual([expect.objectContaining({ alert: { id: alert.id, name: 'Feeds down' }, story: null, feed })]);
});
