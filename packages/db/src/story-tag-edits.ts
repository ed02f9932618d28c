import { asc, eq, gte, isNotNull } from 'drizzle-orm';
import { mentionsOfTags, type Mention, type Story, type StoryEdit, type StoryTags, type StoryTagsEdit } from '@radar/core';
import type { RadarDb } from './database.ts';
import { stories, type StoryRow } from './schema/index.ts';
import { toStory } from './story-queries.ts';

/**
 * Changes a stored story (its tags, or its pin), read from its row, and answers it with what
 * an edit may change as it was before. Null when there is no such story.
 */
async function changeStory(db: RadarDb, id: string, change: (row: StoryRow) => Partial<StoryRow>): Promise<StoryEdit | null> {
  const [row] = await db.select().from(stories).where(eq(stories.id, id)).limit(1);
  if (!row) return null;
  const [changed] = await db.update(stories).set(change(row)).where(eq(stories.id, id)).returning();
  if (!changed) return null;
  const before = {
    countries: row.countries,
    companies: row.companies,
    topics: row.topics,
    relevant: row.relevant,
    tagsEditedAt: row.tagsEditedAt?.toISOString() ?? null,
    pinnedAt: row.pinnedAt?.toISOString() ?? null,
  };
  return { story: toStory(changed), before };
}

/**
 * Pins a story for the team, or takes the pin off: `is:pinned` lists it, and widgets showing
 * the team's picks show it. Pinning a pinned story keeps the time it was first pinned. Null
 * when there is no such story.
 */
export function pinStory(db: RadarDb, id: string, pinned: boolean, now = new Date()): Promise<StoryEdit | null> {
  return changeStory(db, id, (row) => ({ pinnedAt: pinned ? (row.pinnedAt ?? now) : null }));
}

/**
 * An editor's correction of a story's tags: what the edit names replaces the detector's, the
 * reasons (mentions) for tags it took away go with them, and the story is marked edited, so
 * its feed republishing it keeps the editor's tags. Null when there is no such story.
 */
export function editStoryTags(db: RadarDb, id: string, edit: StoryTagsEdit, now = new Date()): Promise<StoryEdit | null> {
  return changeStory(db, id, (row) => {
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
  return changeStory(db, id, (row) => ({
    ...detect({ title: row.title, summary: row.summary, publisher: row.sourceTitle, lang: row.lang }),
    tagsEditedAt: null,
  }));
}
