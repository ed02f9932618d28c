import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

export const feeds = pgTable('feeds', {
  id: text('id').primaryKey(),
  url: text('url').notNull().unique(),
  title: text('title'),
  siteUrl: text('site_url'),
  enabled: boolean('enabled').notNull().default(true),
  intervalSeconds: integer('interval_seconds').notNull().default(300),
  etag: text('etag'),
  lastModified: text('last_modified'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  lastFetchAt: timestamptz('last_fetch_at'),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  lastLatencyMs: integer('last_latency_ms'),
  lastBytes: integer('last_bytes'),
  lastItems: integer('last_items'),
  /**
   * A digest of the last document read in full: a server that sends no validators and answers
   * the same bytes again is treated as answering 304, and the document is not parsed again.
   */
  contentHash: text('content_hash'),
  errorCount: integer('error_count').notNull().default(0),
  nextPollAt: timestamptz('next_poll_at'),
  /** The interval the poller settled on from how often the feed really changes. */
  pollIntervalSeconds: integer('poll_interval_seconds'),
  /** The longest the user lets the feed wait between polls, however rarely it publishes; null: no limit of theirs. */
  maxIntervalSeconds: integer('max_interval_seconds'),
  lastSuccessAt: timestamptz('last_success_at'),
  /**
   * How many stories the feed has stored, and when its newest and oldest were published: kept
   * as stories are stored, so listing feeds reads no story.
   */
  storyCount: integer('story_count').notNull().default(0),
  newestStoryAt: timestamptz('newest_story_at'),
  oldestStoryAt: timestamptz('oldest_story_at'),
  /**
   * When a poll last found nothing but new stories: the feed had published more than it lists
   * since the poll before, and what fell off its list between the two was missed.
   */
  overflowedAt: timestamptz('overflowed_at'),
  /** Why the poller stopped polling the feed on its own (failing for days); null when it did not. */
  pausedReason: text('paused_reason'),
  /** When the poller paused it (pausedReason): feed alerts tell of each such pause once. */
  pausedAt: timestamptz('paused_at'),
  /** The web page whose address was given for this feed, and which announced it. */
  foundOn: text('found_on'),
  /** The other feeds that page announces, for the user to add. */
  alsoAnnounced: jsonb('also_announced').$type<{ url: string; title: string | null }[]>(),
  /** The folder a user keeps the feed in ("Regulators"), as OPML files group feeds; null for none. */
  folder: text('folder'),
  /** The login the feed needs (HTTP Basic), sent to the feed's origin only; never listed. */
  loginUsername: text('login_username'),
  loginPassword: text('login_password'),
  /** What the feed's requests call the reader instead of the product's own User-Agent; null: the product's. */
  userAgent: text('user_agent'),
  /** WebSub: the hub and topic the feed advertises, and our subscription. */
  websubHub: text('websub_hub'),
  websubTopic: text('websub_topic'),
  websubSecret: text('websub_secret'),
  websubState: text('websub_state'),
  websubExpiresAt: timestamptz('websub_expires_at'),
  /**
   * The key the subscription's callback carries (/websub/:feedId/:key), new with each hub or
   * topic, so the hub a feed moved from can be told apart and left; null for a subscription
   * made before keys, at /websub/:feedId.
   */
  websubCallbackKey: text('websub_callback_key'),
});

export type FeedRow = typeof feeds.$inferSelect;
