import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Mention } from '@radar/core';
import { timestamptz } from './columns.ts';
import { feeds } from './feeds.ts';

export const stories = pgTable(
  'stories',
  {
    id: text('id').primaryKey(),
    feedId: text('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    /** guid, else canonical URL, else a hash of the title: ingesting the same item twice is a no-op. */
    dedupeKey: text('dedupe_key').notNull(),
    url: text('url').notNull(),
    /** The article's URL with tracking parameters and variants removed: a second key for dedupe. */
    canonicalUrl: text('canonical_url'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    sourceTitle: text('source_title').notNull().default(''),
    /** The folder its feed is kept in ("Regulators"), copied here so a folder filters stories like any field; null for none. */
    sourceFolder: text('source_folder'),
    author: text('author'),
    publishedAt: timestamptz('published_at').notNull(),
    ingestedAt: timestamptz('ingested_at').notNull().defaultNow(),
    lang: text('lang'),
    countries: text('countries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    companies: text('companies')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    topics: text('topics')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    relevant: boolean('relevant').notNull().default(false),
    score: real('score').notNull().default(0),
    clusterId: text('cluster_id'),
    mentions: jsonb('mentions').$type<Mention[]>().notNull().default([]),
    /**
     * When an editor last corrected its tags: from then on they are the editor's, and the
     * feed republishing the story changes its text, not its tags.
     */
    tagsEditedAt: timestamptz('tags_edited_at'),
    /** When the team pinned it (`is:pinned`): a pick for colleagues and widgets; the feed republishing it keeps it pinned. */
    pinnedAt: timestamptz('pinned_at'),
    /**
     * When the document it was last written from was read (a poll's start, a push's arrival):
     * a document read earlier, stored late (a slow poll beside a push, a push retried), does not
     * undo what a later one corrected. Null for rows stored before it was kept.
     */
    readAt: timestamptz('read_at'),
    /** Title and summary folded (lower case, no accents) for keyword search. */
    searchText: text('search_text').notNull().default(''),
  },
  (table) => [
    uniqueIndex('stories_feed_dedupe_key').on(table.feedId, table.dedupeKey),
    // by article address first: the same article in another feed is found by it too
    index('stories_canonical_url').on(table.canonicalUrl, table.feedId),
    index('stories_published').on(table.publishedAt.desc(), table.id.desc()),
    index('stories_countries').using('gin', table.countries),
    index('stories_companies').using('gin', table.companies),
    index('stories_topics').using('gin', table.topics),
    index('stories_cluster').on(table.clusterId),
    // the team's picks, newest first, however few among many stories
    index('stories_pinned').on(table.publishedAt.desc(), table.id.desc()).where(sql`${table.pinnedAt} is not null`),
  ],
);

/**
 * Stories stored but not yet appended to the Redis stream: a row is added with its story, in
 * the same statement, and deleted once the story is on the stream (a narrow outbox, so the
 * wide story row with its many indexes is written once).
 */
export const storyOutbox = pgTable(
  'story_outbox',
  {
    storyId: text('story_id')
      .primaryKey()
      .references(() => stories.id, { onDelete: 'cascade' }),
    feedId: text('feed_id'),
    /**
     * An undated story that was already in its feed when the feed was first read: published at
     * some unknown time before it was found, so it is listed but fires no alert.
     */
    backCatalogue: boolean('back_catalogue').notNull().default(false),
  },
  (table) => [index('story_outbox_feed').on(table.feedId)],
);

export type StoryRow = typeof stories.$inferSelect;
export type NewStoryRow = typeof stories.$inferInsert;
