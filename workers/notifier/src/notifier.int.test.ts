import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifySignature } from '@radar/alerts';
import { readConfig, type AlertChannel, type AlertNotice, type Story } from '@radar/core';
import {
  createAlert,
  listDeliveries,
  listInbox,
  newStoryId,
  openScratchDatabase,
  saveStories,
  SecretBox,
  toStory,
  updateAlert,
  type Database,
  type DatabaseKind,
} from '@radar/db';
import { alertNoticeStreamKey, appendStory, connectRedis, deleteKeysWithPrefix, readAlertNotices, storyStreamKey } from '@radar/jobs';
import type { Redis } from 'ioredis';
import { createAlertTester } from './alert-tests.ts';
import { fireAlerts } from './fire-alerts.ts';
import { startNotifier, type Notifier, type NotifierOptions } from './notifier.ts';
import { SmtpSink, until, WebhookReceiver } from './testing/index.ts';

const channelId = () => Math.random().toString(36).slice(2, 10);

describe.each<DatabaseKind>(['postgres', 'pglite'])('the notifier (%s)', (kind) => {
  const prefix = `radar-test-notifier-${kind}-${process.pid}-${Date.now().toString(36)}`;
  const settings = { prefix };
  const receiver = new WebhookReceiver();
  const smtp = new SmtpSink();
  const fired: AlertNotice[] = [];
  let database: Database;
  let redis: Redis;
  let notifier: Notifier;
  let options: NotifierOptions;

  /** Stores a story and appends it to the stream, as the poller does. */
  const publish = async (title: string, extra: Partial<Story> = {}): Promise<Story> => {
    const id = newStoryId();
    const [row] = (
      await saveStories(database.db, [
        {
          id,
          feedId: null,
          dedupeKey: id,
          url: `https://news.example/${id}`,
          title,
          summary: extra.summary ?? '',
          sourceTitle: 'Local Wire',
          publishedAt: extra.publishedAt ? new Date(extra.publishedAt) : new Date(),
          ingestedAt: extra.ingestedAt ? new Date(extra.ingestedAt) : undefined,
          countries: extra.countries ?? [],
          companies: extra.companies ?? [],
          topics: extra.topics ?? [],
          clusterId: extra.clusterId ?? null,
          relevant: extra.relevant ?? false,
          lang: 'en',
        },
      ])
    ).inserted;
    const story = toStory(row!);
    await appendStory(redis, storyStreamKey(settings), story);
    return story;
  };

  beforeAll(async () => {
    await Promise.all([receiver.start(), smtp.start()]);
    database = await openScratchDatabase(kind);
    redis = connectRedis(readConfig().redisUrl);
    options = {
      ...settings,
      db: database.db,
      redis,
      allowPrivateAddresses: true,
      smtpUrl: smtp.url,
      mailFrom: 'Policy Radar <radar@test.invalid>',
      retry: { attempts: 4, backoffMs: 100 },
      claimIdleMs: 400,
      onFired: (notice) => fired.push(notice),
    };
    notifier = await startNotifier(options);
  });

  afterAll(async () => {
    await notifier?.close();
    await database?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis?.disconnect();
    await Promise.all([receiver.close(), smtp.close()]);
  });

  test('a matching story fires once per event, signed to the webhook and by e-mail, and into the inbox', async () => {
    const channels: AlertChannel[] = [
      { id: channelId(), type: 'webhook', url: receiver.url('/hook'), secret: 'receiver-secret' },
      { id: channelId(), type: 'email', to: 'analyst@example.org', digest: 'none' },
    ];
    const alert = await createAlert(database.db, { name: 'Age checks', query: '"age verification" country:GB OR country:AU', channels });
    await publish('Ofcom sets age verification deadline', { countries: ['GB'], clusterId: 'cluster-age' });
    await publish('Unrelated: Berlin court rules on data retention', { countries: ['DE'] });
    await until(() => receiver.at('/hook').length === 1 && smtp.messages.length === 1, 'the webhook and the e-mail');

    const [request] = receiver.at('/hook');
    expect(verifySignature(request!.body, 'receiver-secret', request!.headers['x-radar-signature'] as string)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      alert: { id: alert.id, name: 'Age checks' },
      story: { title: 'Ofcom sets age verification deadline', clusterId: 'cluster-age' },
    });
    expect(smtp.messages[0]!.to).toEqual(['analyst@example.org']);
    expect(smtp.messages[0]!.subject).toBe('[Policy Radar] Age checks: Ofcom sets age verification deadline');

    // another outlet's report of the same event: nothing new
    await publish('Age verification: UK regulator Ofcom publishes deadline', { countries: ['GB'], clusterId: 'cluster-age' });
    // a different event fires again
    await publish('Australia extends age verification trial', { countries: ['AU'], clusterId: 'cluster-au' });
    await until(() => receiver.at('/hook').length === 2, 'the second event');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.at('/hook')).toHaveLength(2);
    expect(fired.filter((n) => n.alert.id === alert.id).map((n) => n.story?.clusterId)).toEqual(['cluster-age', 'cluster-au']);

    const inbox = await listInbox(database.db, { alertId: alert.id });
    expect(inbox.items.map((i) => i.story?.title)).toEqual(['Australia extends age verification trial', 'Ofcom sets age verification deadline']);
    const deliveries = await listDeliveries(database.db, alert.id);
    expect(deliveries).toHaveLength(4);
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);

    const notices = await readAlertNotices(redis, alertNoticeStreamKey(settings), '0-0', 10);
    expect(notices.filter((n) => n.value.alert.id === alert.id)).toHaveLength(2);
  });

  test('a receiver that fails twice then succeeds gets exactly one delivery, after three attempts', async () => {
    const url = receiver.url('/flaky', [503, 500]);
    const alert = await createAlert(database.db, { name: 'Flaky', query: 'flakyword', channels: [{ id: channelId(), type: 'slack', url }] });
    await publish('A flakyword story');
    await until(async () => (await listDeliveries(database.db, alert.id))[0]?.status === 'delivered', 'the delivery after retries');
    expect(receiver.at('/flaky').map((r) => r.status)).toEqual([503, 500, 200]);
    const [delivery] = await listDeliveries(database.db, alert.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null, channelType: 'slack' });
    expect(JSON.parse(receiver.at('/flaky')[2]!.body)).toMatchObject({ text: expect.stringContaining('A flakyword story') });
  });

  test('a receiver that refuses is given up at once and its error logged', async () => {
    const alert = await createAlert(database.db, {
      name: 'Gone',
      query: 'goneword',
      channels: [{ id: channelId(), type: 'teams', url: receiver.url('/gone', [404]) }],
    });
    await publish('A goneword story');
    await until(async () => (await listDeliveries(database.db, alert.id))[0]?.status === 'failed', 'the failure');
    expect(await listDeliveries(database.db, alert.id)).toMatchObject([
      { status: 'failed', attempts: 1, lastStatus: 404, lastError: 'the receiver answered HTTP 404' },
    ]);
    expect(receiver.at('/gone')).toHaveLength(1);
  });

  test('a channel whose address was sealed under another secret key is given up at once, saying to enter it again', async () => {
    const url = receiver.url('/resealed');
    // as a database copied from another installation holds it
    const elsewhere = SecretBox.throwaway();
    const alert = await createAlert(database.db, { name: 'Resealed', query: 'resealedword', channels: [] });
    await updateAlert(database.db, alert.id, { channels: [{ id: channelId(), type: 'slack', url: elsewhere.seal(url) }] });
    await publish('A resealedword story');
    await until(async () => (await listDeliveries(database.db, alert.id))[0]?.status === 'failed', 'the failure');
    expect(await listDeliveries(database.db, alert.id)).toMatchObject([
      {
        status: 'failed',
        attempts: 1,
        lastStatus: null,
        lastError: expect.stringMatching(/^the channel's address was sealed with another secret key .*: enter it again on the alert$/),
      },
    ]);
    expect(receiver.at('/resealed')).toHaveLength(0);
  });

  test("a feed's back catalogue fires no alert: only stories published at most two days before they were found do", async () => {
    const alert = await createAlert(database.db, { name: 'Archive', query: 'archiveword', channels: [] });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await publish('An archiveword story from last year', { publishedAt: daysAgo(300) });
    await publish('An archiveword story from three days ago', { publishedAt: daysAgo(3) });
    // found three days ago, an hour after it was published, and reaching the notifier only now
    // (it was down): it was news when it was found
    await publish('An archiveword story found while the notifier was down', { publishedAt: daysAgo(3.05), ingestedAt: daysAgo(3) });
    await publish('An archiveword story from yesterday', { publishedAt: daysAgo(1) });
    await until(() => fired.filter((n) => n.alert.id === alert.id).length === 2, 'the fresh stories');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fired.filter((n) => n.alert.id === alert.id).map((n) => n.story?.title)).toEqual([
      'An archiveword story found while the notifier was down',
      'An archiveword story from yesterday',
    ]);
    expect((await listInbox(database.db, { alertId: alert.id })).items).toHaveLength(2);
  });

  test('alerts go on firing after Redis lost the story stream and its group', async () => {
    const alert = await createAlert(database.db, { name: 'After the loss', query: 'lossword', channels: [] });
    await redis.del(storyStreamKey(settings));
    await publish('A lossword story after Redis restarted empty');
    await until(() => fired.some((n) => n.alert.id === alert.id), 'the alert after the loss');
  });

  test('an is:policy alert fires on the stories the detector judged to be about policy, not on the others', async () => {
    const alert = await createAlert(database.db, { name: 'Chip policy', query: 'semiconductor is:policy', channels: [] });
    await publish('Semiconductor maker reports record quarter');
    const policy = await publish('Semiconductor export controls tightened by the Commerce Department', { relevant: true });
    await until(() => fired.some((n) => n.alert.id === alert.id), 'the policy story');
    await publish('Another semiconductor maker beats estimates');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fired.filter((n) => n.alert.id === alert.id).map((n) => n.story?.id)).toEqual([policy.id]);
  });

  test('a rising alert fires once for the values a story made rise, with that story, and tells of each value once a day', async () => {
    const hook = receiver.url('/rising');
    const alert = await createAlert(database.db, {
      name: 'Shutdown watch',
      query: 'shutdownword',
      trigger: 'rising',
      channels: [
        { id: channelId(), type: 'webhook', url: hook, secret: 'receiver-secret' },
        { id: channelId(), type: 'email', to: 'desk@example.org', digest: 'none' },
      ],
    });
    // the same stories, told only of topics that rise
    const topicsOnly = await createAlert(database.db, {
      name: 'Shutdown topics',
      query: 'shutdownword',
      trigger: 'rising',
      risingKinds: ['topic'],
      channels: [],
    });
    // two weeks of one Kenyan story a day: what is usual
    const days = Array.from({ length: 14 }, (_, day) => {
      const id = newStoryId();
      const publishedAt = new Date(Date.now() - (day + 2) * 86_400_000);
      return { id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: `Kenya shutdownword ${day}`, publishedAt, countries: ['KE'] };
    });
    await saveStories(database.db, days);
    const mine = () => fired.filter((n) => n.alert.id === alert.id);

    // Ghana and shutdowns rise together, with the same three stories: one message tells of both
    const shutdowns = 'censorship-shutdowns';
    const ghana = [
      await publish('Ghana orders shutdownword of messaging apps', { countries: ['GH', 'KE'], topics: [shutdowns] }),
      await publish('Ghana shutdownword enters second day', { countries: ['GH'], topics: [shutdowns] }),
      await publish('Ghana shutdownword: operators confirm', { countries: ['GH'], topics: [shutdowns] }),
    ];
    await until(
      () => mine().length === 1 && receiver.at('/rising').length === 1 && smtp.messages.some((m) => m.to.includes('desk@example.org')),
      'the rising firing',
    );
    // the third story makes three; a notifier running behind may see all three while reading an earlier one
    const [notice] = mine();
    expect(ghana.map((story) => story.id)).toContain(notice!.story!.id);
    expect(notice!.rising).toEqual([
      { kind: 'topic', id: shutdowns, recent: 3, usual: 0, baselineDays: 14 },
      { kind: 'country', id: 'GH', recent: 3, usual: 0, baselineDays: 14 },
    ]);
    expect(JSON.parse(receiver.at('/rising')[0]!.body)).toMatchObject({
      alert: { id: alert.id, name: 'Shutdown watch' },
      story: { id: notice!.story!.id },
      rising: [{ id: shutdowns }, { kind: 'country', id: 'GH', recent: 3 }],
    });
    const mail = smtp.messages.find((m) => m.to.includes('desk@example.org'))!;
    expect(mail.subject).toBe('[Policy Radar] Shutdown watch: Censorship & shutdowns and Ghana are rising');
    expect(mail.raw).toContain('Ghana: 3 stories in the last 24 hours, none in the 14 days before');

    // Ghana goes on rising, and Kenya's second story of the day is within the usual: nothing more
    await publish('Ghana shutdownword lifted', { countries: ['GH', 'KE'], topics: [shutdowns] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mine()).toHaveLength(1);
    // Nigeria rises in the stories that follow: told alone, Ghana and shutdowns having been told today
    const nigeria = [
      await publish('Nigeria follows Ghana with a shutdownword', { countries: ['NG', 'GH'], topics: [shutdowns] }),
      await publish('Nigeria shutdownword widens', { countries: ['NG'], topics: [shutdowns] }),
      await publish('Nigeria shutdownword in its third day', { countries: ['NG', 'GH'], topics: [shutdowns] }),
    ];
    await until(() => mine().length === 2, 'the second rising firing');
    const second = mine()[1]!;
    expect(nigeria.map((story) => story.id)).toContain(second.story!.id);
    expect(second.rising).toEqual([{ kind: 'country', id: 'NG', recent: 3, usual: 0, baselineDays: 14 }]);
    // the alert that tells only of topics told of shutdowns, once, and not of Ghana or Nigeria
    const topics = fired.filter((n) => n.alert.id === topicsOnly.id);
    expect(topics.map((n) => n.rising?.map((value) => value.id))).toEqual([[shutdowns]]);
    const inbox = await listInbox(database.db, { alertId: alert.id });
    expect(inbox.items.map((item) => [item.story?.id, item.rising?.map((value) => value.id)])).toEqual([
      [second.story!.id, ['NG']],
      [notice!.story!.id, [shutdowns, 'GH']],
    ]);

    // the story that fired, read again as after a crash: the same firing and deliveries, nothing new
    const deps = { db: database.db, redis, matcher: notifier.matcher, queue: notifier.queue, noticeStreamKey: alertNoticeStreamKey(settings) };
    expect(await fireAlerts(notice!.story!, deps)).toEqual([]);
    await until(() => receiver.at('/rising').length === 2, 'the second webhook');
    // two deliveries (webhook, e-mail) a firing, each saying what rose
    expect((await listDeliveries(database.db, alert.id)).map((delivery) => delivery.rising?.map((value) => value.id).join())).toEqual([
      'NG',
      'NG',
      `${shutdowns},GH`,
      `${shutdowns},GH`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/rising')).toHaveLength(2);

    // a test message shows what is rising among the alert's stories now, above its newest story
    const tester = createAlertTester({ ...settings, redis });
    expect(await tester.send(alert.id, alert.channels.find((channel) => channel.type === 'webhook')!.id)).toEqual({ ok: true, status: 200 });
    await tester.close();
    const test = receiver.at('/rising')[2]!;
    expect(test.headers['x-radar-event']).toBe('test');
    const body = JSON.parse(test.body) as { alert: { name: string }; rising: { id: string }[] };
    expect(body.alert.name).toBe('Shutdown watch (test)');
    expect(body.rising.map((value) => value.id).sort()).toEqual(['GH', 'NG', shutdowns]);
  });

  test('muted and snoozed alerts stay quiet', async () => {
    const muted = await createAlert(database.db, { name: 'Muted', query: 'quietword', channels: [], muted: true });
    const snoozed = await createAlert(database.db, { name: 'Snoozed', query: 'quietword', channels: [], snoozedUntil: new Date(Date.now() + 3600_000) });
    const awake = await createAlert(database.db, { name: 'Awake', query: 'quietword', channels: [], snoozedUntil: new Date(Date.now() - 1000) });
    await publish('A quietword story');
    await until(() => fired.some((n) => n.alert.id === awake.id), 'the awake alert');
    await updateAlert(database.db, muted.id, { muted: false });
    await publish('Another quietword story');
    await until(() => fired.some((n) => n.alert.id === muted.id), 'the unmuted alert');
    expect(fired.filter((n) => n.alert.id === snoozed.id)).toEqual([]);
  });

  test('a story a crashed notifier left unacknowledged is taken over', async () => {
    await notifier.close();
    const alert = await createAlert(database.db, { name: 'Orphan', query: 'orphanword', channels: [] });
    await publish('An orphanword story');
    // a notifier that read the entry and died before acknowledging it
    const taken = await redis.xreadgroup('GROUP', 'notifier', 'crashed-notifier', 'COUNT', 10, 'STREAMS', storyStreamKey(settings), '>');
    expect(taken).not.toBeNull();
    notifier = await startNotifier(options);
    await until(() => fired.some((n) => n.alert.id === alert.id), 'the claimed story');
    const pending = (await redis.xpending(storyStreamKey(settings), 'notifier')) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });
});

describe('digest e-mails', () => {
  const prefix = `radar-test-digest-${process.pid}-${Date.now().toString(36)}`;
  const smtp = new SmtpSink();
  let database: Database;
  let redis: Redis;
  let notifier: Notifier;
  let clock = Date.now();

  beforeAll(async () => {
    await smtp.start();
    database = await openScratchDatabase('pglite');
    redis = connectRedis(readConfig().redisUrl);
    notifier = await startNotifier({
      prefix,
      db: database.db,
      redis,
      allowPrivateAddresses: true,
      smtpUrl: smtp.url,
      mailFrom: 'radar@test.invalid',
      retry: { attempts: 2, backoffMs: 100 },
      digestSweepMs: 200,
      now: () => new Date(clock),
    });
  });
  afterAll(async () => {
    await notifier?.close();
    await database?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis?.disconnect();
    await smtp.close();
  });

  test('stories of one hour go out as one e-mail when the hour is over', async () => {
    const alert = await createAlert(database.db, {
      name: 'Hourly DMA',
      query: 'dma',
      channels: [{ id: 'mail', type: 'email', to: 'team@example.org', digest: 'hourly' }],
    });
    for (const title of ['DMA fine for Apple', 'DMA probe into Meta']) {
      const id = newStoryId();
      const [row] = (await saveStories(database.db, [{ id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title, publishedAt: new Date() }]))
        .inserted;
      await appendStory(redis, storyStreamKey({ prefix }), toStory(row!));
    }
    await until(async () => (await listDeliveries(database.db, alert.id)).length === 2, 'two digest deliveries');
    expect((await listDeliveries(database.db, alert.id)).every((d) => d.status === 'digest' && d.dueAt !== null)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(0);

    clock += 2 * 3600_000;
    await until(() => smtp.messages.length === 1, 'the digest e-mail');
    expect(smtp.messages[0]!.subject).toBe('[Policy Radar] Hourly DMA: 2 stories (hourly digest)');
    expect(smtp.messages[0]!.raw).toContain('DMA fine for Apple');
    expect(smtp.messages[0]!.raw).toContain('DMA probe into Meta');
    await until(async () => (await listDeliveries(database.db, alert.id)).every((d) => d.status === 'delivered'), 'both marked delivered');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(smtp.messages).toHaveLength(1);
  });
  test("a weekly digest waits for Monday at its hour in its readers' time zone", async () => {
    const newYork = { hour: 8, timeZone: 'America/New_York' };
    const alert = await createAlert(database.db, {
      name: 'Weekly AI Act',
      query: 'aiact',
      channels: [{ id: 'weekly', type: 'email', to: 'dc@example.org', digest: 'weekly', digestTime: newYork }],
    });
    const id = newStoryId();
    const [row] = (
      await saveStories(database.db, [
        { id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: 'AIACT obligations start', publishedAt: new Date(clock) },
      ])
    ).inserted;
    await appendStory(redis, storyStreamKey({ prefix }), toStory(row!));
    await until(async () => (await listDeliveries(database.db, alert.id)).length === 1, 'the digest delivery');
    const [delivery] = await listDeliveries(database.db, alert.id);
    const dueAt = new Date(delivery!.dueAt!);
    // 08:00 in New York on a Monday, within the week after the story
    const there = new Intl.DateTimeFormat('en-US', { timeZone: newYork.timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hour12: false }).format(
      dueAt,
    );
    expect(there).toBe('Monday 08:00');
    expect(dueAt.getTime() - clock).toBeGreaterThan(0);
    expect(dueAt.getTime() - clock).toBeLessThanOrEqual(7 * 86_400_000);

    clock = dueAt.getTime() - 60_000;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(smtp.messages.filter((m) => m.to.includes('dc@example.org'))).toHaveLength(0);
    clock = dueAt.getTime() + 60_000;
    await until(() => smtp.messages.some((m) => m.to.includes('dc@example.org')), 'the weekly digest');
    expect(smtp.messages.find((m) => m.to.includes('dc@example.org'))!.subject).toBe('[Policy Radar] Weekly AI Act: 1 story (weekly digest)');
  });
});
