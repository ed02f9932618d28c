import { and, count, desc, isNotNull, sql } from 'drizzle-orm';
import { countByFolder, type Facets, type StoryFilter } from '@radar/core';
import type { RadarDb } from './database.ts';
import { stories } from './schema/index.ts';
import { publishedWithin, storyFilterCondition, type FilterField, type PublishedRange } from './story-filter-sql.ts';

/** Count only stories published within this range (the dashboard's time range). */
export type CountFacetsOptions = PublishedRange;

/**
 * Counts per country, company, topic and folder. Each field is counted under the filter without
 * its own field, so choosing FR still shows how many stories DE would add.
 */
export async function countFacets(db: RadarDb, filter: StoryFilter, options: CountFacetsOptions = {}): Promise<Facets> {
  const since = publishedWithin(options);
  const countField = async (field: Exclude<FilterField, 'folders'>) => {
    const value = sql<string>`unnest(${stories[field]})`.as('value');
    const sub = db.select({ value }).from(stories).where(and(storyFilterCondition(filter, field), since)).as('values');
    const rows = await db
      .select({ id: sub.value, count: count() })
      .from(sub)
      .groupBy(sub.value)
      .orderBy(desc(count()), sub.value);
    return rows.map((r) => ({ id: r.id, count: Number(r.count) }));
  };
  const countFolders = async () => {
    const rows = await db
      .select({ id: stories.sourceFolder, count: count() })
      .from(stories)
      .where(and(storyFilterCondition(filter, 'folders'), since, isNotNull(stories.sourceFolder)))
      .groupBy(stories.sourceFolder)
      .orderBy(desc(count()), stories.sourceFolder);
    // "Press" and "press" are one folder (the filter folds names): counted together, under
    // the spelling most of its stories carry
    return countByFolder(rows.map((row) => ({ name: row.id!, count: Number(row.count) })))
      .map(({ name, count }) => ({ id: name, count }))
      .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };
  const [total, countries, companies, topics, folders] = await Promise.all([
    db.select({ n: count() }).from(stories).where(and(storyFilterCondition(filter), since)),
    countField('countries'),
    countField('companies'),
    countField('topics'),
    countFolders(),
  ]);
  return { total: Number(total[0]?.n ?? 0), countries, companies, topics, folders };
}
