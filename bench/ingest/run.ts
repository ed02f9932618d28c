/**
 * Ingest benchmark: 1,000 local feeds of 50 items each, first poll, through the real poll
 * worker (fetch → parse → dedupe → detect → store → stream) into real PostgreSQL. Prints
 * items per second and wall time beside rss-parser's parseString alone on the same
 * documents (its fastest of three passes), measured in the same run, as one JSON line; then
 * every feed is polled once more, unchanged, as most polls are, and that round is timed too
 * (the feed server sends no validators: each document is fetched in full, found to be the
 * same bytes as last time, and not read again).
 *
 *   pnpm --filter @radar/bench ingest [--feeds 1000] [--items 50] [--workers 2] [--concurrency 16]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Parser from 'rss-parser';
import { addFeeds, countStories, openScratchDatabase } from '@radar/db';
import { parseFeed } from '@radar/feeds';
import { connectRedis, deleteKeysWithPrefix, FeedScheduler, storyStreamKey } from '@radar/jobs';
import { feedHost, syntheticFeed } from './synthetic-feeds.ts';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '1000' },
    items: { type: 'string', default: '50' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
  },
});
const feeds = Number(values.feeds);
const items = Number(values.items);
const workers = Number(values.workers);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
// BENCH_CPU_PROF=<dir> writes a CPU profile of each child process there
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const tsx = (file: string, args: string[]): ChildProcess =>
  spawn(process.execPath, [...profile, '--import', 'tsx', here(file), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });

async function firstLine(child: ChildProcess): Promise<string> {
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return chunk.toString().trim();
}

const server = tsx('./feed-server.ts', [String(feeds), String(items)]);
const port = Number(await firstLine(server));
const feedUrl = (i: number) => `http://${feedHost(i)}:${port}/feeds/${i}.xml`;
const documents = Array.from({ length: feeds }, (_, i) => syntheticFeed(i, items, `http://${feedHost(i)}:${port}`));
const bytes = documents.reduce((sum, doc) => sum + Buffer.byteLength(doc), 0);

/**
 * Seconds the fastest of three passes over every document took: the machine is shared, and
 * one pass can lose a third of its time to other work, which would flatter the ratio.
 */
async function fastestPass(parse: (doc: string | Buffer, index: number) => Promise<unknown>, docs: (string | Buffer)[]): Promise<number> {
  for (const [i, doc] of docs.slice(0, 50).entries()) await parse(doc, i);
  let fastest = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const [i, doc] of docs.entries()) await parse(doc, i);
    fastest = Math.min(fastest, (performance.now() - started) / 1000);
  }
  return fastest;
}

// the yardstick: rss-parser's parseString alone on the same documents, in this process
const rssParser = new Parser();
const parseAloneSeconds = await fastestPass((doc) => rssParser.parseString(doc as string), documents);

// our whole parse stage alone, for the breakdown
const encoded = documents.map((doc) => Buffer.from(doc));
const ourParseSeconds = await fastestPass(
  (doc, i) => parseFeed(doc as Buffer, { contentType: 'application/rss+xml; charset=utf-8', baseUrl: feedUrl(i) }),
  encoded,
);

