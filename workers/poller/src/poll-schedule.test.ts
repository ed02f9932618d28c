import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  failureDelaySeconds,
  MAX_BACKOFF_SECONDS,
  MAX_INTERVAL_SECONDS,
  MIN_INTERVAL_SECONDS,
  shouldPause,
  successIntervalSeconds,
} from './poll-schedule.ts';

const now = new Date('2026-11-30T12:00:00Z');
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * 60_000));

test('a busy feed is polled often, a quiet one rarely, an undated one at its configured interval', () => {
  const busy = successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: minutesAgo(2, 6, 10, 14, 18), maxAgeSeconds: null, now });
  expect(busy).toBe(MIN_INTERVAL_SECONDS * 2);
  const quiet = successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: minutesAgo(1000, 2000, 3000, 4000), maxAgeSeconds: null, now });
  expect(quiet).toBe(MAX_INTERVAL_SECONDS);
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: [], maxAgeSeconds: null, now })).toBe(300);
});

test('a feed that published more than it lists since the last poll is polled four times as often, a minute at the least', () => {
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: [], maxAgeSeconds: null, now, overflowed: true })).toBe(75);
  // a quiet-looking feed that overflowed is polled at a quarter of its configured interval, not of the cap
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: minutesAgo(1000, 2000, 3000), maxAgeSeconds: null, now, overflowed: true })).toBe(75);
  expect(successIntervalSeconds({ baseIntervalSeconds: 120, itemDates: [], maxAgeSeconds: null, now, overflowed: true })).toBe(MIN_INTERVAL_SECONDS);
});

test('a feed configured under a minute (the local demo newsroom) keeps its pace', () => {
  expect(successIntervalSeconds({ baseIntervalSeconds: 3, itemDates: minutesAgo(0.05, 0.1, 0.15), maxAgeSeconds: null, now })).toBe(3);
});

test('max-age is honoured', () => {
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: [], maxAgeSeconds: 1800, now })).toBe(1800);
});

test('the interval always stays between 1 minute and the cap', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 30 }), fc.integer({ min: 60, max: 86_400 }), (ago, base) => {
      const interval = successIntervalSeconds({ baseIntervalSeconds: base, itemDates: minutesAgo(...ago), maxAgeSeconds: null, now });
      return interval >= MIN_INTERVAL_SECONDS && interval <= Math.max(MAX_INTERVAL_SECONDS, base);
    }),
  );
});

test("a quiet feed waits no longer than its user allows; a busier one keeps its own pace; a server's max-age still wins", () => {
  const weekly = minutesAgo(1000, 11_000, 21_000, 31_000);
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: weekly, maxAgeSeconds: null, now })).toBe(MAX_INTERVAL_SECONDS);
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: weekly, maxAgeSeconds: null, now, maxIntervalSeconds: 300 })).toBe(300);
  // dated or not
  expect(successIntervalSeconds({ baseIntervalSeconds: 900, itemDates: [], maxAgeSeconds: null, now, maxIntervalSeconds: 120 })).toBe(120);
  const busy = minutesAgo(2, 6, 10, 14, 18);
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: busy, maxAgeSeconds: null, now, maxIntervalSeconds: 900 })).toBe(120);
  expect(successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: weekly, maxAgeSeconds: 1800, now, maxIntervalSeconds: 300 })).toBe(1800);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 30 }), fc.integer({ min: 60, max: 21_600 }), (ago, most) => {
      const interval = successIntervalSeconds({ baseIntervalSeconds: 300, itemDates: minutesAgo(...ago), maxAgeSeconds: null, now, maxIntervalSeconds: most });
      return interval >= MIN_INTERVAL_SECONDS && interval <= most;
    }),
  );
});

test('failures back off exponentially with jitter, capped, and honour Retry-After', () => {
  const fixed = () => 0.5;
  expect(failureDelaySeconds(300, 1, undefined, fixed)).toBe(300);
  expect(failureDelaySeconds(300, 2, undefined, fixed)).toBe(600);
  expect(failureDelaySeconds(300, 3, undefined, fixed)).toBe(1200);
  expect(failureDelaySeconds(300, 40, undefined, fixed)).toBe(MAX_BACKOFF_SECONDS);
  expect(failureDelaySeconds(300, 1, 7200, fixed)).toBe(7200);
  // a feed whose user allows at most 10 minutes is tried again within them (jitter under), Retry-After aside
  expect(failureDelaySeconds(300, 8, undefined, fixed, 600)).toBe(600);
  expect(failureDelaySeconds(300, 8, undefined, () => 0.99, 600)).toBe(600);
  expect(failureDelaySeconds(300, 1, undefined, () => 0, 600)).toBe(240);
  expect(failureDelaySeconds(300, 8, 7200, fixed, 600)).toBe(7200);
  // a Retry-After of years (a broken or hostile server) is honoured only as far as the longest backoff
  expect(failureDelaySeconds(300, 1, 99_999_999_999_999, fixed)).toBe(MAX_BACKOFF_SECONDS);
  expect(failureDelaySeconds(300, 1, 10 * 365 * 86_400, fixed, 600)).toBe(MAX_BACKOFF_SECONDS);
  const spread = new Set([0, 0.25, 0.75, 0.99].map((r) => failureDelaySeconds(300, 3, undefined, () => r)));
  expect(spread.size).toBe(4);
});

test('a feed is paused after failing for days, not after a bad hour', () => {
  const created = new Date('2026-01-01T00:00:00Z');
  expect(shouldPause(50, new Date(now.getTime() - 3600_000), created, now)).toBe(false);
  expect(shouldPause(50, new Date(now.getTime() - 4 * 86_400_000), created, now)).toBe(true);
  expect(shouldPause(3, new Date(now.getTime() - 4 * 86_400_000), created, now)).toBe(false);
});
