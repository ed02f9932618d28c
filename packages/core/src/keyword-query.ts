import { matchesQuery, prepareStory } from './query/match-query.ts';
import { filterQuery } from './query/filter-query.ts';

/**
 * True when a text matches a keyword query (words, "phrases", -exclusions, OR, parentheses),
 * read as the dashboard's keyword box reads it. Field terms never match plain text.
 */
export function matchesKeywords(query: string, text: string): boolean {
  const story = { title: text, summary: '', countries: [], companies: [], topics: [] };
  return matchesQuery(prepareStory(story), filterQuery(query));
}
