import { asc, eq, gte, isNotNull } from 'drizzle-orm';
import { mentionsOfTags, type Mention, type Story, type StoryEdit, type StoryTags, type StoryTagsEdit } from '@radar/core';
import type { RadarDb } from './database.ts';
import { stories, type StoryRow } from './schema/index.ts';
import { toStory } from './story-queries.ts';

/**
 * Gives a stored story new tags, read from its row, and answers it with its tags before.
 * Null when there is no such story.
 */
async function retag(db: RadarDb, id: string, change: (row: StoryRow) => Partial<StoryRow>): Promise<StoryEdit | null> {
  const [row] = await db.select().from(stories).where(eq(stories.id, id)).limit(1);
  if (!row) return null;
  const [changed] = await db.update(stories).set(change(row)).where(eq(stories.id, id)).returning();
  return changed
    ? { story: toStory(changed), before: { countries: row.countries, companies: row.companies, topics: row.topics, relevant: row.relevant } }
    : null;
}

/**
 * An editor's correction of a story's tags: what the edit names replaces the detector's, the
 * reasons (mentions) for tags it took away go with them, and the story is marked edited, so
 * its feed republishing it keeps the editor's tags. Null when there is no such story.
 */
export function editStoryTags(db: RadarDb, id: string, edit: StoryTagsEdit, now = new Date()): Promise<StoryEdit | null> {
  return retag(db, id, (row) => {
    const tags = { countries: row.countries, companies: row.companies, topics: row.topics, relevant: row.relevant, ...edit };
    return { ...tags, mentions: mentionsOfTags(row.mentions, tags), tagsEditedAt: now };
  });
}

/** The stories whose tags an editor corrected (since `since`, when given), oldest correction first: a labelled set to score the detector on. */
export async function listCorrectedStories(db: RadarDb, since?: Date): Promise<Story[]> {
  const rows = await db
    .select()
    .from(stories)
    .where(since ? gte(stories.tagsEditedAt, since) : isNotNull(stories.tagsEditedAt))
    .orderBy(asc(stories.tagsEditedAt), asc(stories.id));
  return rows.map(toStory);
}

/** What the detector reads in a story: its tags, relevance and reasons. */
export type DetectedTags = StoryTags & { score: number; mentions: Mention[] };

/**
 * Undoes an editor's corrections: the story takes the tags `detect` reads in its stored text
 * now, and is no longer marked edited (its feed republishing it is read again). Null when
 * there is no such story.
 */
export function restoreDetectedTags(
  db: RadarDb,
  id: string,
  detect: (story: { title: string; summary: string; publisher: string; lang: string | null }) => DetectedTags,
): Promise<StoryEdit | null> {
  return retag(db, id, (row) => ({
    ...detect({ title: row.title, summary: row.summary, publisher: row.sourceTitle, lang: row.lang }),
    tagsEditedAt: null,
  }));
}
