import { parseMaxAge } from './cache-control.ts';
import { FetchError } from './fetch-error.ts';
import { classifyResponse } from './response-classification.ts';
import { safeFetch, type FollowedRedirect, type SafeFetchOptions } from './safe-fetch.ts';
import { botWallMessage, botWallOf } from './bot-wall.ts';

export interface FeedFetchOptions extends Omit<SafeFetchOptions, 'method' | 'body'> {
  /** The ETag of the last version read, sent as If-None-Match. */
  etag?: string | null;
  /** The Last-Modified of the last version read, sent as If-Modified-Since. */
  lastModified?: string | null;
}

export interface FeedFetchResult {
  status: number;
  url: string;
  notModified: boolean;
  body: Uint8Array | null;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Seconds from Cache-Control max-age, when the server gives one (no-cache/no-store: 0). */
  maxAgeSeconds: number | null;
  bytes: number;
  latencyMs: number;
  /** Redirects followed; a poller may adopt the target of permanent (301/308) ones. */
  redirects: FollowedRedirect[];
  /** The HTTP Link header (WebSub hubs may be announced there). */
  linkHeader: string | null;
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

/**
 * Fetches a feed with conditional GET: answers notModified on 304, throws a classified
 * FetchError on HTTP errors (with Retry-After on 429/503) and on an empty body.
 * Example: const r = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified }).
 */
export async function fetchFeed(url: string, options: FeedFetchOptions = {}): Promise<FeedFetchResult> {
  const started = performance.now();
  const headers: Record<string, string> = { accept: FEED_ACCEPT, ...options.headers };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const response = await safeFetch(url, { ...options, method: 'GET', headers });
  const latencyMs = Math.round(performance.now() - started);

  const classified = classifyResponse(response);
  if (classified.outcome === 'error') {
    const wall = botWallOf(response.body);
    if (wall) classified.error.message = `${botWallMessage(wall)} (HTTP ${response.status} from ${response.url})`;
    throw classified.error;
  }
  const notModified = classified.outcome === 'not-modified';
  if (!notModified && response.body.byteLength === 0) {
    throw new FetchError('bad-response', `empty response body from ${response.url}`, response.status, undefined, { url: response.url });
  }

  // A publisher that sends "Expires: 0" wants no caching: its validators would only make
  // us miss updates (miniflux ignores them the same way).
  const cachingRefused = response.headers.get('expires')?.trim() === '0';
  const etag = cachingRefused ? null : (response.headers.get('etag') ?? (notModified ? (options.etag ?? null) : null));
  const lastModified = cachingRefused
    ? null
    : (response.headers.get('last-modified') ?? (notModified ? (options.lastModified ?? null) : null));

  return {
    status: response.status,
    url: response.url,
    notModified,
    body: notModified ? null : response.body,
    contentType: response.headers.get('content-type'),
    etag,
    lastModified,
    maxAgeSeconds: parseMaxAge(response.headers.get('cache-control')),
    bytes: response.body.byteLength,
    latencyMs,
    redirects: response.redirects,
    linkHeader: response.headers.get('link'),
  };
}
