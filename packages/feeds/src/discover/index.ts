export { announcedFeeds, type AnnouncedFeed } from './announced-feeds.ts';
