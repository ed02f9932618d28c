import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix, type QueueSettings } from '@radar/jobs';
import { DELIVERY_QUEUE, type DeliveryJobData } from './delivery-jobs.ts';
import type { TestResult } from './process-delivery.ts';

/** What a test message came to, as the alerts page shows it. */
export type AlertTestOutcome = { ok: true; status: number | null } | { ok: false; reason: 'failed' | 'timeout'; error: string };

/** Asks the notifiers for test messages and waits for each to be sent. */
export interface AlertTester {
  send(alertId: string, channelId: string): Promise<AlertTestOutcome>;
  close(): Promise<void>;
}

/** How long a test waits for a notifier to send it. */
export const ALERT_TEST_TIMEOUT_MS = 20_000;

/**
 * A tester for the API process: it queues a test job on the delivery queue, which a notifier
 * (in this process or another) sends once, and waits for the outcome. A test no notifier took
 * in time is taken off the queue, so it is not sent later by surprise.
 */
export function createAlertTester(options: QueueSettings & { redis: Redis; timeoutMs?: number }): AlertTester {
  const timeoutMs = options.timeoutMs ?? ALERT_TEST_TIMEOUT_MS;
  // opened at the first test: most servers never send one
  let opened: { queue: Queue<DeliveryJobData>; events: QueueEvents; eventsConnection: Redis } | null = null;
  const open = () => {
    if (opened) return opened;
    const queue = new Queue<DeliveryJobData>(DELIVERY_QUEUE, { connection: options.redis, prefix: bullPrefix(options) });
    queue.on('error', (error) => console.error(`alert test queue: ${error.message}`));
    // QueueEvents blocks on its connection: a connection of its own, closed with it
    const eventsConnection = options.redis.duplicate();
    const events = new QueueEvents(DELIVERY_QUEUE, { connection: eventsConnection, prefix: bullPrefix(options) });
    events.on('error', (error) => console.error(`alert test events: ${error.message}`));
    opened = { queue, events, eventsConnection };
    return opened;
  };
  return {
    async send(alertId, channelId) {
      const { queue, events } = open();
      await events.waitUntilReady();
      const job = await queue.add('test', { kind: 'test', alertId, channelId }, { attempts: 1, removeOnComplete: 100, removeOnFail: 100 });
      const started = Date.now();
      try {
        const result = (await job.waitUntilFinished(events, timeoutMs)) as TestResult;
        return { ok: true, status: result.status };
      } catch (error) {
        if (Date.now() - started >= timeoutMs) {
          await job.remove().catch(() => {});
          return { ok: false, reason: 'timeout', error: `no notifier sent the test within ${timeoutMs / 1000} s: is the notifier running?` };
        }
        return { ok: false, reason: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
    },
    async close() {
      if (!opened) return;
      await opened.events.close();
      await opened.queue.close();
      opened.eventsConnection.disconnect();
      opened = null;
    },
  };
}
