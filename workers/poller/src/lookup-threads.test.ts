import { expect, test } from 'vitest';
import { hostLookupSlots, lookupThreadsAdvice } from './lookup-threads.ts';

test("host lookups run on half of libuv's threads, 2 of the default 4", () => {
  expect(hostLookupSlots({})).toBe(2);
  expect(hostLookupSlots({ UV_THREADPOOL_SIZE: '32' })).toBe(16);
  expect(hostLookupSlots({ UV_THREADPOOL_SIZE: '5' })).toBe(3);
  expect(hostLookupSlots({ UV_THREADPOOL_SIZE: '0' })).toBe(1);
  expect(hostLookupSlots({ UV_THREADPOOL_SIZE: '5000' })).toBe(512);
  expect(hostLookupSlots({ UV_THREADPOOL_SIZE: 'many' })).toBe(1);
  expect(hostLookupSlots({ UV_THREADPOOL_SIZE: '-1' })).toBe(512);
});

test('an operator is told when the poller fetches more feeds at once than Node looks up hosts, and how to start it', () => {
  expect(lookupThreadsAdvice({}, 8)).toBe(
    "unset UV_THREADPOOL_SIZE lets Node look up 2 hosts at once, fewer than the 8 feeds polled at once: a host whose DNS does not answer holds up the others' lookups; set UV_THREADPOOL_SIZE=32 before starting (pnpm radar does)",
  );
  expect(lookupThreadsAdvice({ UV_THREADPOOL_SIZE: '1' }, 8)).toMatch(/^UV_THREADPOOL_SIZE=1 lets Node look up 1 host at once/);
  expect(lookupThreadsAdvice({ UV_THREADPOOL_SIZE: '14' }, 8)).toMatch(/look up 7 hosts at once/);
  expect(lookupThreadsAdvice({ UV_THREADPOOL_SIZE: '15' }, 8)).toBeNull();
  expect(lookupThreadsAdvice({ UV_THREADPOOL_SIZE: '32' }, 8)).toBeNull();
});
