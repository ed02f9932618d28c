import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

export interface HostTurnOptions {
  keyPrefix: string;
  /** Requests to one host per window. */
  perWindow?: number;
  windowSeconds?: number;
}

/**
 * A per-host request budget shared by every poller through Redis, so a publisher with 200
 * feeds is not hit 200 times at once. Answers 0 when the caller may fetch now, else how many
 * milliseconds to wait.
 */
export function createHostTurns(redis: Redis, options: HostTurnOptions): (host: string) => Promise<number> {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: options.keyPrefix,
    points: options.perWindow ?? 4,
    duration: options.windowSeconds ?? 2,
  });
  return async function takeHostTurn(host) {
    try {
      await limiter.consume(host.toLowerCase());
      return 0;
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      const { msBeforeNext } = rejection as { msBeforeNext: number };
      // spread the waiting jobs so they do not all come back in the same millisecond
      return Math.max(msBeforeNext, 50) + Math.floor(Math.random() * 500);
    }
  };
}
