import { count, desc, sql } from 'drizzle-orm';
import type { Facets, StoryFilter } from '@radar/core';
import type { RadarDb } from './database.ts';
import { stories } from './schema/index.ts';
import { storyFilterCondition, type FilterField } from './story-filter-sql.ts';

/**
 * Counts per country, company and topic. Each field is counted under the filter without
 * its own field, so choosing FR still shows how many stories DE would add.
 */
export async function countFacets(db: RadarDb, filter: StoryFilter): Promise<Facets> {
  const countField = async (field: FilterField) => {
    const value = sql<string>`unnest(${stories[field]})`.as('value');
    const sub = db.select({ value }).from(stories).where(storyFilterCondition(filter, field)).as('values');
    const rows = await db
      .select({ id: sub.value, count: count() })
      .from(sub)
      .groupBy(sub.value)
      .orderBy(desc(count()), sub.value);
    return rows.map((r) => ({ id: r.id, count: Number(r.count) }));
  };
  const [total, countries, companies, topics] = await Promise.all([
    db.select({ n: count() }).from(stories).where(storyFilterCondition(filter)),
    countField('countries'),
    countField('companies'),
    countField('topics'),
  ]);
  return { total: Number(total[0]?.n ?? 0), countries, companies, topics };
}
