import { MAX_ADAPTIVE_INTERVAL_SECONDS } from '@radar/core';

/** The shortest interval any feed is polled at. */
export const MIN_INTERVAL_SECONDS = 60;
/** The longest a quiet feed waits between polls (unless its user asks for less). */
export const MAX_INTERVAL_SECONDS = MAX_ADAPTIVE_INTERVAL_SECONDS;
/** The longest a failing feed waits between attempts. */
export const MAX_BACKOFF_SECONDS = 12 * 3600;
/** A feed failing this long, with at least PAUSE_AFTER_ERRORS failures in a row, is paused. */
export const PAUSE_AFTER_MS = 3 * 24 * 3600 * 1000;
export const PAUSE_AFTER_ERRORS = 10;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

export interface SuccessScheduleInput {
  /** The feed's configured interval (default 5 minutes). */
  baseIntervalSeconds: number;
  /** Publication times of the items in the document. */
  itemDates: Date[];
  /** Cache-Control max-age of the response. */
  maxAgeSeconds: number | null;
  now: Date;
  /** The document listed nothing seen before: the feed publishes more than it lists between polls. */
  overflowed?: boolean;
  /** The longest the feed's user lets it wait, however rarely it publishes (null: MAX_INTERVAL_SECONDS). */
  maxIntervalSeconds?: number | null;
}

/**
 * How long to wait after a good poll, following how often the feed really changes: half the
 * median gap between its recent items (a feed that publishes every 10 minutes is polled every
 * 5), from 1 minute to 6 hours (or the longest wait the feed's user allows); the configured
 * interval when the items carry no dates; a quarter of that when the feed published more than
 * it lists since the last poll; never sooner than the server's max-age.
 */
export function successIntervalSeconds(input: SuccessScheduleInput): number {
  const now = input.now.getTime();
  const times = input.itemDates
    .map((date) => date.getTime())
    .filter((time) => Number.isFinite(time) && time <= now)
    .sort((a, b) => b - a)
    .slice(0, 20);
  let interval = input.baseIntervalSeconds;
  if (times.length >= 3) {
    const gaps = times.slice(1).map((time, i) => (times[i]! - time) / 1000);
    const median = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
    // a feed whose newest item is old is quieter than its past gaps say
    const sinceNewest = (now - times[0]!) / 1000;
    interval = Math.max(median, sinceNewest / 4) / 2;
  }
  // a feed that published more than it lists since the last poll is polled four times as often
  if (input.overflowed) interval = Math.min(interval, input.baseIntervalSeconds) / 4;
  // the API never stores an interval under a minute; only the local demo newsroom has one
  interval = clamp(interval, Math.min(MIN_INTERVAL_SECONDS, input.baseIntervalSeconds), input.maxIntervalSeconds ?? MAX_INTERVAL_SECONDS);
  return Math.round(Math.max(interval, maxAgeWaitSeconds(input.maxAgeSeconds)));
}

/** The longest a server's Cache-Control max-age puts the next poll off. */
export const MAX_AGE_WAIT_SECONDS = 24 * 3600;

/** How long a server's max-age makes the next poll wait: as it says, up to a day (one of years is broken). */
export function maxAgeWaitSeconds(maxAgeSeconds: number | null | undefined): number {
  return Math.min(maxAgeSeconds ?? 0, MAX_AGE_WAIT_SECONDS);
}

/**
 * How long to wait after a failure: exponential from the feed's interval, capped at 12 hours
 * (or at the longest wait the feed's user allows: a regulator's site down for an hour is read
 * again as soon as it is back), with ±20% jitter so feeds that failed together do not retry
 * together; never sooner than the server's Retry-After.
 */
export function failureDelaySeconds(
  intervalSeconds: number,
  consecutiveErrors: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
  maxIntervalSeconds: number | null = null,
): number {
  const exponential = Math.min(intervalSeconds * 2 ** Math.min(consecutiveErrors - 1, 16), MAX_BACKOFF_SECONDS);
  // the user's limit holds with the jitter too
  const jittered = Math.min(exponential * (0.8 + 0.4 * random()), maxIntervalSeconds ?? Infinity);
  // a server's Retry-After wins, up to the longest backoff: one that asks for years is broken
  const retryAfter = Math.min(retryAfterSeconds ?? 0, MAX_BACKOFF_SECONDS);
  return Math.round(Math.max(jittered, Math.min(MIN_INTERVAL_SECONDS, intervalSeconds), retryAfter));
}

/** A feed that has failed for days is paused rather than retried forever. */
export function shouldPause(consecutiveErrors: number, lastSuccessAt: Date | null, createdAt: Date, now: Date): boolean {
  const since = (lastSuccessAt ?? createdAt).getTime();
  return consecutiveErrors >= PAUSE_AFTER_ERRORS && now.getTime() - since >= PAUSE_AFTER_MS;
}
