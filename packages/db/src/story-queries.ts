import { and, desc, eq, getTableColumns, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { foldText, type Mention, type Story, type StoryFilter } from '@radar/core';
import type { RadarDb } from './database.ts';
import { stories, type NewStoryRow, type StoryRow } from './schema/index.ts';
import { storyFilterCondition } from './story-filter-sql.ts';

/** The public shape of a stored story. */
export function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    summary: row.summary,
    source: { feedId: row.feedId ?? '', title: row.sourceTitle },
    publishedAt: row.publishedAt.toISOString(),
    ingestedAt: row.ingestedAt.toISOString(),
    lang: row.lang,
    countries: row.countries,
    companies: row.companies,
    topics: row.topics,
    relevant: row.relevant,
    score: row.score,
    clusterId: row.clusterId,
  };
}

export type NewStory = Omit<NewStoryRow, 'searchText' | 'streamed'>;

export interface SaveStoriesResult {
  inserted: StoryRow[];
  updated: number;
}

/**
 * Inserts new stories; an item seen before (same feed and dedupe key) updates its row only
 * when its title, summary, link or date changed, so polling the same feed twice stores nothing twice.
 */
export async function saveStories(db: RadarDb, rows: NewStory[]): Promise<SaveStoriesResult> {
  if (rows.length === 0) return { inserted: [], updated: 0 };
  const values = rows.map((row) => ({ ...row, searchText: foldText(`${row.title}\n${row.summary ?? ''}`) }));
  const changed = sql`(${stories.title}, ${stories.summary}, ${stories.url}, ${stories.publishedAt}) is distinct from (excluded.title, excluded.summary, excluded.url, excluded.published_at)`;
  const result = await db
    .insert(stories)
    .values(values)
    .onConflictDoUpdate({
      target: [stories.feedId, stories.dedupeKey],
      set: {
        title: sql`excluded.title`,
        summary: sql`excluded.summary`,
        url: sql`excluded.url`,
        publishedAt: sql`excluded.published_at`,
        countries: sql`excluded.countries`,
        companies: sql`excluded.companies`,
        topics: sql`excluded.topics`,
        relevant: sql`excluded.relevant`,
        score: sql`excluded.score`,
        mentions: sql`excluded.mentions`,
        searchText: sql`excluded.search_text`,
      },
      setWhere: changed,
    })
    .returning({ ...getTableColumns(stories), inserted: sql<boolean>`(xmax = 0)` });
  const inserted = result.filter((r) => r.inserted).map(({ inserted: _, ...row }) => row);
  return { inserted, updated: result.length - inserted.length };
}

/** Stories not yet appended to the live stream (new ones, or ones a crash left behind). */
export async function listUnstreamedStories(db: RadarDb, feedId: string): Promise<StoryRow[]> {
  return db
    .select()
    .from(stories)
    .where(and(eq(stories.feedId, feedId), eq(stories.streamed, false)))
    .orderBy(stories.id);
}

export async function markStoriesStreamed(db: RadarDb, ids: string[]): Promise<void> {
  if (ids.length) await db.update(stories).set({ streamed: true }).where(inArray(stories.id, ids));
}

export interface StoryCursor {
  publishedAt: string;
  id: string;
}

export const encodeCursor = (story: { publishedAt: string; id: string }): string =>
  Buffer.from(`${story.publishedAt}|${story.id}`).toString('base64url');

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

export function decodeCursor(cursor: string): StoryCursor {
  const [publishedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!publishedAt || !id || Number.isNaN(Date.parse(publishedAt))) throw new InvalidCursorError('invalid cursor');
  return { publishedAt, id };
}

export interface ListStoriesOptions {
  before?: string;
  limit?: number;
}

/** A page of stories matching the filter, newest first, with the cursor of the next page. */
export async function listStories(
  db: RadarDb,
  filter: StoryFilter,
  options: ListStoriesOptions = {},
): Promise<{ stories: Story[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const cursor = options.before ? decodeCursor(options.before) : undefined;
  const cursorCondition = cursor
    ? or(
        lt(stories.publishedAt, new Date(cursor.publishedAt)),
        and(eq(stories.publishedAt, new Date(cursor.publishedAt)), lt(stories.id, cursor.id)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(stories)
    .where(and(storyFilterCondition(filter), cursorCondition))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(toStory);
  const last = page.at(-1);
  return { stories: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Stories stored after the given one (ids are time-ordered), oldest first: what a reconnecting client missed. */
export async function listStoriesAfter(
  db: RadarDb,
  sinceId: string,
  filter: StoryFilter,
  limit = 500,
): Promise<Story[]> {
  const rows = await db
    .select()
    .from(stories)
    .where(and(gt(stories.id, sinceId), storyFilterCondition(filter)))
    .orderBy(stories.id)
    .limit(limit);
  return rows.map(toStory);
}

export interface StoryDetail {
  story: Story;
  mentions: Mention[];
  cluster: Story[];
}

/** One story with its mentions and the other outlets' reports of the same event, newest first. */
export async function getStoryDetail(db: RadarDb, id: string): Promise<StoryDetail | null> {
  const [row] = await db.select().from(stories).where(eq(stories.id, id)).limit(1);
  if (!row) return null;
  const cluster = row.clusterId
    ? await db
        .select()
        .from(stories)
        .where(eq(stories.clusterId, row.clusterId))
        .orderBy(desc(stories.publishedAt))
        .limit(100)
    : [row];
  return { story: toStory(row), mentions: row.mentions, cluster: cluster.map(toStory) };
}
