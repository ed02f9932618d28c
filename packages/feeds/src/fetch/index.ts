export * from './fetch-error.ts';
export {
  safeFetch,
  USER_AGENT,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  type SafeFetchOptions,
  type SafeResponse,
  type FollowedRedirect,
  type HostResolver,
  type ResolvedAddress,
} from './safe-fetch.ts';
export { DEFAULT_MAX_BYTES } from './decompress.ts';
export { fetchFeed, type FeedFetchOptions, type FeedFetchResult } from './conditional-get.ts';
export {
  checkAddress,
  isPublicAddress,
  isCloudMetadataAddress,
  isCloudMetadataHostname,
  type AddressPolicyOptions,
  type AddressVerdict,
} from './address-policy.ts';
export { classifyResponse, assertSuccessfulResponse, type ResponseClass } from './response-classification.ts';
export { parseRetryAfter } from './retry-after.ts';
export { parseMaxAge } from './cache-control.ts';
export { type GuardedConnectionOptions } from './guarded-connection.ts';
export { botWallOf, consentWallMessage, consentWallOf, isBotWallMessage } from './bot-wall.ts';
export { setOutboundProxy, parseProxy, proxyName, type OutboundProxy, type ProxyRoute } from './outbound-proxy.ts';
