import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { listEnabledFeeds, type RadarDb } from '@radar/db';
import { bullPrefix, FeedScheduler, POLL_QUEUE, storyStreamKey, type PollFeedJobData, type QueueSettings } from '@radar/jobs';
import { createHostTurns } from './host-turns.ts';
import { pollFeed, type PollDeps, type PollOutcome } from './poll-feed.ts';

export interface PollerOptions extends QueueSettings {
  db: RadarDb;
  redis: Redis;
  allowPrivateAddresses: boolean;
  /** Where WebSub hubs reach the API (RADAR_PUBLIC_URL); without it feeds are only polled. */
  publicUrl?: string;
  concurrency?: number;
  /** Requests to one host per two seconds, across all pollers (default 4). */
  hostRequestsPerWindow?: number;
  /** Called after each poll, for logs and tests. */
  onPolled?: (feedId: string, outcome: PollOutcome, job: PollFeedJobData) => void;
}

export interface Poller {
  scheduler: FeedScheduler;
  worker: Worker<PollFeedJobData, PollOutcome>;
  deps: PollDeps;
  close(): Promise<void>;
}

/** Starts the poll worker and makes the job schedulers match the enabled feeds. */
export async function startPoller(options: PollerOptions): Promise<Poller> {
  const scheduler = new FeedScheduler(options.redis, options);
  const deps: PollDeps = {
    db: options.db,
    redis: options.redis,
    streamKey: storyStreamKey(options),
    allowPrivateAddresses: options.allowPrivateAddresses,
    publicUrl: options.publicUrl,
    hostTurn: createHostTurns(options.redis, {
      keyPrefix: `${options.prefix}:host-turns`,
      perWindow: options.hostRequestsPerWindow,
    }),
    onScheduleChange: async (feed, intervalSeconds) => {
      if (intervalSeconds === null) await scheduler.remove(feed.id);
      else await scheduler.sync({ ...feed, pollIntervalSeconds: intervalSeconds });
    },
  };
  const worker = new Worker<PollFeedJobData, PollOutcome>(
    POLL_QUEUE,
    async (job, token) => {
      const { feedId, manual, pushed } = job.data;
      const outcome = await pollFeed(feedId, deps, {
        manual,
        pushed: pushed && { body: Buffer.from(pushed.bodyBase64, 'base64'), contentType: pushed.contentType },
      });
      if (outcome.kind === 'deferred') {
        // the host had its share for now: come back later without counting an attempt
        await job.moveToDelayed(Date.now() + outcome.waitMs, token);
        throw new DelayedError();
      }
      options.onPolled?.(job.data.feedId, outcome, job.data);
      return outcome;
    },
    {
      connection: options.redis.duplicate(),
      prefix: bullPrefix(options),
      concurrency: options.concurrency ?? 8,
    },
  );
  worker.on('error', (error) => console.error(`poll worker: ${error.message}`));
  worker.on('failed', (job, error) => console.error(`poll of feed ${job?.data.feedId} failed: ${error.message}`));
  await scheduler.syncAll(await listEnabledFeeds(options.db));
  return {
    scheduler,
    worker,
    deps,
    async close() {
      await worker.close();
      await scheduler.close();
    },
  };
}
