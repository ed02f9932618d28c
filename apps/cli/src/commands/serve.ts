import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';
import { errorText, outboundProxyOf, readConfig, StoryFilterSchema } from '@radar/core';
import { proxyName, setOutboundProxy } from '@radar/feeds';
import { lookupThreadsAdvice, POLL_CONCURRENCY, webSubStartNote } from '@radar/poller';
import { createAlert, createFeed, getFeedByUrl, listFeeds, listStories, pinStory, saveTeamView, setFeedWatchedSince, type NewAlert, type RadarDb } from '@radar/db';
import defaultFeeds from '../../data/default-feeds.json' with { type: 'json' };
import { BACKLOG_HOURS, startNewsroomSimulator } from '../demo/newsroom-simulator.ts';
import { openConfiguredDatabase, resolveAdminToken } from '../serve/installation-secrets.ts';
import { ensureRedis } from '../serve/embedded-redis.ts';
import { startRadar } from '../serve/radar-instance.ts';

const DefaultFeedsSchema = z.array(z.object({ url: z.string().url(), title: z.string() }));
const DEMO_POLL_SECONDS = 3;
const webRoot = fileURLToPath(new URL('../../../web/build', import.meta.url));

/** The demo's team views: a desk, a topic and a market, as a policy team keeps them. */
const DEMO_TEAM_VIEWS = [
  { name: 'EU platform rules', search: '?country=EU&relevant=1' },
  { name: 'Child safety, last 7 days', search: '?topic=child-safety&range=7d' },
  { name: 'Brazil', search: '?country=BR' },
];

/**
 * The demo's alerts, in the inbox and as toasts only: a topic the team follows, what starts
 * rising in policy news, and the feeds that stop working.
 */
const DEMO_ALERTS: NewAlert[] = [
  { name: 'Child safety', query: 'topic:child-safety', channels: [] },
  { name: 'Rising in policy news', query: 'is:policy', trigger: 'rising', channels: [] },
  { name: 'Feeds that stop working', query: '', trigger: 'feed', channels: [] },
];

/** The demo team's picks from the week's history, pinned as a team would have pinned them. */
const DEMO_PICKS = [
  'Australia passes law banning social media for children under 16',
  'NSO Group ordered to pay WhatsApp damages over Pegasus hacking',
  'Japan enacts law to curb Apple and Google dominance in smartphone apps',
];

/**
 * Pins the demo team's picks once the first polls have stored them (a minute at the most), so
 * "The team's picks" has stories from the start.
 */
