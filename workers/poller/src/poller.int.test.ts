import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EMPTY_FILTER } from '@radar/core';
import { createFeed, getFeed, listStories, openScratchDatabase, pauseFeed, type Database } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import type { PollOutcome } from './poll-feed.ts';
import { startPoller, type Poller } from './poller.ts';

const prefix = `radar-test-pollers-${process.pid}-${Date.now()}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const documents = new Map<string, string>();
let database: Database;
let server: Server;
let base: string;
const pollers: Poller[] = [];

const rss = (title: string, ...items: { title: string; summary: string }[]) =>
  `<rss version="2.0"><channel><title>${title}</title>${items
    .map((item, i) => `<item><guid>${title}-${i}</guid><title>${item.title}</title><description>${item.summary}</description><link>https://${title.toLowerCase()}.example/${i}</link><pubDate>${new Date(Date.now() - 3600_000).toUTCString()}</pubDate></item>`)
    .join('')}</channel></rss>`;

beforeAll(async () => {
  database = await openScratchDatabase('postgres');
  server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(documents.get(req.url ?? '') ?? rss('Empty')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const poller of pollers) await poller.close();
  server?.close();
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

/** Starts a poller that reports each of its polls; `next()` waits for its next one. */
async function poller(): Promise<{ poller: Poller; next(): Promise<PollOutcome> }> {
  const waiting: ((outcome: PollOutcome) => void)[] = [];
  const started = await startPoller({
    db: database.db,
    redis,
    prefix,
    allowPrivateAddresses: true,
    concurrency: 1,
    onPolled: (_feedId, outcome) => waiting.shift()?.(outcome),
  });
  pollers.push(started);
  return { poller: started, next: () => new Promise((resolve) => waiting.push(resolve)) };
}

test('a poller clusters a report with the event another poller stored, learned from the stream', async () => {
  // paused feeds: nothing is polled but what the test asks for
  const wire = await createFeed(database.db, { url: `${base}/wire.xml`, enabled: false });
  const gazette = await createFeed(database.db, { url: `${base}/gazette.xml`, enabled: false });
  const first = await poller();
  const second = await poller();

  // the first poller stores the first report; the second only hears of it on the stream
  await second.poller.worker.pause();
  documents.set('/wire.xml', rss('Wire', { title: 'France fines Meta 150 million euros over Instagram age checks', summary: 'The French regulator fined Meta 150 million euros over age checks on Instagram.' }));
  const firstPolled = first.next();
  await first.poller.scheduler.pollNow(wire.id);
  expect(await firstPolled).toMatchObject({ kind: 'polled', inserted: 1 });
  const deadline = Date.now() + 10_000;
  while (second.poller.deps.clusters!.size < 1) {
    if (Date.now() > deadline) throw new Error('the second poller never learned the first report');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  // the other outlet's report goes to the second poller, which must put it in the same event
  await first.poller.worker.pause();
  second.poller.worker.resume();
  documents.set('/gazette.xml', rss('Gazette', { title: 'Meta fined 150 million euros by France over Instagram age checks', summary: 'France has fined Meta 150 million euros for failing to check ages on Instagram.' }));
  const secondPolled = second.next();
  await second.poller.scheduler.pollNow(gazette.id);
  expect(await secondPolled).toMatchObject({ kind: 'polled', inserted: 1 });

  const { stories } = await listStories(database.db, EMPTY_FILTER, { limit: 10 });
  const byFeed = new Map(stories.map((story) => [story.source.feedId, story]));
  const report = byFeed.get(wire.id)!;
  expect(report.clusterId).toBe(report.id);
  expect(byFeed.get(gazette.id)!.clusterId).toBe(report.id);
});

test('schedules Redis lost, or that a write missed, are mended from the feeds in the database', async () => {
  const mender = await startPoller({ db: database.db, redis, prefix, allowPrivateAddresses: true, concurrency: 1, reconcileEveryMs: 200 });
  pollers.push(mender);
  const scheduled = async () => new Set(await mender.scheduler.scheduledFeedIds());
  const waitFor = async (what: string, condition: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  // stored without its schedule, as when Redis was down when the feed was added: scheduled, then polled
  documents.set('/mended.xml', rss('Mended', { title: 'Regulator opens an inquiry into app stores', summary: 'The inquiry opened.' }));
  const feed = await createFeed(database.db, { url: `${base}/mended.xml` });
  await waitFor('the schedule', async () => (await scheduled()).has(feed.id));
  await waitFor('the first poll', async () => (await getFeed(database.db, feed.id))?.lastFetchAt != null);

  // Redis loses it: back again (not checked gone in between: the mender, every 200 ms, may
  // already have put it back)
  await mender.scheduler.remove(feed.id);
  await waitFor('the schedule again', async () => (await scheduled()).has(feed.id));

  // paused in the database behind the scheduler's back: its schedule goes
  await pauseFeed(database.db, feed.id, 'paused by hand');
  await waitFor('the schedule to go', async () => !(await scheduled()).has(feed.id));
});
