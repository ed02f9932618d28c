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

/**
 * A view's time range: one of TIME_RANGES counted back from now, or days chosen on the
 * calendar. `from` and `to` are days (YYYY-MM-DD) in the reader's time zone, both included;
 * either may be open, and when one is set `range` is `all`.
 */
export interface TimeWindow {
  range: TimeRange;
  from: string | null;
  to: string | null;
}

/** The window that lets every story through. */
export const ANY_TIME: TimeWindow = { range: 'all', from: null, to: null };

/** The time window of a view (or of a window), alone: what a holder of the window keeps. */
export const timeWindowOf = ({ range, from, to }: TimeWindow): TimeWindow => ({ range, from, to });

/** The publication times a view lets through, ms since epoch: at or after `after`, before `until`; null is open. */
export interface TimeBounds {
  after: number | null;
  until: number | null;
}

/** Everything a dashboard view is made of, all of it kept in the URL so a view can be shared. */
export interface DashboardQuery extends TimeWindow {
  filter: StoryFilter;
  /** The story open in the reading pane. */
  story: string | null;
  /** Only the stories saved in this browser (`saved=1`). */
  saved: boolean;
}

/** An id no story has: the filter of an empty list of saved stories, which matches nothing. */
const NO_STORY = '00000000-0000-0000-0000-000000000000';

/** A filter that also picks a value (a country, a company, a topic, a folder, a feed); the same filter when it picks it already. */
export function withValue(filter: StoryFilter, field: 'countries' | 'companies' | 'topics' | 'folders' | 'feeds', id: string): StoryFilter {
  return filter[field].includes(id) ? filter : { ...filter, [field]: [...filter[field], id].sort() };
}

/** The filter a view asks the API for: with `saved`, its filter kept to the stories saved here. */
export function viewFilter(query: DashboardQuery, savedIds: readonly string[]): StoryFilter {
  if (!query.saved) return query.filter;
  return { ...query.filter, ids: savedIds.length > 0 ? [...savedIds].sort() : [NO_STORY] };
}

const isTimeRange = (value: string | null): value is TimeRange => TIME_RANGES.some((range) => range.id === value);

/** A range's entry in TIME_RANGES: its label and its hours (null for any time). */
const rangeOf = (range: TimeRange): (typeof TIME_RANGES)[number] => TIME_RANGES.find((candidate) => candidate.id === range)!;

/** A calendar day written YYYY-MM-DD that exists (no 30 February), or null. */
export function calendarDay(value: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value! : null;
}

/** The days chosen, earliest first whichever way round they were given; a day that does not exist is left open. */
export function chosenDays(from: string | null | undefined, to: string | null | undefined): { from: string | null; to: string | null } {
  const [first, last] = [calendarDay(from), calendarDay(to)];
  return first && last && first > last ? { from: last, to: first } : { from: first, to: last };
}

/** Reads a view from the query string: the API's filter syntax plus `range` (or `from` and `to`), `story` and `saved`. */
export function readDashboardQuery(params: URLSearchParams): DashboardQuery {
  const range = params.get('range');
  const days = chosenDays(params.get('from'), params.get('to'));
  const calendar = days.from !== null || days.to !== null;
  return {
    filter: filterFromSearchParams(params),
    range: !calendar && isTimeRange(range) ? range : 'all',
    ...days,
    story: params.get('story') || null,
    saved: params.get('saved') === '1',
  };
}

/** The query string for a view, `?country=FR&company=meta&range=24h`, or '' for the plain stream. */
export function dashboardSearch(query: DashboardQuery): string {
  const params = filterToSearchParams(query.filter);
  if (query.saved) params.set('saved', '1');
  if (query.range !== 'all') params.set('range', query.range);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.story) params.set('story', query.story);
  const search = params.toString().replaceAll('%2C', ',');
  return search ? `?${search}` : '';
}

/**
 * How many restrictions a view puts on the stream: each country, company, topic, folder and
 * feed chosen, and the chosen stories, the search, "policy only", the saved stories and the
 * time range once each. 0 is the plain stream.
 */
export function activeFilterCount(query: DashboardQuery): number {
  const { filter, saved } = query;
  const lists = filter.countries.length + filter.companies.length + filter.topics.length + filter.folders.length + filter.feeds.length;
  return lists + [filter.ids.length > 0, filter.q !== '', filter.relevantOnly, saved, hasTimeLimit(query)].filter(Boolean).length;
}

/** The CSV download of a view: the stories its filter matches, over its time range as it stands at `now`. */
export function exportHref(query: DashboardQuery, now: number): string {
  const params = boundsParams(filterToSearchParams(query.filter), windowBounds(query, now));
  const search = params.toString();
  return `/api/stories/export.csv${search ? `?${search}` : ''}`;
}

/** True unless the window lets every story through. */
export const hasTimeLimit = (window: TimeWindow): boolean => window.range !== 'all' || window.from !== null || window.to !== null;

/** The same window, as a string: two views with equal keys cover the same days or the same range. */
export const windowKey = (window: TimeWindow): string => `${window.range}|${window.from ?? ''}|${window.to ?? ''}`;

/** The day (YYYY-MM-DD) a time falls on in the reader's time zone. */
export function localDay(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first instant of a day (YYYY-MM-DD) in the reader's time zone. */
const dayStart = (day: string, offsetDays = 0): number => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + offsetDays).getTime();
};

