import type { Redis } from 'ioredis';
import {
  getFeed,
  listUnstreamedStories,
  markStoriesStreamed,
  recordFetchFailure,
  recordFetchSuccess,
  saveStories,
  toStory,
  type NewStory,
  type RadarDb,
} from '@radar/db';
import { FeedParseError, FetchError, fetchFeed, parseFeed } from '@radar/feeds';
import { appendStory } from '@radar/jobs';
import { storyFromItem } from './story-from-item.ts';

export interface PollDeps {
  db: RadarDb;
  redis: Redis;
  streamKey: string;
  allowPrivateAddresses: boolean;
  now?: () => Date;
}

export type PollOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'not-modified' }
  | { kind: 'failed'; error: string; status: number | null }
  | { kind: 'polled'; items: number; inserted: number; updated: number; streamed: number };

const FAILURE_BACKOFF_CAP_SECONDS = 6 * 3600;

/** Seconds until the next poll: the feed's interval, or exponential backoff after failures. */
function nextPollDelaySeconds(intervalSeconds: number, errorCount: number): number {
  if (errorCount === 0) return intervalSeconds;
  return Math.min(intervalSeconds * 2 ** Math.min(errorCount, 10), FAILURE_BACKOFF_CAP_SECONDS);
}

/**
 * One poll of one feed: fetch (conditional GET) → parse → dedupe → detect → store → stream.
 * A feed's own failure (HTTP error, not a feed, bad XML) is recorded on the feed and returned;
 * anything else (database or Redis down) is thrown so the job is retried.
 */
export async function pollFeed(feedId: string, deps: PollDeps): Promise<PollOutcome> {
  const now = deps.now?.() ?? new Date();
  const feed = await getFeed(deps.db, feedId);
  if (!feed) return { kind: 'skipped', reason: 'feed deleted' };

  const started = performance.now();
  let stories: NewStory[];
  let title: string | null;
  let siteUrl: string | null;
  let fetched;
  try {
    fetched = await fetchFeed(feed.url, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      allowPrivateAddresses: deps.allowPrivateAddresses,
    });
    if (fetched.notModified || !fetched.body) {
      await recordFetchSuccess(deps.db, feed.id, {
        status: fetched.status,
        latencyMs: fetched.latencyMs,
        bytes: 0,
        items: feed.lastItems ?? 0,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        nextPollAt: new Date(now.getTime() + feed.intervalSeconds * 1000),
      });
      await streamPending(feed.id, deps);
      return { kind: 'not-modified' };
    }
    const parsed = await parseFeed(fetched.body, { contentType: fetched.contentType, baseUrl: fetched.url });
    title = parsed.title;
    siteUrl = parsed.link;
    const source = { feedId: feed.id, feedTitle: feed.title ?? parsed.title ?? new URL(feed.url).host, feedUrl: feed.url };
    stories = parsed.items.flatMap((item) => storyFromItem(item, parsed, source, now) ?? []);
  } catch (error) {
    if (!(error instanceof FetchError) && !(error instanceof FeedParseError)) throw error;
    const status = error instanceof FetchError ? (error.status ?? null) : (fetched?.status ?? null);
    const delay = Math.max(
      nextPollDelaySeconds(feed.intervalSeconds, feed.errorCount + 1),
      error instanceof FetchError ? (error.retryAfterSeconds ?? 0) : 0,
    );
    await recordFetchFailure(deps.db, feed.id, {
      status,
      error: error.message,
      latencyMs: Math.round(performance.now() - started),
      nextPollAt: new Date(now.getTime() + delay * 1000),
    });
    return { kind: 'failed', error: error.message, status };
  }

  const saved = await saveStories(deps.db, stories);
  await recordFetchSuccess(deps.db, feed.id, {
    status: fetched.status,
    latencyMs: fetched.latencyMs,
    bytes: fetched.bytes,
    items: stories.length,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    title,
    siteUrl,
    nextPollAt: new Date(now.getTime() + feed.intervalSeconds * 1000),
  });
  const streamed = await streamPending(feed.id, deps);
  return { kind: 'polled', items: stories.length, inserted: saved.inserted.length, updated: saved.updated, streamed };
}

/**
 * Appends the feed's not-yet-streamed stories to the live stream, then flags them. A crash
 * between the two re-sends a story at worst; readers drop repeats by story id.
 */
async function streamPending(feedId: string, deps: PollDeps): Promise<number> {
  const pending = await listUnstreamedStories(deps.db, feedId);
  for (const row of pending) await appendStory(deps.redis, deps.streamKey, toStory(row));
  await markStoriesStreamed(
    deps.db,
    pending.map((row) => row.id),
  );
  return pending.length;
}
