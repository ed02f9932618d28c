import { expect, test } from 'vitest';
import { feedNeedsAttention } from './feed.ts';

const healthy = { enabled: true, lastError: null, lastStatus: 200, pausedReason: null };

test('a watched feed whose last poll failed, and one the poller paused, need someone; a healthy one or one a user paused does not', () => {
  expect(feedNeedsAttention(healthy)).toBeNull();
  expect(feedNeedsAttention({ ...healthy, lastStatus: null })).toBeNull();
  expect(feedNeedsAttention({ ...healthy, lastStatus: 304 })).toBeNull();
  expect(feedNeedsAttention({ ...healthy, lastStatus: 404, lastError: 'HTTP 404' })).toBe('failing');
  expect(feedNeedsAttention({ ...healthy, lastStatus: null, lastError: 'timed out' })).toBe('failing');
  expect(feedNeedsAttention({ ...healthy, lastStatus: 503 })).toBe('failing');
  expect(feedNeedsAttention({ ...healthy, enabled: false, pausedReason: 'failing for 3 days' })).toBe('paused');
  expect(feedNeedsAttention({ ...healthy, enabled: false, lastError: 'HTTP 500', lastStatus: 500 })).toBeNull();
});