/** The day (YYYY-MM-DD) `days` after another (before it when negative). */
export const addDays = (day: string, days: number): string => localDay(dayStart(day, days));

/** What a window lets through at `now`: a range counted back from now, or from the start of `from` to the end of `to`. */
export function windowBounds(window: TimeWindow, now: number): TimeBounds {
  if (window.from !== null || window.to !== null) {
    return { after: window.from === null ? null : dayStart(window.from), until: window.to === null ? null : dayStart(window.to, 1) };
  }
  const { hours } = rangeOf(window.range);
  return { after: hours === null ? null : now - hours * 3_600_000, until: null };
}

/** Whole days from one day (YYYY-MM-DD) to another, both included. */
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The stretch of time just before a window, as long as it, to compare a count with: the 7
 * days before the last 7, the week before the chosen week. Null for a window without two
 * ends (any time, since a day, until a day).
 */
export function previousBounds(window: TimeWindow, now: number): TimeBounds | null {
  if (window.from !== null && window.to !== null) {
    const days = daysBetween(window.from, window.to);
    return { after: dayStart(window.from, -days), until: dayStart(window.from) };
  }
  if (window.from !== null || window.to !== null) return null;
  const { hours } = rangeOf(window.range);
  return hours === null ? null : { after: now - 2 * hours * 3_600_000, until: now - hours * 3_600_000 };
}

/**
 * Chosen days moved back (-1) or forward (+1) by their own length: the week before, the week
 * after. Null when the days are not both set, or when moving forward would pass `today`.
 */
export function shiftDays(window: TimeWindow, step: -1 | 1, today: string): { from: string; to: string } | null {
  if (window.from === null || window.to === null) return null;
  const days = daysBetween(window.from, window.to) * step;
  const next = { from: addDays(window.from, days), to: addDays(window.to, days) };
  return next.from > today ? null : { from: next.from, to: next.to > today ? today : next.to };
}

/** How the stretch before a window reads: "the 7 days before", "the hour before". */
export function previousPhrase(window: TimeWindow): string {
  if (window.from !== null && window.to !== null) {
    const days = daysBetween(window.from, window.to);
    return days === 1 ? 'the day before' : `the ${days} days before`;
  }
  return `${rangeOf(window.range).label.replace(/^Last /, 'the ')} before`;
}

/**
 * A count against the one of the stretch before it (`previous`, as previousPhrase reads it):
 * "↑ 25% on the 7 days before", "no change on the hour before", "none in the 7 days before".
 */
export function changeText(count: number, before: number, previous: string): string {
  if (before === 0) return count === 0 ? `none in ${previous} either` : `none in ${previous}`;
  const percent = Math.round(((count - before) / before) * 100);
  if (percent === 0) return `no change on ${previous}`;
  return `${percent > 0 ? '↑' : '↓'} ${Math.abs(percent).toLocaleString('en')}% on ${previous}`;
}

/** Adds a window's bounds to a query string as the API reads them (`after`, `until`). */
export function boundsParams(params: URLSearchParams, bounds: TimeBounds | null): URLSearchParams {
  if (bounds?.after != null) params.set('after', new Date(bounds.after).toISOString());
  if (bounds?.until != null) params.set('until', new Date(bounds.until).toISOString());
  return params;
}

/** True when a story was published within the bounds. */
export function storyInBounds(story: Pick<Story, 'publishedAt'>, bounds: TimeBounds): boolean {
  const published = Date.parse(story.publishedAt);
  return (bounds.after === null || published >= bounds.after) && (bounds.until === null || published < bounds.until);
}

/** True when nothing published from now on can fall within the bounds: a window of days that has ended. */
export const boundsEnded = (bounds: TimeBounds, now: number): boolean => bounds.until !== null && bounds.until <= now;

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const asDate = (day: string) => new Date(dayStart(day));

/** How a window reads in a chip or a heading: "Last 24 hours", "3 – 9 Nov 2026", "Since 3 Nov 2026". */
export function windowLabel(window: TimeWindow): string {
  if (window.from !== null && window.to !== null) {
    return window.from === window.to ? dayFormat.format(asDate(window.from)) : dayFormat.formatRange(asDate(window.from), asDate(window.to));
  }
  if (window.from !== null) return `Since ${dayFormat.format(asDate(window.from))}`;
  if (window.to !== null) return `Until ${dayFormat.format(asDate(window.to))}`;
  return rangeOf(window.range).label;
}

const dayInYearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** The window as the end of a sentence that counts stories: "in the last 24 hours", "from 3 Nov to 9 Nov 2026". */
export function windowPhrase(window: TimeWindow): string {
  const { from, to } = window;
  if (from !== null && to !== null) {
    if (from === to) return `on ${dayFormat.format(asDate(from))}`;
    const start = from.slice(0, 4) === to.slice(0, 4) ? dayInYearFormat.format(asDate(from)) : dayFormat.format(asDate(from));
    return `from ${start} to ${dayFormat.format(asDate(to))}`;
  }
  return from !== null || to !== null ? windowLabel(window).replace(/^\w/, (first) => first.toLowerCase()) : `in the ${windowLabel(window).toLowerCase()}`;
}
