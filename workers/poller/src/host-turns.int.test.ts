import { afterAll, expect, test } from 'vitest';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import { createHostTurns, MAX_HOST_HOLD_SECONDS } from './host-turns.ts';

const prefix = `radar-test-hosts-${process.pid}-${Date.now()}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

test('a host has so many turns a window, shared by every poller, the rest told how long to wait', async () => {
  const [one, other] = [createHostTurns(redis, { keyPrefix: prefix, perWindow: 3 }), createHostTurns(redis, { keyPrefix: prefix, perWindow: 3 })];
  const waits = [];
  for (const turns of [one, other, one, other]) waits.push(await turns.take('Publisher.example'));
  expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
  expect(waits[3]).toBeGreaterThan(0);
  expect(waits[3]).toBeLessThanOrEqual(2_500);
  expect(await one.take('another.example')).toBe(0);
});

test('a host held off (a 429 to one of its feeds) waits for every poller, as long as it asked, except for a poll a user asked for', async () => {
  const turns = createHostTurns(redis, { keyPrefix: `${prefix}:hold` });
  await turns.hold('wire.example', 120);
  const wait = await turns.take('wire.example');
  expect(wait).toBeGreaterThan(118_000);
  expect(wait).toBeLessThanOrEqual(120_500);
  expect(await createHostTurns(redis, { keyPrefix: `${prefix}:hold` }).take('WIRE.example')).toBeGreaterThan(118_000);
  expect(await turns.take('wire.example', { manual: true })).toBe(0);
  expect(await turns.take('other.example')).toBe(0);
  // a shorter hold does not cut a longer one short; a day is held an hour
  await turns.hold('wire.example', 5);
  expect(await turns.take('wire.example')).toBeGreaterThan(118_000);
  await turns.hold('slow.example', 86_400);
  expect(await redis.pttl(`${prefix}:hold:hold:slow.example`)).toBeGreaterThan((MAX_HOST_HOLD_SECONDS - 5) * 1000);
  expect(await redis.pttl(`${prefix}:hold:hold:slow.example`)).toBeLessThanOrEqual(MAX_HOST_HOLD_SECONDS * 1000);
});
