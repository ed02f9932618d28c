export * from './fetch-error.ts';
export { safeFetch, USER_AGENT, type SafeFetchOptions, type SafeResponse } from './safe-fetch.ts';
export { fetchFeed, type FeedFetchOptions, type FeedFetchResult } from './conditional-get.ts';
