export { connectRedis, deleteKeysWithPrefix, redactUrl } from './redis-connection.ts';
export * from './queues.ts';
export { FeedScheduler, PUSHES_PER_MINUTE, type PushIntake, type ScheduledFeed } from './feed-scheduler.ts';
export * from './story-stream.ts';
export * from './alert-notice-stream.ts';
export { followStream, latestStreamId, readStreamEntries, type StreamEntry, type StreamFollower } from './stream-follower.ts';
export * from './story-edit-stream.ts';
