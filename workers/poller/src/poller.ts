import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { listEnabledFeeds, type RadarDb } from '@radar/db';
import { bullPrefix, FeedScheduler, POLL_QUEUE, storyStreamKey, type PollFeedJobData, type QueueSettings } from '@radar/jobs';
import { pollFeed, type PollOutcome } from './poll-feed.ts';

export interface PollerOptions extends QueueSettings {
  db: RadarDb;
  /** A connection for the worker (blocking commands). */
  redis: Redis;
  allowPrivateAddresses: boolean;
  concurrency?: number;
  /** Called after each poll, for logs and tests. */
  onPolled?: (feedId: string, outcome: PollOutcome) => void;
}

export interface Poller {
  scheduler: FeedScheduler;
  worker: Worker<PollFeedJobData, PollOutcome>;
  close(): Promise<void>;
}

/** Starts the poll worker and makes the job schedulers match the enabled feeds. */
export async function startPoller(options: PollerOptions): Promise<Poller> {
  const scheduler = new FeedScheduler(options.redis, options);
  const deps = {
    db: options.db,
    redis: options.redis,
    streamKey: storyStreamKey(options),
    allowPrivateAddresses: options.allowPrivateAddresses,
  };
  const worker = new Worker<PollFeedJobData, PollOutcome>(
    POLL_QUEUE,
    async (job) => {
      const outcome = await pollFeed(job.data.feedId, deps);
      options.onPolled?.(job.data.feedId, outcome);
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
  const feeds = await listEnabledFeeds(options.db);
  await scheduler.syncAll(feeds);
  return {
    scheduler,
    worker,
    async close() {
      await worker.close();
      await scheduler.close();
    },
  };
}
