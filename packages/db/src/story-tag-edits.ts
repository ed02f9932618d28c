import { asc, eq, gte, isNotNull } from 'drizzle-orm';
import type { Mention, Story, StoryEdit, StoryTags, StoryTagsEdit } from '@radar/core';
import type { RadarDb } from './database.ts';
import { stories } from './schema/index.ts';
import { toStory } from './story-queries.ts';

/**
 * An editor's correction of a story's tags: what the edit names replaces the detector's, the
 * reasons (mentions) for tags it took away go with them, and the story is marked edited, so
 * its feed republishing it keeps the editor's tags. Null when there is no such story.
 */
export async function editStoryTags(db: RadarDb, id: string, edit: StoryTagsEdit, now = new Date()): Promise<StoryEdit | null> {
  const [row] = await db.select().from(stories).where(eq(stories.id, id)).limit(1);
  if (!row) return null;
  const before = { countries: row.countries, companies: row.companies, topics: row.topics, relevant: row.relevant };
  const tags = { ...before, ...edit };
  const kept = (mention: Mention) =>
    (mention.kind === 'country' ? tags.countries : mention.kind === 'company' ? tags.companies : tags.topics).includes(mention.id);
  const [edited] = await db
    .update(stories)
    .set({ ...tags, mentions: row.mentions.filter(kept), tagsEditedAt: now })
    .where(eq(stories.id, id))
    .returning();
  return edited ? { story: toStory(edited), before } : null;
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
export async function restoreDetectedTags(
  db: RadarDb,
  id: string,
  detect: (story: { title: string; summary: string; publisher: string; lang: string | null }) => DetectedTags,
): Promise<StoryEdit | null> {
  const [row] = await db.select().from(stories).where(eq(stories.id, id)).limit(1);
  if (!row) return null;
  const before = { countries: row.countries, companies: row.companies, topics: row.topics, relevant: row.relevant };
  const detected = detect({ title: row.title, summary: row.summary, publisher: row.sourceTitle, lang: row.lang });
  const [restored] = await db
    .update(stories)
    .set({ ...detected, tagsEditedAt: null })
    .where(eq(stories.id, id))
    .returning();
  return restored ? { story: toStory(restored), before } : null;
}
