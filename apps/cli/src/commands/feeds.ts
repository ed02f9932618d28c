import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { FeedInputSchema, feedAddress, MAX_POLLS_PER_FEED, outboundProxyOf, readConfig, webSubStanding, withLoginFromUrl, type Feed, type FeedPoll } from '@radar/core';
import { addFeeds, createFeed, DuplicateFeedError, getFeed, getFeedByUrl, listFeedPolls, listFeeds, type FeedRow, type RadarDb } from '@radar/db';
import { openConfiguredDatabase } from '../serve/installation-secrets.ts';
import { exportOpml, fetchOpml, readOpml, setOutboundProxy, withIncludedLists, type OpmlReadResult } from '@radar/feeds';
import { connectRedis, FeedScheduler } from '@radar/jobs';

const usage = `usage: radar feeds add URL [--title T] [--folder F] [--user-agent UA]
       radar feeds list
       radar feeds history ID|URL [--limit N]
       radar feeds import FILE.opml|URL
       radar feeds export [FILE.opml] [--folder F]`;

/** Schedules newly added feeds on the shared Redis, so a running poller picks them up at once. */
async function schedule(feeds: FeedRow[]): Promise<void> {
  const config = readConfig();
  const redis = connectRedis(config.redisUrl);
  const scheduler = new FeedScheduler(redis, { prefix: config.redisPrefix });
  try {
    for (const feed of feeds) await scheduler.sync(feed);
  } finally {
    await scheduler.close();
    redis.disconnect();
  }
}

async function addOne(db: RadarDb, args: string[]): Promise<void> {
  const option = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
  // a bare site address ("eff.org") is taken as https, as in the dashboard
  const input = FeedInputSchema.safeParse({
    url: feedAddress(args[0] ?? '') ?? args[0],
    title: option('--title'),
    folder: option('--folder'),
    userAgent: option('--user-agent'),
  });
  if (!input.success) throw new Error(input.error.issues[0]?.message ?? 'invalid feed');
  try {
    const feed = await createFeed(db, withLoginFromUrl(input.data));
    await schedule([feed]);
    console.log(`added feed ${feed.id} ${feed.url}; it is polled now and every ${feed.intervalSeconds / 60} minutes`);
  } catch (error) {
    if (error instanceof DuplicateFeedError) throw new Error(`already watched: ${error.existing.id} ${error.existing.url}`);
    throw error;
  }
}

/**
 * An OPML list from a file, or from an address (a team's published list) fetched as feeds are:
 * public addresses only, with the size and time limits; with the lists it includes read into it.
 */
async function readOpmlFrom(source: string): Promise<OpmlReadResult> {
  const config = readConfig();
  // behind a corporate proxy, as the poller is
  setOutboundProxy(outboundProxyOf(config));
  const options = { allowPrivateAddresses: config.allowPrivateAddresses };
  const list = /^https?:\/\//i.test(source) ? await fetchOpml(source, options) : readOpml(readFileSync(source));
  return withIncludedLists(list, options);
}

async function importOpml(db: RadarDb, source: string): Promise<void> {
  const opml = await readOpmlFrom(source);
  const bar = new SingleBar({ format: 'importing {bar} {value}/{total} feeds', hideCursor: true }, Presets.shades_classic);
  bar.start(opml.feeds.length, 0);
  const result = await addFeeds(
    db,
    opml.feeds.map((feed) => withLoginFromUrl({ url: feed.url, title: feed.title ?? undefined, folder: feed.category, userAgent: feed.userAgent })),
    (done) => bar.update(done),
  );
  bar.stop();
  await schedule(result.added);
  console.log(`added ${result.added.length} feeds`);
  for (const { url, reason } of [...opml.skipped, ...result.skipped]) console.log(`skipped ${url}: ${reason}`);
}

