import { Queue } from 'bullmq';
import { afterAll, expect, test } from 'vitest';
import { readConfig } from '@radar/core';
import { bullPrefix, connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import { createAlertTester } from './alert-tests.ts';
import { DELIVERY_QUEUE } from './delivery-jobs.ts';

const prefix = `radar-test-alert-tests-${process.pid}-${Date.now().toString(36)}`;
const redis = connectRedis(readConfig().redisUrl);

afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

test('a test no notifier takes in time says so, and is taken off the queue so it is not sent later', async () => {
  const tester = createAlertTester({ prefix, redis, timeoutMs: 600 });
  try {
    expect(await tester.send('alert-1', 'hook')).toEqual({ ok: false, reason: 'timeout', error: 'no notifier sent the test within 0.6 s: is the notifier running?' });
    const queue = new Queue(DELIVERY_QUEUE, { connection: redis, prefix: bullPrefix({ prefix }) });
    expect(await queue.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });
    await queue.close();
  } finally {
    await tester.close();
  }
});
