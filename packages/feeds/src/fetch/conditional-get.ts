import { FetchError } from './fetch-error.ts';
import { safeFetch, type SafeFetchOptions } from './safe-fetch.ts';

export interface FeedFetchOptions extends Omit<SafeFetchOptions, 'method' | 'body'> {
  etag?: string | null;
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
  /** Seconds from Cache-Control max-age, when the server gives one. */
  maxAgeSeconds: number | null;
  bytes: number;
  latencyMs: number;
}

/** Fetches a feed with conditional GET; answers notModified on 304, throws FetchError on HTTP errors. */
export async function fetchFeed(url: string, options: FeedFetchOptions = {}): Promise<FeedFetchResult> {
  const started = performance.now();
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
    ...options.headers,
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const response = await safeFetch(url, { ...options, headers });
  const latencyMs = Math.round(performance.now() - started);
  if (response.status >= 400) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new FetchError(
      'http',
      `HTTP ${response.status}`,
      response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  const maxAge = /max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '');
  return {
    status: response.status,
    url: response.url,
    notModified: response.status === 304,
    body: response.status === 304 ? null : response.body,
    contentType: response.headers.get('content-type'),
    etag: response.headers.get('etag') ?? options.etag ?? null,
    lastModified: response.headers.get('last-modified') ?? options.lastModified ?? null,
    maxAgeSeconds: maxAge ? Number(maxAge[1]) : null,
    bytes: response.body.byteLength,
    latencyMs,
  };
}
