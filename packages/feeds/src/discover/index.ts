export { announcedFeeds, type AnnouncedFeed } from './announced-feeds.ts';
export { COMMON_FEED_PATHS, feedAtCommonPath, type DiscoveryOptions } from './common-feed-paths.ts';