const database = await openScratchDatabase('postgres');
const prefix = `radar-bench-${process.pid}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
// the workers start first, idle; the clock starts when the feeds are scheduled
const pollers = Array.from({ length: workers }, () => tsx('./poller-process.ts', [database.url!, prefix, values.concurrency!]));
await Promise.all(pollers.map(firstLine));
const { added } = await addFeeds(database.db, Array.from({ length: feeds }, (_, i) => ({ url: feedUrl(i) })));
if (added.length !== feeds) throw new Error(`only ${added.length} feeds added`);
const scheduler = new FeedScheduler(redis, { prefix });
const started = performance.now();
await scheduler.reconcile(async () => added);
const expected = feeds * items;
const deadline = Date.now() + 30 * 60_000;
const waitFor = async (what: string, done: () => Promise<boolean>, everyMs: number) => {
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};
// the stream's count is cheap to ask often (counting rows would load the database being
// measured); once every story is on the stream, the database must say each is stored and streamed
const appended = async () => {
  // entries-added counts every entry ever appended, whatever the stream's length cap dropped
  const info = (await redis.xinfo('STREAM', storyStreamKey({ prefix })).catch((error: Error) => {
    if (/no such key/i.test(error.message)) return null; // no story appended yet
    throw error;
  })) as unknown[] | null;
  if (info === null) return 0;
  const at = info.indexOf('entries-added');
  if (at < 0) throw new Error('this Redis does not count appended stream entries (XINFO entries-added needs Redis 7)');
  return Number(info[at + 1]);
};
await waitFor('the stream', async () => (await appended()) >= expected, 20);
await waitFor('the stored stories', async () => (await countStories(database.db, { streamedOnly: true })) === expected, 20);
const wallSeconds = (performance.now() - started) / 1000;

/** The CPU time the pollers have used since they were ready, and how much of it the kernel's. */
async function pollerCpuMicros(): Promise<{ total: number; system: number }> {
  const reports = pollers.map(firstLine);
  for (const child of pollers) child.kill('SIGUSR2');
  const used = (await Promise.all(reports)).map((line) => JSON.parse(line) as { cpuMicros: number; systemMicros: number });
  return { total: used.reduce((sum, u) => sum + u.cpuMicros, 0), system: used.reduce((sum, u) => sum + u.systemMicros, 0) };
}
const firstPollCpu = await pollerCpuMicros();

// the steady state: every feed polled again, unchanged (the feed server sends no validators,
// so each document is fetched in full, then recognised as the same bytes; nothing is stored or streamed)
const pollsKey = `${prefix}:bench-polls`;
const pollsBefore = Number(await redis.get(pollsKey));
const repollStarted = performance.now();
for (const feed of added) await scheduler.pollNow(feed.id);
await waitFor('the second polls', async () => Number(await redis.get(pollsKey)) >= pollsBefore + feeds, 20);
const repollSeconds = (performance.now() - repollStarted) / 1000;
const repollCpuMicros = (await pollerCpuMicros()).total - firstPollCpu.total;
if ((await appended()) !== expected || (await countStories(database.db)) !== expected) throw new Error('polling unchanged feeds again stored or streamed something');

for (const child of pollers) child.kill('SIGTERM');
await Promise.all(pollers.map((child) => once(child, 'exit')));
server.kill('SIGTERM');
await scheduler.close();
await database.close();
await deleteKeysWithPrefix(redis, prefix);
redis.disconnect();

const itemsPerSecond = expected / wallSeconds;
const parseAloneItemsPerSecond = expected / parseAloneSeconds;
console.log(
  JSON.stringify({
    bench: 'ingest',
    feeds,
    itemsPerFeed: items,
    items: expected,
    megabytes: +(bytes / 1e6).toFixed(1),
    pollerProcesses: workers,
    concurrency: Number(values.concurrency),
    wallSeconds: +wallSeconds.toFixed(2),
    pollerCpuMicrosPerItem: Math.round(firstPollCpu.total / expected),
    pollerKernelShare: +(firstPollCpu.system / firstPollCpu.total).toFixed(2),
    itemsPerSecond: Math.round(itemsPerSecond),
    parseAloneItemsPerSecond: Math.round(parseAloneItemsPerSecond),
    ourParseItemsPerSecond: Math.round(expected / ourParseSeconds),
    endToEndVsParseAlone: +(itemsPerSecond / parseAloneItemsPerSecond).toFixed(3),
    repoll: {
      wallSeconds: +repollSeconds.toFixed(2),
      itemsPerSecond: Math.round(expected / repollSeconds),
      pollerCpuMicrosPerItem: Math.round(repollCpuMicros / expected),
    },
  }),
);
