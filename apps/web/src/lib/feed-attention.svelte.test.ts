import { expect, test } from 'vitest';
import { FeedAttentionWatch } from './feed-attention.svelte.ts';

const feed = (fields: Partial<{ enabled: boolean; lastError: string | null; lastStatus: number | null; pausedReason: string | null }> = {}) => ({
  enabled: true,
  lastError: null,
  lastStatus: 200,
  pausedReason: null,
  ...fields,
});

test("the header's count of feeds needing someone, and what it says of them", () => {
  const watch = new FeedAttentionWatch();
  watch.countFrom([feed(), feed({ lastStatus: 401, lastError: 'HTTP 401' })]);
  expect([watch.total, watch.summary]).toEqual([1, '1 feed failing']);
  watch.countFrom([feed({ lastError: 'timed out', lastStatus: null }), feed({ lastStatus: 500 }), feed({ enabled: false, pausedReason: 'Gone' }), feed({ enabled: false })]);
  expect([watch.total, watch.summary]).toEqual([3, '2 feeds failing, 1 paused by the poller']);
  watch.countFrom([feed()]);
  expect([watch.total, watch.summary]).toEqual([0, '']);
});
