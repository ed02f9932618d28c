import { expect, test } from 'vitest';
import { feedHealth, formatInterval, formatLatency, formatUntil } from './feed-health.ts';

const healthy = { enabled: true, lastFetchAt: '2026-11-30T10:00:00Z', lastStatus: 200, lastError: null, errorCount: 0 };

test('a feed is paused, failing, waiting for its first fetch or healthy', () => {
  expect(feedHealth(healthy)).toEqual({ state: 'ok', label: 'Healthy', httpStatus: 200 });
  expect(feedHealth({ ...healthy, lastStatus: 304 }).state).toBe('ok');
  expect(feedHealth({ ...healthy, lastStatus: 503, errorCount: 3 })).toEqual({ state: 'failing', label: 'Failing ×3', httpStatus: 503 });
  expect(feedHealth({ ...healthy, lastStatus: null, lastError: 'timeout', errorCount: 1 }).label).toBe('Failing');
  expect(feedHealth({ ...healthy, enabled: false, lastError: 'timeout' }).state).toBe('paused');
  expect(feedHealth({ ...healthy, lastFetchAt: null, lastStatus: null }).state).toBe('pending');
});

test('next poll and latency read briefly', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  expect(formatUntil('2026-11-30T10:00:30Z', now)).toBe('in 30 s');
  expect(formatUntil('2026-11-30T10:05:00Z', now)).toBe('in 5 min');
  expect(formatUntil('2026-11-30T09:59:00Z', now)).toBe('due now');
  expect(formatUntil(null, now)).toBe('—');
  expect(formatLatency(320)).toBe('320 ms');
  expect(formatLatency(1420)).toBe('1.4 s');
  expect(formatLatency(null)).toBe('—');
});

test('poll intervals read in the largest whole unit', () => {
  expect(formatInterval(45)).toBe('every 45 s');
  expect(formatInterval(300)).toBe('every 5 min');
  expect(formatInterval(7200)).toBe('every 2 h');
  expect(formatInterval(5400)).toBe('every 1.5 h');
});
