import { bigserial, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { feeds } from './feeds.ts';

/**
 * Each poll of a feed, its latest POLLS_KEPT_PER_FEED kept: what the feeds page shows when a
 * user asks why a feed failed last night, or how long its server takes to answer.
 */
export const feedPolls = pgTable(
  'feed_polls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    feedId: text('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    at: timestamptz('at').notNull(),
    /** 'read', 'unchanged' or 'failed' (FeedPoll's outcome). */
    outcome: text('outcome').notNull(),
    pushed: boolean('pushed').notNull().default(false),
    status: integer('status'),
    latencyMs: integer('latency_ms'),
    bytes: integer('bytes'),
    items: integer('items'),
    newStories: integer('new_stories').notNull().default(0),
    updatedStories: integer('updated_stories').notNull().default(0),
    error: text('error'),
  },
  (table) => [index('feed_polls_feed').on(table.feedId, table.id.desc())],
);

export type FeedPollRow = typeof feedPolls.$inferSelect;
