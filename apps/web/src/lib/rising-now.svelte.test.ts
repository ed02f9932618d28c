import { StoryFilterSchema, type StoryFilter } from '@radar/core';
import { afterEach, expect, test, vi } from 'vitest';
import type { RisingValues } from './api-client.ts';
import { RisingNow } from './rising-now.svelte.ts';

afterEach(() => {
  vi.useRealTimers();
});

const answer = (id: string, recent: number): RisingValues => ({ since: '2026-11-30T12:00:00.000Z', baselineDays: 14, rising: [{ kind: 'country', id, recent, usual: 0 }] });

test("what rose follows the view, is asked for again every few minutes, and keeps the last answer through a failure", async () => {
  vi.useFakeTimers();
  const asked: StoryFilter[] = [];
  let fail = false;
  const rising = new RisingNow(async (filter) => {
    asked.push(filter);
    if (fail) throw new Error('HTTP 500');
    return answer(filter.companies[0] === 'meta' ? 'BR' : 'GH', asked.length);
  });
  await rising.show(StoryFilterSchema.parse({}));
  expect(rising.values).toEqual([{ kind: 'country', id: 'GH', recent: 1, usual: 0 }]);
  // the same view again asks nothing
  await rising.show(StoryFilterSchema.parse({}));
  expect(asked).toHaveLength(1);
  await rising.show(StoryFilterSchema.parse({ companies: ['meta'] }));
  expect(rising.values[0]?.id).toBe('BR');
  await vi.advanceTimersByTimeAsync(5 * 60_000);
  expect(asked).toHaveLength(3);
  expect(rising.values[0]?.recent).toBe(3);
  fail = true;
  await vi.advanceTimersByTimeAsync(5 * 60_000);
  expect(asked).toHaveLength(4);
  expect(rising.values[0]?.recent).toBe(3);
  rising.stop();
});

test('a list of chosen stories has nothing rising, and asks for nothing', async () => {
  const asked: StoryFilter[] = [];
  const rising = new RisingNow(async (filter) => {
    asked.push(filter);
    return answer('GH', 4);
  });
  await rising.show(StoryFilterSchema.parse({}));
  expect(rising.values).toHaveLength(1);
  await rising.show(StoryFilterSchema.parse({ ids: ['0193a0c4-1111-7000-8000-000000000000'] }));
  expect(rising.values).toEqual([]);
  expect(asked).toHaveLength(1);
  rising.stop();
});