async function pinDemoPicks(db: RadarDb, titles: readonly string[], signal: AbortSignal): Promise<void> {
  const waiting = new Set(titles);
  const deadline = Date.now() + 60_000;
  while (waiting.size && Date.now() < deadline && !signal.aborted) {
    for (const title of waiting) {
      const { stories } = await listStories(db, StoryFilterSchema.parse({ q: `"${title}"` }), { limit: 5 });
      const story = stories.find((found) => found.title === title);
      if (!story) continue;
      await pinStory(db, story.id, true);
      waiting.delete(title);
    }
    if (waiting.size) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Adds the feeds the first time the product starts on an empty database. */
async function seedFeeds(
  db: RadarDb,
  feeds: { url: string; title: string; intervalSeconds?: number; maxIntervalSeconds?: number }[],
  always: boolean,
): Promise<number> {
  if (!always && (await listFeeds(db)).length > 0) return 0;
  let added = 0;
  for (const feed of feeds) {
    if (await getFeedByUrl(db, feed.url)) continue;
    await createFeed(db, feed);
    added += 1;
  }
  return added;
}

export type Role = 'all' | 'api' | 'poller' | 'notifier';

/**
 * `radar serve [--demo]`: API, dashboard, poller and notifier in one process. `radar api`,
 * `radar poller` and `radar notifier` run one role each, for a scaled-out deployment (docker-compose.yml).
 */
export async function runServe(args: string[], role: Role = 'all'): Promise<void> {
  const demo = args.includes('--demo');
  const env = { ...process.env };
  if (demo) {
    // the demo's feeds live on this machine, and its data stays apart from the real one
    env.RADAR_ALLOW_PRIVATE_ADDRESSES = '1';
    env.DATA_DIR ||= './data/demo';
    env.RADAR_REDIS_PREFIX ||= 'radar-demo';
  }
  const config = readConfig(env);
  setOutboundProxy(outboundProxyOf(config));
  const admin = resolveAdminToken(config.adminToken, config.dataDir);
  config.adminToken = admin.token;
  const redis = role === 'all' ? await ensureRedis(config.redisUrl) : { stop() {} };
  const database = await openConfiguredDatabase(config);

  const simulator = demo && role === 'all' ? await startNewsroomSimulator(config.port + 1) : null;
  // the demo newsroom is local and publishes every few seconds, so its feeds are polled that
  // often, however slowly their week of history says they publish
  const feeds = simulator
    ? simulator.feedUrls.map((feed) => ({ ...feed, intervalSeconds: DEMO_POLL_SECONDS, maxIntervalSeconds: DEMO_POLL_SECONDS }))
    : DefaultFeedsSchema.parse(defaultFeeds);
  const added = role === 'poller' || role === 'notifier' ? 0 : await seedFeeds(database.db, feeds, demo);
  if (added) console.log(`added ${added} ${demo ? 'demo' : 'built-in'} feeds`);
  // a new demo's feeds come with a week of history: watched since it began, so what rises in
  // it counts; and it shows the team's views as a policy team would keep them
  if (demo && added) {
    const historySince = new Date(Date.now() - (BACKLOG_HOURS + 1) * 3_600_000);
    for (const feed of await listFeeds(database.db)) await setFeedWatchedSince(database.db, feed.id, historySince);
    for (const view of DEMO_TEAM_VIEWS) await saveTeamView(database.db, view);
    for (const alert of DEMO_ALERTS) await createAlert(database.db, alert);
  }

  if ((role === 'all' || role === 'api') && !existsSync(webRoot)) {
    console.warn('the dashboard is not built (pnpm --filter @radar/web build); serving the API only');
  }
  const radar = await startRadar({
    config,
    database,
    webRoot,
    withApi: role === 'all' || role === 'api',
    withPoller: role === 'all' || role === 'poller',
    withNotifier: role === 'all' || role === 'notifier',
  });
  const seeding = new AbortController();
  const picks = demo && added ? pinDemoPicks(database.db, DEMO_PICKS, seeding.signal).catch((error: unknown) => console.warn(`the demo team could not pin its picks: ${errorText(error)}`)) : null;
  if (radar.api) console.log(`Policy Radar ${demo ? 'demo ' : ''}on http://localhost:${radar.api.port}`);
  if (radar.poller) {
    console.log('polling feeds');
    const advice = lookupThreadsAdvice(process.env, POLL_CONCURRENCY);
    if (advice) console.warn(advice);
    const webSub = webSubStartNote(config.publicUrl);
    console.log(webSub.line);
    if (webSub.warning) console.warn(webSub.warning);
  }
  if (radar.notifier) console.log(`matching alerts${config.smtpUrl ? '' : ' (e-mail off: set RADAR_SMTP_URL)'}`);
  console.log(`database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`);
  console.log(admin.file ? `admin token: in ${admin.file}` : 'admin token: from RADAR_ADMIN_TOKEN');
  if (config.proxyUrl) {
    const notes = [...(config.noProxy.length ? [`not for ${config.noProxy.join(', ')}`] : []), ...(config.proxyResolvesNames ? ['names resolved by the proxy'] : [])];
    console.log(`outbound proxy: ${proxyName(new URL(config.proxyUrl))}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  }
  if (config.secretKey) console.log('secret key: from RADAR_SECRET_KEY');
  else {
    console.log(`secret key: in ${join(config.dataDir, 'secret-key')}`);
    // processes on other machines would make keys of their own, and read no feed's login
    if (config.databaseUrl && role !== 'all') console.warn('set RADAR_SECRET_KEY (the same for every process) when processes of this installation run on several machines');
  }
  if (simulator) console.log(`newsroom simulator publishing at ${simulator.newsroom.baseUrl}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    seeding.abort();
    await picks;
    await radar.close();
    await simulator?.stop();
    await database.close();
    redis.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
