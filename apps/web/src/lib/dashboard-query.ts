import { filterFromSearchParams, filterToSearchParams, type Story, type StoryFilter } from '@radar/core';

/** How far back the stream reaches; `all` sets no limit. */
export const TIME_RANGES = [
  { id: 'all', label: 'Any time', hours: null },
  { id: '1h', label: 'Last hour', hours: 1 },
  { id: '24h', label: 'Last 24 hours', hours: 24 },
  { id: '7d', label: 'Last 7 days', hours: 24 * 7 },
  { id: '30d', label: 'Last 30 days', hours: 24 * 30 },
] as const;
export type TimeRange = (typeof TIME_RANGES)[number]['id'];

/** Everything a dashboard view is made of, all of it kept in the URL so a view can be shared. */
export interface DashboardQuery {
  filter: StoryFilter;
  range: TimeRange;
  /** The story open in the reading pane. */
  story: string | null;
  /** Only the stories saved in this browser (`saved=1`). */
  saved: boolean;
}

/** An id no story has: the filter of an empty list of saved stories, which matches nothing. */
const NO_STORY = '00000000-0000-0000-0000-000000000000';

/** The filter a view asks the API for: with `saved`, its filter kept to the stories saved here. */
export function viewFilter(query: DashboardQuery, savedIds: readonly string[]): StoryFilter {
  if (!query.saved) return query.filter;
  return { ...query.filter, ids: savedIds.length > 0 ? [...savedIds].sort() : [NO_STORY] };
}

const isTimeRange = (value: string | null): value is TimeRange => TIME_RANGES.some((range) => range.id === value);

/** Reads a view from the query string: the API's filter syntax plus `range`, `story` and `saved`. */
export function readDashboardQuery(params: URLSearchParams): DashboardQuery {
  const range = params.get('range');
  return {
    filter: filterFromSearchParams(params),
    range: isTimeRange(range) ? range : 'all',
    story: params.get('story') || null,
    saved: params.get('saved') === '1',
  };
}

/** The query string for a view, `?country=FR&company=meta&range=24h`, or '' for the plain stream. */
export function dashboardSearch(query: DashboardQuery): string {
  const params = filterToSearchParams(query.filter);
  if (query.saved) params.set('saved', '1');
  if (query.range !== 'all') params.set('range', query.range);
  if (query.story) params.set('story', query.story);
  const search = params.toString().replaceAll('%2C', ',');
  return search ? `?${search}` : '';
}

/**
 * How many restrictions a view puts on the stream: each country, company, topic, folder and
 * feed chosen, and the chosen stories, the search, "policy only", the saved stories and the
 * time range once each. 0 is the plain stream.
 */
export function activeFilterCount({ filter, saved, range }: DashboardQuery): number {
  const lists = filter.countries.length + filter.companies.length + filter.topics.length + filter.folders.length + filter.feeds.length;
  return lists + [filter.ids.length > 0, filter.q !== '', filter.relevantOnly, saved, range !== 'all'].filter(Boolean).length;
}

/** The CSV download of a view: the stories its filter matches, over its range counted back from `now`. */
export function exportHref(query: DashboardQuery, now: number): string {
  const params = filterToSearchParams(query.filter);
  const start = rangeStart(query.range, now);
  if (start !== null) params.set('after', new Date(start).toISOString());
  const search = params.toString();
  return `/api/stories/export.csv${search ? `?${search}` : ''}`;
}

/** The earliest publication time a range lets through, or null for no limit. */
export function rangeStart(range: TimeRange, now: number): number | null {
  const hours = TIME_RANGES.find((candidate) => candidate.id === range)?.hours ?? null;
  return hours === null ? null : now - hours * 3_600_000;
}

/** True when a story was published at or after the start of the range. */
export function storyInRange(story: Pick<Story, 'publishedAt'>, start: number | null): boolean {
  return start === null || Date.parse(story.publishedAt) >= start;
}
