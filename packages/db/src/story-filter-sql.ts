import { and, arrayOverlaps, eq, not, sql, type SQL } from 'drizzle-orm';
import { parseKeywords, type StoryFilter } from '@radar/core';
import { stories } from './schema/index.ts';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A keyword as a whole-word POSIX regex over the folded search text (same rule as core's matcher). */
function keywordCondition(text: string, negated: boolean): SQL {
  const pattern = `(^|[^[:alnum:]])${escapeRegex(text)}($|[^[:alnum:]])`;
  const condition = sql`${stories.searchText} ~ ${pattern}`;
  return negated ? not(condition) : condition;
}

export type FilterField = 'countries' | 'companies' | 'topics';

/** The SQL form of matchesFilter; `omit` leaves one field out (for facet counts). */
export function storyFilterCondition(filter: StoryFilter, omit?: FilterField): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  for (const field of ['countries', 'companies', 'topics'] as const) {
    if (field !== omit && filter[field].length > 0) conditions.push(arrayOverlaps(stories[field], filter[field]));
  }
  if (filter.relevantOnly) conditions.push(eq(stories.relevant, true));
  for (const term of parseKeywords(filter.q)) conditions.push(keywordCondition(term.text, term.negated));
  return and(...conditions);
}
