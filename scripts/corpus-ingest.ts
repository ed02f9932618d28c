// Ingests every file of the real-feeds corpus (../shared/corpus/real-feeds) through the real
// poll worker, as served by a local HTTP server, into a scratch PostgreSQL database and Redis,
// then polls every feed twice more: once with a newline added to the document (the same items
// in other bytes, so it is read again) and once with the same bytes as that. Prints, per file,
// the stories the document lists, the ones stored, the listings that were the same story
// again (same guid, or same article URL, in one document), and the articles another file
// listed first (one story, kept by the feed that found it). Exits non-zero when a poll fails,
// when a document with stories stores none and had none stored before, when reading the same items again stores, updates
// or streams anything, or when the same bytes again are not recognised as not modified.
//
//   npx tsx scripts/corpus-ingest.ts [dir]

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { countStories, createFeed, openScratchDatabase } from '../packages/db/src/index.ts';
import { connectRedis, deleteKeysWithPrefix } from '../packages/jobs/src/index.ts';
import { ClusterWindow } from '../workers/poller/src/cluster-window.ts';
import { pollFeed, type PollDeps, type PollOutcome } from '../workers/poller/src/poll-feed.ts';

const dir = resolve(process.argv[2] ?? '../shared/corpus/real-feeds');
const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { file: string }[];

// the files as a publisher's server would send them: bytes as they are, no charset given, no
// validators; from the second request on with a newline after them
const served = new Map<string, number>();
const server = createServer((request, response) => {
  const file = decodeURIComponent(new URL(request.url!, 'http://corpus').pathname.slice(1));
  if (!manifest.some((entry) => entry.file === file)) return void response.writeHead(404).end();
  const times = (served.get(file) ?? 0) + 1;
  served.set(file, times);
  readFile(join(dir, file)).then(
    (bytes) =>
      response
        .writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/xml' })
        .end(times > 1 ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes),
    () => response.writeHead(500).end(),
  );
});
await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const database = await openScratchDatabase('postgres');
const prefix = `radar-corpus-ingest-${process.pid}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const deps: PollDeps = { db: database.db, redis, streamKey: `${prefix}:stories`, allowPrivateAddresses: true, clusters: new ClusterWindow() };

let failed = 0;
let listedTotal = 0;
let storedTotal = 0;
let elsewhereTotal = 0;
let before = 0;
const started = performance.now();
const describe = (outcome: PollOutcome) =>
  outcome.kind === 'polled' ? `${outcome.inserted} new, ${outcome.updated} updated, ${outcome.streamed} streamed` : outcome.kind === 'not-modified' ? `not modified, ${outcome.streamed} streamed` : outcome.kind;

for (const { file } of manifest) {
  const feed = await createFeed(database.db, { url: `${origin}/${encodeURIComponent(file)}` });
  let line: string;
  try {
    const first = await pollFeed(feed.id, deps, { manual: true });
    const stored = (await countStories(database.db)) - before;
    before += stored;
    const again = await pollFeed(feed.id, deps, { manual: true });
    const sameBytes = await pollFeed(feed.id, deps, { manual: true });
    if (first.kind !== 'polled' || again.kind !== 'polled') throw new Error(`polls ended ${first.kind}, ${again.kind}`);
    listedTotal += first.items;
    storedTotal += stored;
    elsewhereTotal += first.elsewhere;
    const problems = [
      first.items > 0 && stored + first.elsewhere === 0 ? 'nothing stored' : '',
      again.inserted || again.updated || again.streamed ? `polled again unchanged: ${describe(again)}` : '',
      sameBytes.kind !== 'not-modified' || sameBytes.streamed ? `the same bytes again: ${describe(sameBytes)}` : '',
    ].filter(Boolean);
    if (problems.length) failed++;
    const repeated = first.items - stored - first.elsewhere;
    const notes = [repeated ? `${repeated} listed again` : '', first.elsewhere ? `${first.elsewhere} stored from another file` : ''].filter(Boolean);
    line = `${problems.length ? 'FAIL' : 'ok  '} ${file.padEnd(52)} ${String(stored).padStart(4)} of ${String(first.items).padEnd(4)}${notes.length ? ` (${notes.join(', ')})` : ''}${problems.length ? `: ${problems.join('; ')}` : ''}`;
  } catch (error) {
    failed++;
    line = `FAIL ${file.padEnd(52)} ${(error as Error).message}`;
  }
  console.log(line);
}

console.log(
  `\ncorpus ingest: ${manifest.length} files, ${storedTotal} stories stored of ${listedTotal} listed (${elsewhereTotal} already stored from another file), ${failed} failed, in ${((performance.now() - started) / 1000).toFixed(1)}s`,
);
server.close();
await database.close();
await deleteKeysWithPrefix(redis, prefix);
redis.disconnect();
process.exit(failed ? 1 : 0);