/** One poll as a line: when, result, HTTP status, time to answer, size, items, then its stories or its error. */
function pollLine(poll: FeedPoll): string {
  const result = poll.pushed ? `${poll.outcome} (pushed)` : poll.outcome;
  const figures = [
    poll.status === null ? '-' : String(poll.status),
    poll.pushed || poll.latencyMs === null ? '-' : `${poll.latencyMs} ms`,
    poll.outcome === 'read' && poll.bytes !== null ? `${poll.bytes} B` : '-',
    poll.items === null ? '-' : `${poll.items} items`,
  ];
  const found = `${poll.newStories} new, ${poll.updatedStories} updated`;
  const stories = poll.outcome === 'read' ? (poll.error ? `${found}; ${poll.error}` : found) : (poll.error ?? 'not modified');
  return `${poll.at.replace('T', ' ').slice(0, 19)}  ${result.padEnd(16)} ${figures[0]!.padStart(3)} ${figures[1]!.padStart(8)} ${figures[2]!.padStart(10)} ${figures[3]!.padStart(10)}  ${stories}`;
}

/** A feed's latest polls, newest first, for a feed named by its id or its address. */
async function showHistory(db: RadarDb, args: string[]): Promise<void> {
  const limitAt = args.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_POLLS_PER_FEED) throw new Error(`--limit must be a whole number from 1 to ${MAX_POLLS_PER_FEED}`);
  const named = args[0]!;
  const feed = (await getFeed(db, named)) ?? (await getFeedByUrl(db, named)) ?? (await getFeedByUrl(db, feedAddress(named) ?? named));
  if (!feed) throw new Error(`no feed ${named}: give its id or its address, as \`radar feeds list\` shows them`);
  const polls = await listFeedPolls(db, feed.id, limit);
  console.log(`${feed.title ?? feed.url}  ${feed.url}`);
  if (polls.length === 0) console.log('not polled yet');
  for (const poll of polls) console.log(pollLine(poll));
}

/** `radar feeds …`: manage watched feeds straight against the configured database. */
export async function runFeeds(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const config = readConfig();
  const database = await openConfiguredDatabase(config);
  try {
    if (action === 'list') {
      for (const feed of await listFeeds(database.db)) {
        const health = feed.pausedReason
          ? `paused: ${feed.pausedReason}`
          : feed.lastError
            ? `error: ${feed.lastError}`
            : feed.lastStatus
              ? `HTTP ${feed.lastStatus}`
              : 'not polled yet';
        const name = `${feed.folder ? `[${feed.folder}]  ` : ''}${feed.title ? `${feed.title}  ` : ''}${feed.login ? `(login ${feed.login.username})  ` : ''}${feed.userAgent ? `(read as "${feed.userAgent}")  ` : ''}`;
        const push = pushNote(feed.websub, Date.now());
        console.log(`${feed.id}  ${feed.enabled ? 'on ' : 'off'}  ${name}${feed.url}  (${feed.storyCount ?? 0} stories, ${health}${push ? `; ${push}` : ''})`);
      }
    } else if (action === 'history' && rest[0]) {
      await showHistory(database.db, rest);
    } else if (action === 'add' && rest[0]) {
      await addOne(database.db, rest);
    } else if (action === 'import' && rest[0]) {
      await importOpml(database.db, rest[0]);
    } else if (action === 'export') {
      const at = rest.indexOf('--folder');
      const folder = at >= 0 ? (rest[at + 1]?.trim() ?? '') : null;
      if (folder === '') throw new Error('--folder needs the name of a folder');
      const file = rest.filter((_, i) => at < 0 || (i !== at && i !== at + 1))[0];
      const opml = exportOpml(await listFeeds(database.db), folder);
      if (opml === null) throw new Error(`no feed is in the folder ${folder}`);
      if (file) writeFileSync(file, opml);
      else process.stdout.write(opml);
    } else {
      throw new Error(usage);
    }
  } finally {
    await database.close();
  }
}

/** What the list says of a feed's WebSub subscription: pushed, asked for, or why not; null when none. */
function pushNote(websub: Feed['websub'], now: number): string | null {
  const standing = webSubStanding(websub, now);
  if (!standing) return null;
  const { hub, reason } = standing;
  switch (standing.kind) {
    case 'pushed':
      return `pushed by ${hub}`;
    case 'lapsed':
      return `push from ${hub} lapsed`;
    case 'asked':
      return `push asked of ${hub}`;
    case 'refused':
      return `push refused by ${hub}: ${reason}`;
    case 'unavailable':
      return `push unavailable: ${reason}`;
  }
}
