import { LRUCache } from 'lru-cache';
import type { HostResolver, ResolvedAddress } from './guarded-connection.ts';

export interface HostLookupCacheOptions {
  /** How long a host's addresses are kept (ms); getaddrinfo gives no TTL, and browsers keep a minute. */
  ttlMs?: number;
  /** How long a failed lookup is remembered (ms), so the feeds of a host whose DNS is down fail at once. */
  failureTtlMs?: number;
  /** Hosts kept at most; the least recently used go first. */
  maxHosts?: number;
}

type Lookup = { addresses: ResolvedAddress[] } | { error: unknown };

/**
 * Wraps a resolver so that a host is looked up once for all the fetches that want it at the
 * same moment, and its answer, or its failure, is kept a while.
 *
 * Node runs the system resolver on libuv's threadpool, where lookups may take only half the
 * threads (2 of the default 4). A host whose DNS never answers holds a thread for the
 * resolver's whole timeout (10 s and more), and every other feed's lookup queues behind it.
 * Asking once per host, and remembering failures, keeps a dead publisher's 200 feeds from
 * taking those threads turn by turn. Addresses kept here are checked again on every
 * connection, and so is the address actually connected to: the cache lets nothing through
 * that a fresh lookup would refuse.
 */
export function cachedHostResolver(resolve: HostResolver, options: HostLookupCacheOptions = {}): HostResolver {
  const failureTtlMs = options.failureTtlMs ?? 30_000;
  const cache = new LRUCache<string, Lookup>({
    max: options.maxHosts ?? 10_000,
    ttl: options.ttlMs ?? 60_000,
    fetchMethod: async (hostname, _stale, { options: entry }) => {
      try {
        return { addresses: await resolve(hostname) };
      } catch (error) {
        entry.ttl = failureTtlMs;
        return { error };
      }
    },
  });
  return async (hostname) => {
    const lookup = (await cache.fetch(hostname.toLowerCase())) as Lookup;
    if ('error' in lookup) throw lookup.error;
    return lookup.addresses.map((address) => ({ ...address }));
  };
}
