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
 * verification"`), named after what it picks. Null when the view requires nothing an alert
 * can ask for (the whole stream, or policy stories alone: an alert's query sees no relevance).
 */
export function alertFromView(filter: StoryFilter): AlertDraftFromView | null {
  const search = filterQuery(filter.q);
  const operands = [
    ...anyOf('country', filter.countries),
    ...anyOf('company', filter.companies),
    ...anyOf('topic', filter.topics),
    ...anyOf('folder', filter.folders),
    ...anyOf('source', filter.feeds),
    ...(isMatchAll(search) ? [] : search.kind === 'and' ? search.operands : [search]),
  ];
  if (operands.length === 0) return null;
  const named = [
    filter.countries.map(countryName).join(' or '),
    filter.companies.map(companyName).join(' or '),
    filter.topics.map(topicName).join(' or '),
    filter.folders.join(' or '),
    filter.q ? `“${filter.q}”` : '',
  ].filter(Boolean);
  return {
    name: (named.join(' · ') || 'Stories of one feed').slice(0, 200),
    query: printQuery(operands.length === 1 ? operands[0]! : { kind: 'and', operands }),
  };
}
