import { FeedInputSchema, readConfig } from '@radar/core';
import { createFeed, DuplicateFeedError, listFeeds, openDatabase } from '@radar/db';
import { connectRedis, FeedScheduler } from '@radar/jobs';

const usage = 'usage: radar feeds add URL [--title T] | radar feeds list';

/** `radar feeds add URL` and `radar feeds list`, straight against the configured database. */
export async function runFeeds(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (action === 'list') {
      for (const feed of await listFeeds(database.db)) {
        const health = feed.lastError ? `error: ${feed.lastError}` : feed.lastStatus ? `HTTP ${feed.lastStatus}` : 'not polled yet';
        console.log(`${feed.id}  ${feed.enabled ? 'on ' : 'off'}  ${feed.url}  (${feed.storyCount ?? 0} stories, ${health})`);
      }
      return;
    }
    if (action !== 'add' || !rest[0]) throw new Error(usage);
    const titleAt = rest.indexOf('--title');
    const input = FeedInputSchema.safeParse({ url: rest[0], title: titleAt >= 0 ? rest[titleAt + 1] : undefined });
    if (!input.success) throw new Error(input.error.issues[0]?.message ?? 'invalid feed');
    try {
      const feed = await createFeed(database.db, input.data);
      const redis = connectRedis(config.redisUrl);
      const scheduler = new FeedScheduler(redis, { prefix: config.redisPrefix });
      await scheduler.sync(feed);
      await scheduler.close();
      redis.disconnect();
      console.log(`added feed ${feed.id} ${feed.url}; it is polled now and every ${feed.intervalSeconds / 60} minutes`);
    } catch (error) {
      if (error instanceof DuplicateFeedError) throw new Error(`already watched: ${error.existing.id} ${error.existing.url}`);
      throw error;
    }
  } finally {
    await database.close();
  }
}
