import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifySignature } from '@radar/alerts';
import { readConfig, type AlertNotice } from '@radar/core';
import {
  createAlert,
  createFeed,
  listDeliveries,
  listInbox,
  openScratchDatabase,
  pauseFeed,
  updateAlert,
  updateFeed,
  type Database,
  type DatabaseKind,
} from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import type { Redis } from 'ioredis';
import { createAlertTester } from './alert-tests.ts';
import { startNotifier, type Notifier } from './notifier.ts';
import { SmtpSink, until, WebhookReceiver } from './testing/index.ts';


describe.each<DatabaseKind>(['postgres', 'pglite'])('feed alerts (%s)', (kind) => {
  const prefix = `radar-test-feed-alerts-${kind}-${process.pid}-${Date.now().toString(36)}`;
  const receiver = new WebhookReceiver();
  const smtp = new SmtpSink();
  const fired: AlertNotice[] = [];
  let database: Database;
  let redis: Redis;
  let notifier: Notifier;

  beforeAll(async () => {
    await Promise.all([receiver.start(), smtp.start()]);
    database = await openScratchDatabase(kind);
    redis = connectRedis(readConfig().redisUrl);
    notifier = await startNotifier({
      prefix,
      db: database.db,
      redis,
      allowPrivateAddresses: true,
      smtpUrl: smtp.url,
      mailFrom: 'Policy Radar <radar@test.invalid>',
      retry: { attempts: 3, backoffMs: 100 },
      // sweeps are run by the test, not the scheduler
      feedSweepMs: 3_600_000,
      onFired: (notice) => fired.push(notice),
    });
  });

  afterAll(async () => {
    await notifier?.close();
    await database?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis?.disconnect();
    await Promise.all([receiver.close(), smtp.close()]);
  });

  test('a feed the poller pauses is told once, signed to the webhook, by e-mail and in the inbox; a user pause is not', async () => {
    const alert = await createAlert(database.db, {
      name: 'Broken feeds',
      query: '',
      trigger: 'feed',
      channels: [
        { id: 'hook', type: 'webhook', url: receiver.url('/feeds-hook'), secret: 'receiver-secret' },
        { id: 'mail', type: 'email', to: 'ops@example.org', digest: 'none' },
      ],
    });
    const broken = await createFeed(database.db, { url: 'https://regulator.example/news.xml', title: 'Regulator <b>news</b>' });
    const userPaused = await createFeed(database.db, { url: 'https://quiet.example/feed.xml' });
    await pauseFeed(database.db, broken.id, 'failing for 3 days: HTTP 503');
    await updateFeed(database.db, userPaused.id, { enabled: false });

    const notices = await notifier.sweepFeedProblems();
    expect(notices.map((notice) => [notice.alert.id, notice.feed?.feedId, notice.story])).toEqual([[alert.id, broken.id, null]]);
    await until(() => receiver.at('/feeds-hook').length === 1 && smtp.messages.length === 1, 'the webhook and the e-mail');

    const [request] = receiver.at('/feeds-hook');
    expect(verifySignature(request!.body, 'receiver-secret', request!.headers['x-radar-signature'] as string)).toBe(true);
    expect(JSON.parse(request!.body)).toEqual({
      alert: { id: alert.id, name: 'Broken feeds' },
      feed: {
        feedId: broken.id,
        title: 'Regulator <b>news</b>',
        url: 'https://regulator.example/news.xml',
        reason: 'failing for 3 days: HTTP 503',
        pausedAt: expect.any(String),
      },
    });
    expect(smtp.messages[0]!.to).toEqual(['ops@example.org']);
    expect(smtp.messages[0]!.subject).toBe('[Policy Radar] Broken feeds: Feed paused: Regulator <b>news</b>');

    // told again by the poller, swept again: the same pause, nothing new
    await pauseFeed(database.db, broken.id, 'failing for 4 days: HTTP 503');
    expect(await notifier.sweepFeedProblems()).toEqual([]);
    const inbox = await listInbox(database.db, { alertId: alert.id });
    expect(inbox.items.map((item) => [item.feed?.title, item.story])).toEqual([['Regulator <b>news</b>', null]]);
    await until(async () => (await listDeliveries(database.db, alert.id)).every((d) => d.status === 'delivered'), 'both deliveries');
    const deliveries = await listDeliveries(database.db, alert.id);
    expect(deliveries.map((d) => [d.channelType, d.feed?.feedId, d.story])).toEqual(
      expect.arrayContaining([
        ['webhook', broken.id, null],
        ['email', broken.id, null],
      ]),
    );
    expect(receiver.at('/feeds-hook')).toHaveLength(1);

    // resumed by a user, then paused again: a new pause, told again
    await updateFeed(database.db, broken.id, { enabled: true });
    await pauseFeed(database.db, broken.id, 'it brought 900 new stories within an hour');
    expect((await notifier.sweepFeedProblems()).map((notice) => notice.feed?.reason)).toEqual(['it brought 900 new stories within an hour']);
    await until(() => receiver.at('/feeds-hook').length === 2, 'the second webhook');
  });

  test('a feed alert tells of pauses after it was made only, not while muted, and story alerts never fire on pauses', async () => {
    const before = await createFeed(database.db, { url: 'https://before.example/feed.xml' });
    await pauseFeed(database.db, before.id, 'failing for 3 days');
    // a pause before the alert was made is not news to it
    await new Promise((resolve) => setTimeout(resolve, 20));
    const alert = await createAlert(database.db, { name: 'Feeds, later', query: '', trigger: 'feed', channels: [] });
    const storyAlert = await createAlert(database.db, { name: 'Everything', query: 'feed OR paused OR failing', channels: [] });
    const firedBefore = fired.length;
    expect((await notifier.sweepFeedProblems()).filter((notice) => notice.alert.id === alert.id)).toEqual([]);

    await updateAlert(database.db, alert.id, { muted: true });
    const after = await createFeed(database.db, { url: 'https://after.example/feed.xml' });
    await pauseFeed(database.db, after.id, 'failing for 3 days');
    expect((await notifier.sweepFeedProblems()).filter((notice) => notice.alert.id === alert.id)).toEqual([]);

    await updateAlert(database.db, alert.id, { muted: false });
    const told = (await notifier.sweepFeedProblems()).filter((notice) => notice.alert.id === alert.id);
    expect(told.map((notice) => notice.feed?.feedId)).toEqual([after.id]);
    expect(fired.slice(firedBefore).some((notice) => notice.alert.id === storyAlert.id)).toBe(false);
  });

  test("a feed alert's e-mail digest lists the paused feeds when it is due", async () => {
    const alert = await createAlert(database.db, {
      name: 'Feeds, hourly',
      query: '',
      trigger: 'feed',
      channels: [{ id: 'digest', type: 'email', to: 'desk@example.org', digest: 'hourly' }],
    });
    const feed = await createFeed(database.db, { url: 'https://parliament.example/rss', title: 'Parliament press' });
    await pauseFeed(database.db, feed.id, 'failing for 3 days: the connection was refused');
    expect((await notifier.sweepFeedProblems()).filter((notice) => notice.alert.id === alert.id)).toHaveLength(1);
    const [waiting] = await listDeliveries(database.db, alert.id);
    expect(waiting).toMatchObject({ status: 'digest', feed: { feedId: feed.id } });

    // the digest job the sweep of due digests queues when the hour is over
    const toDesk = () => smtp.messages.filter((message) => message.to.includes('desk@example.org'));
    expect(toDesk()).toEqual([]);
    await notifier.queue.add('digest', { kind: 'digest', alertId: alert.id, channelId: 'digest', dueAt: waiting!.dueAt! });
    await until(() => toDesk().length === 1, 'the digest e-mail');
    expect(toDesk()[0]!.subject).toBe('[Policy Radar] Feeds, hourly: 1 feed paused (hourly digest)');
    await until(async () => (await listDeliveries(database.db, alert.id))[0]?.status === 'delivered', 'the delivery marked delivered');
  });

  test("a feed alert's channel test sends a sample paused feed, marked as a test", async () => {
    const alert = await createAlert(database.db, {
      name: 'Feeds, tested',
      query: '',
      trigger: 'feed',
      channels: [{ id: 'hook', type: 'webhook', url: receiver.url('/feeds-test'), secret: 'test-secret' }],
    });
    const tester = createAlertTester({ prefix, redis });
    try {
      expect(await tester.send(alert.id, 'hook')).toEqual({ ok: true, status: 200 });
    } finally {
      await tester.close();
    }
    const [request] = receiver.at('/feeds-test');
    expect(request!.headers['x-radar-event']).toBe('test');
    expect(JSON.parse(request!.body)).toMatchObject({
      alert: { id: alert.id, name: 'Feeds, tested (test)' },
      feed: { feedId: 'test', title: 'Test feed (Policy Radar)' },
    });
  });
});
