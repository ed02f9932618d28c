import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
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
  errorCount: integer('error_count').notNull().default(0),
  nextPollAt: timestamptz('next_poll_at'),
});

export type FeedRow = typeof feeds.$inferSelect;
