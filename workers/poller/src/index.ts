export { startPoller, POLL_CONCURRENCY, type Poller, type PollerOptions } from './poller.ts';
export { lookupThreadsAdvice } from './lookup-threads.ts';
export { pollFeed, type PollDeps, type PollOutcome } from './poll-feed.ts';
export { canonicalUrl, dedupeKey } from './dedupe-key.ts';
export { keepWebSubscription, leaveWebSubscription, webSubCallbackUrl, webSubStartNote, SAFETY_NET_INTERVAL_SECONDS } from './websub-subscriber.ts';
export { ClusterWindow } from './cluster-window.ts';
export { storyFromItem } from './story-from-item.ts';
