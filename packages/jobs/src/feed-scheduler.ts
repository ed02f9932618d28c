import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import { bullPrefix, POLL_QUEUE, type LeftWebSubscription, type PollFeedJobData, type QueueSettings } from './queues.ts';

export interface ScheduledFeed {
  id: string;
  enabled: boolean;
  /** The configured interval. */
  intervalSeconds: number;
  /** The interval the poller settled on, when it has one. */
  pollIntervalSeconds?: number | null;
}

const schedulerId = (feedId: string) => `feed:${feedId}`;

/** Pushes taken from one feed's hub in a minute. */
export const PUSHES_PER_MINUTE = 30;

export type PushIntake = { queued: true } | { queued: false; retryAfterSeconds: number };

/** Keeps one BullMQ job scheduler per enabled feed, and polls a feed on demand. */
export class FeedScheduler {
  readonly queue: Queue<PollFeedJobData>;
  readonly #pushes: RateLimiterRedis;

  constructor(connection: Redis, settings: QueueSettings) {
    this.#pushes = new RateLimiterRedis({ storeClient: connection, keyPrefix: `${settings.prefix}:websub-pushes`, points: PUSHES_PER_MINUTE, duration: 60 });
    this.queue = new Queue<PollFeedJobData>(POLL_QUEUE, {
      connection,
      prefix: bullPrefix(settings),
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
    });
    this.queue.on('error', (error) => console.error(`poll queue: ${error.message}`));
  }

  /**
   * Schedules an enabled feed at its interval (first poll at once); unschedules a disabled one.
   * Each run checks the feed's own next-poll time, so backoff and Retry-After hold between runs.
   */
  async sync(feed: ScheduledFeed): Promise<void> {
    if (!feed.enabled) return this.remove(feed.id);
    await this.queue.upsertJobScheduler(
      schedulerId(feed.id),
      { every: (feed.pollIntervalSeconds ?? feed.intervalSeconds) * 1000 },
      { name: 'poll', data: { feedId: feed.id }, opts: { attempts: 1 } },
    );
  }

  async remove(feedId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(feedId));
  }

  /**
   * Mends the schedulers that differ from the enabled feeds given: a feed without one (Redis
   * lost it, or a write missed it) is scheduled, a scheduler of a feed gone or paused is
   * removed, one at another interval is updated. The rest are left as they run. The schedulers
   * are read before the feeds, so a feed added meanwhile is scheduled, never unscheduled.
   */
  async reconcile(loadFeeds: () => Promise<ScheduledFeed[]>): Promise<{ scheduled: number; removed: number; updated: number }> {
    const existing = new Map((await this.queue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler.every ?? null]));
    const feeds = await loadFeeds();
    const wanted = new Map(feeds.filter((feed) => feed.enabled).map((feed) => [schedulerId(feed.id), feed]));
    const result = { scheduled: 0, removed: 0, updated: 0 };
    for (const key of existing.keys()) {
      if (wanted.has(key)) continue;
      await this.queue.removeJobScheduler(key);
      result.removed++;
    }
    for (const [key, feed] of wanted) {
      const every = existing.get(key);
      if (every === (feed.pollIntervalSeconds ?? feed.intervalSeconds) * 1000) continue;
      await this.sync(feed);
      if (every === undefined) result.scheduled++;
      else result.updated++;
    }
    return result;
  }

  async scheduledFeedIds(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return schedulers.map((s) => s.key.replace(/^feed:/, ''));
  }

  /** Polls a feed now, in addition to its schedule. */
  async pollNow(feedId: string): Promise<string> {
    const job = await this.queue.add('poll', { feedId, manual: true }, { attempts: 1 });
    return job.id ?? '';
  }

  /**
   * Asks the poller to unsubscribe a feed, paused or deleted, at its WebSub hub (none: nothing
   * to do): the hub stops pushing at once instead of when the lease lapses (a week, or what
   * the hub granted).
   */
  async leaveHub(feedId: string, subscription: LeftWebSubscription | null): Promise<void> {
    if (!subscription) return;
    await this.queue.add('leave-hub', { feedId, leaveHub: subscription }, { attempts: 3, backoff: { type: 'exponential', delay: 30_000 } });
  }

  /**
   * Ingests a document a WebSub hub pushed, through the same worker as polls; unless the feed's
   * hub has pushed PUSHES_PER_MINUTE times in the last minute: a publisher running its own hub
   * could otherwise fill the queue, and Redis, with documents of up to 10 MB. The hub is told
   * when to try again, and WebSub hubs do.
   */
  async ingestPushed(feedId: string, body: Uint8Array, contentType: string | null): Promise<PushIntake> {
    try {
      await this.#pushes.consume(feedId);
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      return { queued: false, retryAfterSeconds: Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000) };
    }
    // the document is in the job until it is read: none is kept after
    await this.queue.add(
      'push',
      { feedId, pushed: { bodyBase64: Buffer.from(body).toString('base64'), contentType } },
      { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 20 },
    );
    return { queued: true };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
