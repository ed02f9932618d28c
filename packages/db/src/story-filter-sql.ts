import { and, arrayContains, eq, gte, inArray, lt, not, or, sql, type SQL } from 'drizzle-orm';
import { filterQuery, folderKey, isMatchAll, searchWords, type FieldTerm, type QueryNode, type StoryFilter } from '@radar/core';
import { stories } from './schema/index.ts';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Words next to each other as a POSIX regex over folded text: the same rule as core's
 * matcher (whole words, anything that is not a letter or digit between them).
 */
const wordsPattern = (words: string[]) =>
  `(^|[^[:alnum:]])${words.map(escapeRegex).join('[^[:alnum:]]+')}($|[^[:alnum:]])`;

/** The source title folded in SQL as foldText does (lower case, combining marks removed), plus the URL's host. */
const foldedSource = sql`regexp_replace(normalize(lower(${stories.sourceTitle}), NFKD), '[\u0300-\u036f]', '', 'g') || ' ' || lower(coalesce(substring(${stories.url} from '^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/@]*@)?([^/:?#]+)'), ''))`;

/** The folder name folded in SQL as searchWords folds it, its words joined by single spaces. */
const foldedFolder = sql`btrim(regexp_replace(regexp_replace(normalize(lower(coalesce(${stories.sourceFolder}, '')), NFKD), '[\u0300-\u036f]', '', 'g'), '[^[:alnum:]]+', ' ', 'g'))`;

function fieldCondition(term: FieldTerm): SQL {
  switch (term.field) {
    case 'country':
    case 'company':
    case 'topic': {
      const column = { country: stories.countries, company: stories.companies, topic: stories.topics }[term.field];
      return arrayContains(column, [term.value]);
    }
    case 'lang':
      return sql`coalesce(lower(${stories.lang}) = ${term.value} or lower(${stories.lang}) like ${`${term.value}-%`}, false)`;
    case 'source': {
      const words = searchWords(term.value);
      const byName = words.length ? sql`${foldedSource} ~ ${wordsPattern(words)}` : sql`false`;
      return sql`(coalesce(${stories.feedId} = ${term.value}, false) or ${byName})`;
    }
    case 'folder': {
      const key = folderKey(term.value);
      return key ? sql`${foldedFolder} = ${key}` : sql`false`;
    }
    case 'is':
      if (term.value === 'policy') return eq(stories.relevant, true);
      if (term.value === 'corrected') return sql`${stories.tagsEditedAt} is not null`;
      return term.value === 'pinned' ? sql`${stories.pinnedAt} is not null` : sql`false`;
  }
}

/**
 * A query tree as a SQL condition on stories, equal to core's matchesQuery.
 * Example: db.select().from(stories).where(queryCondition(parseQuery('meta -earnings'))).
 */
export function queryCondition(node: QueryNode): SQL {
  switch (node.kind) {
    case 'text':
      return sql`${stories.searchText} ~ ${wordsPattern(node.words)}`;
    case 'field':
      return fieldCondition(node);
    case 'not':
      return not(queryCondition(node.operand));
    case 'and':
      return node.operands.length === 0 ? sql`true` : and(...node.operands.map(queryCondition))!;
    case 'or':
      return or(...node.operands.map(queryCondition))!;
  }
}

export type FilterField = 'countries' | 'companies' | 'topics' | 'folders';

/** The SQL form of matchesFilter; `omit` leaves one field out (for facet counts). */
export function storyFilterCondition(filter: StoryFilter, omit?: FilterField): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  for (const field of ['countries', 'companies', 'topics'] as const) {
    if (field !== omit && filter[field].length > 0) conditions.push(arrayOverlapsOf(field, filter[field]));
  }
  if (omit !== 'folders' && filter.folders.length > 0) {
    conditions.push(inArray(foldedFolder, filter.folders.map(folderKey)));
  }
  if (filter.feeds.length > 0) conditions.push(inArray(stories.feedId, filter.feeds));
  if (filter.ids.length > 0) conditions.push(inArray(stories.id, filter.ids));
  if (filter.relevantOnly) conditions.push(eq(stories.relevant, true));
  const query = filterQuery(filter.q);
  if (!isMatchAll(query)) conditions.push(queryCondition(query));
  return and(...conditions);
}

const arrayOverlapsOf = (field: 'countries' | 'companies' | 'topics', ids: string[]) => sql`${stories[field]} && ${sql.param(ids, stories[field])}`;

/** A time range: stories published at or after `after` and before `until`; either end may be open. */
export interface PublishedRange {
  after?: Date;
  until?: Date;
}

/** A time range as a condition; none when both ends are open. */
export const publishedWithin = ({ after, until }: PublishedRange): SQL | undefined =>
  and(after ? gte(stories.publishedAt, after) : undefined, until ? lt(stories.publishedAt, until) : undefined);
