import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

export interface HostTurnOptions {
  keyPrefix: string;
  /** Requests to one host per window. */
  perWindow?: number;
  windowSeconds?: number;
}

/** The longest every feed of a host is held off for one answer's Retry-After (the feed that got it waits all of it). */
export const MAX_HOST_HOLD_SECONDS = 3600;
/** How long a host that answered 429 Too Many Requests without a Retry-After is left alone. */
export const DEFAULT_HOST_HOLD_SECONDS = 60;

export interface HostTurns {
  /**
   * 0 when the caller may fetch from `host` now, else how many milliseconds to wait: the host
   * had its share of requests for now, or asked every client to wait. A poll a user asked for
   * waits only for the share.
   */
  take(host: string, options?: { manual?: boolean }): Promise<number>;
  /** Holds every poller off `host` for `seconds` (at most MAX_HOST_HOLD_SECONDS), unless held longer already. */
  hold(host: string, seconds: number): Promise<void>;
}

/**
 * A per-host request budget shared by every poller through Redis, so a publisher with 200
 * feeds is not hit 200 times at once; and a host that answered one feed "too many requests"
 * is left alone for all of them, as long as it asked.
 */
export function createHostTurns(redis: Redis, options: HostTurnOptions): HostTurns {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: options.keyPrefix,
    points: options.perWindow ?? 4,
    duration: options.windowSeconds ?? 2,
  });
  const holdKey = (host: string) => `${options.keyPrefix}:hold:${host.toLowerCase()}`;
  // spread the waiting jobs so they do not all come back in the same millisecond
  const spread = (ms: number) => Math.max(ms, 50) + Math.floor(Math.random() * 500);
  return {
    async take(host, { manual = false } = {}) {
      if (!manual) {
        const held = await redis.pttl(holdKey(host));
        if (held > 0) return spread(held);
      }
      try {
        await limiter.consume(host.toLowerCase());
        return 0;
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        return spread((rejection as { msBeforeNext: number }).msBeforeNext);
      }
    },
    async hold(host, seconds) {
      const ms = Math.round(Math.min(seconds, MAX_HOST_HOLD_SECONDS) * 1000);
      if (ms <= 0 || (await redis.pttl(holdKey(host))) >= ms) return;
      await redis.set(holdKey(host), '1', 'PX', ms);
    },
  };
}
