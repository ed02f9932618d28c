import { Redis, type RedisOptions } from 'ioredis';

/**
 * How long a connection may wait for Redis's answer before it is taken for dead, dropped and
 * made again (its commands sent anew): a connection a firewall or NAT cut without a word
 * would otherwise hold every command for the quarter-hour TCP takes to give up. Longer than
 * any blocking read of the product's (2 s) or of BullMQ's (10 s at most).
 */
export const REDIS_SOCKET_TIMEOUT_MS = 30_000;

/**
 * A Redis connection for BullMQ workers and blocking stream reads: `maxRetriesPerRequest: null`
 * so a blocking command waits out a Redis restart instead of failing.
 */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, socketTimeout: REDIS_SOCKET_TIMEOUT_MS, ...options });
  redis.on('error', (error: Error) => console.error(`redis ${redactUrl(url)}: ${error.message}`));
  return redis;
}

/** A Redis URL with its password removed, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'redis';
  }
}

/** Deletes every key under a prefix: a test's or benchmark's own queues and stream. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
