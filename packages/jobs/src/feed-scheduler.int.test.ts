import { randomUUID } from 'node:crypto';
import { afterAll, expect, test } from 'vitest';
import { connectRedis, deleteKeysWithPrefix } from './redis-connection.ts';
import { FeedScheduler, PUSHES_PER_MINUTE } from './feed-scheduler.ts';

const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test-scheduler-${randomUUID()}`;
const scheduler = new FeedScheduler(redis, { prefix });

afterAll(async () => {
  await scheduler.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

test("a feed's hub may push 30 times a minute: the push after that is not queued, and the hub is told when to come back; another feed's pushes still are", async () => {
  const document = new TextEncoder().encode('<feed xmlns="http://www.w3.org/2005/Atom"/>');
  const intakes = [];
  for (let push = 0; push <= PUSHES_PER_MINUTE; push++) intakes.push(await scheduler.ingestPushed('busy-feed', document, 'application/atom+xml'));
  expect(intakes.slice(0, PUSHES_PER_MINUTE).every((intake) => intake.queued)).toBe(true);
  const refused = intakes.at(-1)!;
  expect(refused.queued).toBe(false);
  expect(refused.queued === false && refused.retryAfterSeconds).toBeGreaterThan(0);
  expect(refused.queued === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(await scheduler.ingestPushed('quiet-feed', document, null)).toEqual({ queued: true });

  const jobs = await scheduler.queue.getJobs(['waiting']);
  expect(jobs.filter((job) => job.data.feedId === 'busy-feed')).toHaveLength(PUSHES_PER_MINUTE);
  // a pushed document is not kept in Redis once read
  expect(jobs[0]?.opts).toMatchObject({ removeOnComplete: true, removeOnFail: 20 });
});
