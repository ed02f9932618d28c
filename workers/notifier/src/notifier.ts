import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorText, type AlertNotice } from '@radar/core';
import { listDueDigests, type RadarDb } from '@radar/db';
import { alertNoticeStreamKey, bullPrefix, storyStreamKey, type QueueSettings } from '@radar/jobs';
import { AlertMatcher } from './alert-matcher.ts';
import { DEFAULT_DELIVERY_RETRY, DELIVERY_QUEUE, digestJobId, type DeliveryJobData, type DeliveryRetry } from './delivery-jobs.ts';
import { fireAlerts, fireFeedProblems } from './fire-alerts.ts';
import { processDelivery, type DeliveryEvent, type DeliveryResult, type TestResult } from './process-delivery.ts';
import { createSmtpMailer } from './smtp-mailer.ts';
import { startStoryGroupReader, type StoryGroupReader } from './story-group-reader.ts';

/** The consumer group all notifiers share: each story goes to one of them. */
export const NOTIFIER_GROUP = 'notifier';
const DIGEST_SWEEP_SCHEDULER = 'digest-sweep';
const FEED_SWEEP_SCHEDULER = 'feed-sweep';

export interface NotifierOptions extends QueueSettings {
  db: RadarDb;
  redis: Redis;
  allowPrivateAddresses: boolean;
  smtpUrl?: string;
  mailFrom: string;
  retry?: DeliveryRetry;
  concurrency?: number;
  /** How often due digest e-mails are looked for (default one minute). */
  digestSweepMs?: number;
  /** How often feeds the poller paused are looked for, for feed alerts (default one minute). */
  feedSweepMs?: number;
  /** How long a story may stay pending with a notifier before another takes it over. */
  claimIdleMs?: number;
  now?: () => Date;
  /** For logs and tests. */
  onFired?: (notice: AlertNotice) => void;
  onDelivered?: (event: DeliveryEvent) => void;
}

export interface Notifier {
  queue: Queue<DeliveryJobData>;
  worker: Worker<DeliveryJobData, DeliveryResult | TestResult | number>;
  reader: StoryGroupReader;
  matcher: AlertMatcher;
  /** Fires feed alerts for feeds paused since the last sweep, at once (the job scheduler does it every minute). */
  sweepFeedProblems(): Promise<AlertNotice[]>;
  close(): Promise<void>;
}

/**
 * Starts alert matching and delivery: reads new stories from the story stream as a member
 * of the notifiers' consumer group, fires matching alerts once per event, and delivers
 * through a BullMQ queue with exponential backoff; job schedulers send due digests and
 * fire feed alerts for feeds the poller paused.
 */
export async function startNotifier(options: NotifierOptions): Promise<Notifier> {
  const retry = options.retry ?? DEFAULT_DELIVERY_RETRY;
  const now = options.now ?? (() => new Date());
  const connection = options.redis;
  const queue = new Queue<DeliveryJobData>(DELIVERY_QUEUE, {
    connection,
    prefix: bullPrefix(options),
    defaultJobOptions: {
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    },
  });
  queue.on('error', (error) => console.error(`delivery queue: ${error.message}`));

  const mailer = createSmtpMailer({ smtpUrl: options.smtpUrl, from: options.mailFrom, allowPrivateAddresses: options.allowPrivateAddresses });
  const deliveryDeps = { db: options.db, mailer, allowPrivateAddresses: options.allowPrivateAddresses, onDelivered: options.onDelivered };

  const sweepDigests = async (): Promise<number> => {
    const due = await listDueDigests(options.db, now());
    for (const digest of due) {
      await queue.add(
        'digest',
        { kind: 'digest', alertId: digest.alertId, channelId: digest.channelId, dueAt: digest.dueAt.toISOString() },
        { jobId: digestJobId(digest.alertId, digest.channelId, digest.dueAt) },
      );
    }
    return due.length;
  };

  const matcher = new AlertMatcher(options.db);
  const fireDeps = { db: options.db, redis: options.redis, matcher, queue, noticeStreamKey: alertNoticeStreamKey(options), now, onFired: options.onFired };
  const sweepFeedProblems = () => fireFeedProblems(fireDeps);

  // BullMQ leaves a connection it is given open: the worker's own is closed with it below
  const workerConnection = connection.duplicate();
  const worker = new Worker<DeliveryJobData, DeliveryResult | TestResult | number>(
    DELIVERY_QUEUE,
    async (job) => {
      if (job.data.kind === 'digest-sweep') return sweepDigests();
      if (job.data.kind === 'feed-sweep') return (await sweepFeedProblems()).length;
      return processDelivery(job, deliveryDeps);
    },
    { connection: workerConnection, prefix: bullPrefix(options), concurrency: options.concurrency ?? 8 },
  );
  worker.on('error', (error) => console.error(`delivery worker: ${errorText(error)}`));
  worker.on('failed', (job, error) => {
    if (job?.data.kind === 'digest-sweep' || job?.data.kind === 'feed-sweep') console.error(`${job.data.kind} failed: ${errorText(error)}`);
  });
  await queue.upsertJobScheduler(
    DIGEST_SWEEP_SCHEDULER,
    { every: options.digestSweepMs ?? 60_000 },
    { name: 'digest-sweep', data: { kind: 'digest-sweep' }, opts: { attempts: 1 } },
  );
  await queue.upsertJobScheduler(
    FEED_SWEEP_SCHEDULER,
    { every: options.feedSweepMs ?? 60_000 },
    { name: 'feed-sweep', data: { kind: 'feed-sweep' }, opts: { attempts: 1 } },
  );

  await matcher.refresh();
  const reader = await startStoryGroupReader({
    redis: options.redis,
    streamKey: storyStreamKey(options),
    group: NOTIFIER_GROUP,
    claimIdleMs: options.claimIdleMs,
    beforeBatch: () => matcher.refresh(),
    onStory: async (story, _id, entry) => {
      await fireAlerts(story, fireDeps, entry);
    },
  });

  return {
    queue,
    worker,
    reader,
    matcher,
    sweepFeedProblems,
    async close() {
      await reader.close();
      await worker.close();
      workerConnection.disconnect();
      await queue.close();
    },
  };
}
