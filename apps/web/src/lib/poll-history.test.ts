import { expect, test } from 'vitest';
import type { FeedPoll } from '@radar/core';
import { describePoll, formatPollTime, pollBars, pollStories, summarisePolls } from './poll-history.ts';

const poll = (changes: Partial<FeedPoll>): FeedPoll => ({
  at: '2026-11-30T08:00:00.000Z',
  outcome: 'read',
  pushed: false,
  status: 200,
  latencyMs: 100,
  bytes: 48_000,
  items: 20,
  newStories: 0,
  updatedStories: 0,
  error: null,
  ...changes,
});

// newest first, as the API lists them
const history: FeedPoll[] = [
  poll({ at: '2026-11-30T08:20:00.000Z', outcome: 'failed', status: 503, latencyMs: 30_000, bytes: null, items: null, error: 'HTTP 503' }),
  poll({ at: '2026-11-30T08:15:00.000Z', outcome: 'failed', status: null, latencyMs: 10_000, bytes: null, items: null, error: 'timed out' }),
  poll({ at: '2026-11-30T08:10:00.000Z', newStories: 3, updatedStories: 1, latencyMs: 300 }),
  poll({ at: '2026-11-30T08:07:00.000Z', pushed: true, latencyMs: 0, newStories: 1 }),
  poll({ at: '2026-11-30T08:05:00.000Z', outcome: 'unchanged', status: 304, latencyMs: 80, bytes: 0, items: null }),
  poll({ at: '2026-11-30T08:00:00.000Z', latencyMs: 120, newStories: 20 }),
];

test('a history adds up to its failures, the streak of them at its head, its median answer and its stories', () => {
  expect(summarisePolls(history)).toEqual({
    polls: 6,
    failed: 2,
    unchanged: 1,
    pushed: 1,
    // answered and fetched: 30 000, 300, 80, 120 (the timeout had no answer, the push no fetch)
    medianLatencyMs: 210,
    newStories: 24,
    updatedStories: 1,
    since: '2026-11-30T08:00:00.000Z',
    failingStreak: 2,
  });
  expect(summarisePolls(history.slice(2))).toMatchObject({ failingStreak: 0, medianLatencyMs: 120 });
  expect(summarisePolls(history.slice(0, 2))).toMatchObject({ failingStreak: 2, medianLatencyMs: 30_000 });
  expect(summarisePolls([])).toMatchObject({ polls: 0, medianLatencyMs: null, since: null, failingStreak: 0 });
});

test('the strip runs oldest to newest, a slow answer taller than a quick one, a failure full height', () => {
  const bars = pollBars(history);
  expect(bars.map((bar) => bar.poll.at)).toEqual(history.map((p) => p.at).reverse());
  const [first, unchanged, pushed, read, timeout, failed] = bars;
  expect(failed!.height).toBe(1);
  expect(timeout!.height).toBe(1);
  expect(pushed!.height).toBe(0.15);
  expect(read!.height).toBeGreaterThan(first!.height);
  expect(first!.height).toBeGreaterThan(unchanged!.height);
  expect(read!.height).toBeLessThan(1);
});

test('each poll reads as one line: its result, answer, time, size and stories, or why it failed', () => {
  expect(describePoll(history[2]!)).toBe('Read · HTTP 200 · 300 ms · 48 KB · 3 new, 1 updated');
  expect(describePoll(history[3]!)).toBe('Pushed · HTTP 200 · 48 KB · 1 new');
  expect(describePoll(history[4]!)).toBe('Unchanged · HTTP 304 · 80 ms');
  expect(describePoll(history[1]!)).toBe('Failed · 10.0 s · timed out');
  expect(pollStories({ newStories: 0, updatedStories: 0 })).toBe('nothing new');
  expect(pollStories({ newStories: 1200, updatedStories: 0 })).toBe('1,200 new');
});

test('a poll of the last day shows its time to the second, an older one its day too', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const local = (iso: string) => new Date(iso);
  const today = formatPollTime('2026-11-30T11:58:07Z', now);
  expect(today).toBe(`${String(local('2026-11-30T11:58:07Z').getHours()).padStart(2, '0')}:58:07`);
  expect(formatPollTime('2026-11-30T11:58:12Z', now)).not.toBe(today);
  expect(formatPollTime('2026-11-28T09:30:00Z', now)).toMatch(/^Nov \d{1,2}, \d{2}:30$/);
  expect(formatPollTime('not a date', now)).toBe('');
});
