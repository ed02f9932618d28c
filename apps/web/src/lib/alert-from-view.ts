import {
  companyName,
  countryName,
  filterQuery,
  isMatchAll,
  printQuery,
  topicName,
  type QueryField,
  type QueryNode,
  type StoryFilter,
} from '@radar/core';

/** A new alert's name and query, written from a dashboard view. */
export interface AlertDraftFromView {
  name: string;
  query: string;
}

/** Values of one field as a query: one term, or its alternatives with OR. */
function anyOf(field: QueryField, values: readonly string[]): QueryNode[] {
  const terms: QueryNode[] = values.map((value) => ({ kind: 'field', field, value }));
  if (terms.length === 0) return [];
  return terms.length === 1 ? terms : [{ kind: 'or', operands: terms }];
}

/**
 * The alert that fires on the stories a view shows: each field of its filter as alternatives,
 * the fields and its search all required (`country:FR OR country:DE company:meta "age
 * verification" is:policy`), named after what it picks. Null for the whole stream, and for
 * a list of chosen stories (no new story can be one of them).
 */
export function alertFromView(filter: StoryFilter): AlertDraftFromView | null {
  if (filter.ids.length > 0) return null;
  const search = filterQuery(filter.q);
  const operands = [
    ...anyOf('country', filter.countries),
    ...anyOf('company', filter.companies),
    ...anyOf('topic', filter.topics),
    ...anyOf('folder', filter.folders),
    ...anyOf('source', filter.feeds),
    ...(isMatchAll(search) ? [] : search.kind === 'and' ? search.operands : [search]),
    ...(filter.relevantOnly ? [{ kind: 'field', field: 'is', value: 'policy' } as const] : []),
  ];
  if (operands.length === 0) return null;
  const named = [
    filter.countries.map(countryName).join(' or '),
    filter.companies.map(companyName).join(' or '),
    filter.topics.map(topicName).join(' or '),
    filter.folders.join(' or '),
    filter.q ? `“${filter.q}”` : '',
  ].filter(Boolean);
  const fallback = filter.feeds.length > 0 ? 'Stories of one feed' : 'Policy stories';
  return {
    name: (named.join(' · ') || fallback).slice(0, 200),
    query: printQuery(operands.length === 1 ? operands[0]! : { kind: 'and', operands }),
  };
}
