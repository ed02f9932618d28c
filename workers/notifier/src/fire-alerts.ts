import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { digestDueAt } from '@radar/alerts';
import { ALERT_NEWS_AGE_MS, type AlertNotice, type Story } from '@radar/core';
import {
  ensureDeliveries,
  findRisingForQuery,
  listAlertRows,
  listFeedProblemsSince,
  recordFiring,
  recordRisingFiring,
  type AlertFiringRow,
  type AlertRow,
  type PlannedDelivery,
  type RadarDb,
} from '@radar/db';
import { appendAlertNotice } from '@radar/jobs';
import { isAlertActive, type AlertMatcher, type LiveAlert } from './alert-matcher.ts';
import { singleJobId, type DeliveryJobData } from './delivery-jobs.ts';

export interface FireDeps {
  db: RadarDb;
  redis: Redis;
  matcher: AlertMatcher;
  queue: Queue<DeliveryJobData>;
  noticeStreamKey: string;
  now?: () => Date;
  onFired?: (notice: AlertNotice) => void;
}

/** One event, however many outlets report it: the story's cluster, or the story alone. */
export const eventKeyOf = (story: Pick<Story, 'id' | 'clusterId'>): string => (story.clusterId ? `cluster:${story.clusterId}` : `story:${story.id}`);

/** A rising alert tells of a value again only after this long. */
export const RISING_QUIET_MS = 24 * 3_600_000;

/**
 * Fires the alerts a new story matches, once per alert and event: records the firing (the
 * database's unique key decides), creates one delivery per channel and queues them, and
 * posts the notice for open dashboards. Safe to run twice for the same story. Only news fires:
 * not a story older than ALERT_NEWS_AGE_MS, nor one its feed already held, undated, when the
 * feed was added (`backCatalogue`, from its stream entry).
 * A rising alert fires instead when the story's countries, companies or topics are now rising
 * among the stories its query matches (findRisingForQuery): once for the values the story
 * made rise, each told at most once a day.
 * Returns the alerts that fired for the first time.
 */
export async function fireAlerts(story: Story, deps: FireDeps, entry: { backCatalogue?: boolean } = {}): Promise<AlertNotice[]> {
  const now = deps.now?.() ?? new Date();
  const fired: AlertNotice[] = [];
  if (entry.backCatalogue) return fired;
  // measured from when the story was found, so a notifier catching up after downtime still fires
  if (Date.parse(story.ingestedAt) - Date.parse(story.publishedAt) > ALERT_NEWS_AGE_MS) return fired;
  for (const alert of deps.matcher.match(story, now)) {
    const notice =
      alert.row.trigger === 'rising'
        ? await fireRising(alert, story, now, deps)
        : await fire(alert.row, story, await recordFiring(deps.db, { alertId: alert.id, eventKey: eventKeyOf(story), storyId: story.id }), deps);
    if (notice) fired.push(notice);
  }
  return fired;
}

/**
 * Fires a rising alert for the values of the story, of the kinds it tells of, that rise among
 * its stories and were not told in the last day (recordRisingFiring decides, one story of the
 * alert at a time). The story's own firing, found again when a crash cut its first try short,
 * is fired again (the same firing, its deliveries completed).
 */
async function fireRising(alert: LiveAlert, story: Story, now: Date, deps: FireDeps): Promise<AlertNotice | null> {
  const { rising, baselineDays } = await findRisingForQuery(deps.db, alert.query, { now, among: story, kinds: alert.row.risingKinds });
  if (rising.length === 0) return null;
  const recorded = await recordRisingFiring(deps.db, {
    alertId: alert.id,
    storyId: story.id,
    rising: rising.map((value) => ({ ...value, baselineDays })),
    since: new Date(now.getTime() - RISING_QUIET_MS),
    now,
  });
  return recorded ? fire(alert.row, story, recorded, deps) : null;
}

/**
 * How far back a feed alert looks for paused feeds: a pause is told within a minute, so this
 * only matters after a notifier was down, or an alert muted or snoozed, for that long.
 */
export const FEED_PROBLEM_LOOKBACK_MS = 24 * 3_600_000;

/** One event per pause: a feed paused again after a user resumed it is told again. */
export const feedEventKey = (feedId: string, pausedAt: string): string => `feed:${feedId}:${Date.parse(pausedAt)}`;

/**
 * Fires the feed alerts for the feeds the poller paused (failing for days, or flooding):
 * each active feed alert tells of each pause since it was made, and within the last day,
 * once (the firing's unique key decides), so a second sweep, or one after a crash, sends
 * nothing twice. Pauses made by a user are not told. Returns the alerts that fired.
 */
export async function fireFeedProblems(deps: FireDeps): Promise<AlertNotice[]> {
  const now = deps.now?.() ?? new Date();
  const watching = (await listAlertRows(deps.db, 'feed')).filter((row) => isAlertActive(row, now));
  if (watching.length === 0) return [];
  const since = (row: AlertRow) => Math.max(row.createdAt.getTime(), now.getTime() - FEED_PROBLEM_LOOKBACK_MS);
  const problems = await listFeedProblemsSince(deps.db, new Date(Math.min(...watching.map(since))));
  const fired: AlertNotice[] = [];
  for (const alert of watching) {
    for (const feed of problems) {
      if (Date.parse(feed.pausedAt) < since(alert)) continue;
      const recorded = await recordFiring(deps.db, { alertId: alert.id, eventKey: feedEventKey(feed.feedId, feed.pausedAt), storyId: null, feed });
      const notice = await fire(alert, null, recorded, deps);
      if (notice) fired.push(notice);
    }
  }
  return fired;
}

/** Creates the deliveries of a recorded firing and queues them; the notice when the firing is new. */
async function fire(
  alert: AlertRow,
  story: Story | null,
  { firing, created }: { firing: AlertFiringRow; created: boolean },
  deps: FireDeps,
): Promise<AlertNotice | null> {
  const planned: PlannedDelivery[] = alert.channels.map((channel) => ({
    channel,
    dueAt: channel.type === 'email' ? digestDueAt(channel.digest, firing.firedAt, channel.digestTime) : null,
  }));
  const deliveries = await ensureDeliveries(deps.db, firing, planned);
  for (const delivery of deliveries) {
    if (delivery.status !== 'pending') continue;
    // the job id makes this a no-op when the job is already queued
    await deps.queue.add('deliver', { kind: 'single', deliveryId: delivery.id }, { jobId: singleJobId(delivery.id) });
  }
  if (!created) return null;
  const notice: AlertNotice = {
    id: firing.id,
    alert: { id: alert.id, name: alert.name },
    story,
    rising: firing.rising,
    feed: firing.feed,
    firedAt: firing.firedAt.toISOString(),
    readAt: null,
  };
  await appendAlertNotice(deps.redis, deps.noticeStreamKey, notice);
  deps.onFired?.(notice);
  return notice;
}
