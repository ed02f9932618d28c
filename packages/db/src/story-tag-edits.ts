import { asc, eq, gte, isNotNull } from 'drizzle-orm';
import type { Mention, Story, StoryEdit, StoryTagsEdit } from '@radar/core';
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
