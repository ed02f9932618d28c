/** The BullMQ queue of alert deliveries: one job per message to send, retried with backoff. */
export const DELIVERY_QUEUE = 'alert-deliveries';

export type DeliveryJobData =
  | { kind: 'single'; deliveryId: string }
  | { kind: 'digest'; alertId: string; channelId: string; dueAt: string }
  | { kind: 'digest-sweep' }
  /** Looks for feeds the poller paused, for feed alerts to tell of. */
  | { kind: 'feed-sweep' }
  /** A test message to one channel of an alert, asked for from the alerts page: one try, no log. */
  | { kind: 'test'; alertId: string; channelId: string };

export interface DeliveryRetry {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first retry waits this long; each next one twice as long. */
  backoffMs: number;
}

/** About 40 minutes of retries: 10 s, 20 s, 40 s … 21 min. */
export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = { attempts: 8, backoffMs: 10_000 };

/** Job ids make enqueueing idempotent: the same delivery or digest is never queued twice. */
export const singleJobId = (deliveryId: string) => `delivery-${deliveryId}`;
export const digestJobId = (alertId: string, channelId: string, dueAt: Date) => `digest-${alertId}-${channelId}-${dueAt.getTime()}`;
