import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorText } from '@radar/core';
import { heldWebSubscription, listEnabledFeeds, listStoriesForClustering, type RadarDb } from '@radar/db';
import {
  bullPrefix,
  FeedScheduler,
  followStoryEvents,
  POLL_QUEUE,
  storyEventStreamKey,
  storyStreamKey,
  type PollFeedJobData,
  type QueueSettings,
} from '@radar/jobs';
import { FeedReader } from '@radar/feeds';
import { ClusterWindow } from './cluster-window.ts';
import { createHostTurns } from './host-turns.ts';
import { fillMissingLanguages } from './language-backfill.ts';
import { pollFeed, type PollDeps, type PollOutcome } from './poll-feed.ts';
import { leaveWebSubscription } from './websub-subscriber.ts';

export interface PollerOptions extends QueueSettings {
  db: RadarDb;
  redis: Redis;
  allowPrivateAddresses: boolean;
  /** Where WebSub hubs reach the API (RADAR_PUBLIC_URL); without it feeds are only polled. */
  publicUrl?: string;
  /** Feeds fetched at once by this poller (default POLL_CONCURRENCY). */
  concurrency?: number;
  /** Requests to one host per two seconds, across all pollers (default 4). */
  hostRequestsPerWindow?: number;
  /** Called after each poll, for logs and tests. */
  onPolled?: (feedId: string, outcome: PollOutcome, job: PollFeedJobData) => void;
  /** How often the job schedulers are checked against the feeds in the database (default 5 minutes). */
  reconcileEveryMs?: number;
}

export interface Poller {
  scheduler: FeedScheduler;
  worker: Worker<PollFeedJobData, PollOutcome>;
  deps: PollDeps;
  close(): Promise<void>;
}

/** Feeds a poller fetches at once, unless told otherwise. */
export const POLL_CONCURRENCY = 8;

/** How far back events stay open to further reports. */
const CLUSTER_WINDOW_MS = 48 * 3600_000;

/**
 * Learns the events of the last two days from the database, then keeps learning the stories
 * other pollers stream, from what they tell of each (its event and features), so every
 * poller clusters against the same events.
 */
async function followEvents(db: RadarDb, redis: Redis, eventStreamKey: string): Promise<{ clusters: ClusterWindow; stop(): Promise<void> }> {
  const clusters = new ClusterWindow({ windowMs: CLUSTER_WINDOW_MS });
  // follow first, so a story stored while the window loads is not missed
  const follower = await followStoryEvents(redis, eventStreamKey, (event) => clusters.learn(event));
  for (const story of await listStoriesForClustering(db, new Date(Date.now() - CLUSTER_WINDOW_MS))) {
    clusters.remember({ ...story, text: story.summary, time: story.publishedAt.getTime() }, story.clusterId);
  }
  return { clusters, stop: () => follower.close() };
}

/** Starts the poll worker and makes the job schedulers match the enabled feeds. */
export async function startPoller(options: PollerOptions): Promise<Poller> {
  const scheduler = new FeedScheduler(options.redis, options);
  const events = await followEvents(options.db, options.redis, storyEventStreamKey(options));
  // documents are read on a thread of their own, within a deadline (started now: it takes a second to load)
  const reader = new FeedReader();
  await reader.start();
  const deps: PollDeps = {
    db: options.db,
    redis: options.redis,
    streamKey: storyStreamKey(options),
    eventStreamKey: storyEventStreamKey(options),
    allowPrivateAddresses: options.allowPrivateAddresses,
    publicUrl: options.publicUrl,
    reader,
    clusters: events.clusters,
    hosts: createHostTurns(options.redis, {
      keyPrefix: `${options.prefix}:host-turns`,
      perWindow: options.hostRequestsPerWindow,
    }),
    onScheduleChange: async (feed, intervalSeconds) => {
      if (intervalSeconds !== null) return scheduler.sync({ ...feed, pollIntervalSeconds: intervalSeconds });
      // paused: no more polls, and no more pushes from its hub
      await scheduler.remove(feed.id);
      await scheduler.leaveHub(feed.id, heldWebSubscription(feed));
    },
  };
  // BullMQ leaves a connection it is given open: the worker's own is closed with it below
  const workerConnection = options.redis.duplicate();
  const worker = new Worker<PollFeedJobData, PollOutcome>(
    POLL_QUEUE,
    async (job, token) => {
      const { feedId, manual, pushed, leaveHub } = job.data;
      if (leaveHub) {
        await leaveWebSubscription(feedId, leaveHub, deps);
        return { kind: 'skipped', reason: 'left its WebSub hub' };
      }
      const outcome = await pollFeed(feedId, deps, {
        manual,
        pushed: pushed && { body: Buffer.from(pushed.bodyBase64, 'base64'), contentType: pushed.contentType, ageMs: Date.now() - job.timestamp },
      });
      if (outcome.kind === 'deferred') {
        // the host had its share for now: come back later without counting an attempt
        await job.moveToDelayed(Date.now() + outcome.waitMs, token);
        throw new DelayedError();
      }
      // the poll stands; what the feed published past its list stays unread
      if (outcome.kind === 'polled' && outcome.olderPages?.error) console.warn(`feed ${feedId}: ${outcome.olderPages.error}`);
      options.onPolled?.(job.data.feedId, outcome, job.data);
      return outcome;
    },
    {
      connection: workerConnection,
      prefix: bullPrefix(options),
      concurrency: options.concurrency ?? POLL_CONCURRENCY,
    },
  );
  worker.on('error', (error) => console.error(`poll worker: ${errorText(error)}`));
  worker.on('failed', (job, error) => console.error(`poll of feed ${job?.data.feedId} failed: ${errorText(error)}`));
  // the schedules are made to match the enabled feeds now, then checked again every few
  // minutes: a feed whose schedule Redis lost (a restart without persistence, a write that
  // failed after the feed was stored) would never be polled again
  await scheduler.reconcile(() => listEnabledFeeds(options.db));
  const mendSchedules = async () => {
    try {
      const mended = await scheduler.reconcile(() => listEnabledFeeds(options.db));
      if (mended.scheduled || mended.removed) {
        console.warn(`poll schedules mended: ${mended.scheduled} feeds scheduled again, ${mended.removed} schedules of gone or paused feeds removed`);
      }
    } catch (error) {
      console.error(`poll schedules could not be checked: ${errorText(error)}`);
    }
  };
  const mending = setInterval(() => void mendSchedules(), options.reconcileEveryMs ?? 5 * 60_000);
  mending.unref();
  // stories stored before languages were read from their words get theirs, in the background
  let closing = false;
  const languages = fillMissingLanguages({ db: options.db, redis: options.redis, keyPrefix: `${options.prefix}:language-backfill`, stopped: () => closing })
    .then((done) => {
      if (done?.read) console.log(`languages read for ${done.filled} of ${done.read} stories stored without one`);
    })
    .catch((error: Error) => console.error(`reading the languages of stories stored without one: ${errorText(error)}`));
  return {
    scheduler,
    worker,
    deps,
    async close() {
      clearInterval(mending);
      closing = true;
      await languages;
      await worker.close();
      await reader.close();
      workerConnection.disconnect();
      await events.stop();
      await scheduler.close();
    },
  };
}
