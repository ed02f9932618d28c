import { tagName, type StoryFilter } from '@radar/core';
export { risingFactor, usualPhrase } from '@radar/core';
import { alertFromView } from './alert-from-view.ts';
import type { RisingValue } from './api-client.ts';
import { ANY_TIME, dashboardSearch, readDashboardQuery, withValue, type DashboardQuery } from './dashboard-query.ts';

const FIELDS = { country: 'countries', company: 'companies', topic: 'topics' } as const;

/** The name of a rising country, company or topic. */
export const risingName = (value: Pick<RisingValue, 'kind' | 'id'>): string => tagName(value.kind, value.id);

/** What the rising values are compared with: "Compared with the 14 days before". */
export const baselinePhrase = (baselineDays: number): string =>
  baselineDays === 1 ? 'Compared with the day before' : `Compared with the ${baselineDays} days before`;

type Risen = Pick<RisingValue, 'kind' | 'id'>;

/** A view's filter narrowed to rising values. */
const risingFilter = (query: DashboardQuery, values: readonly Risen[]): StoryFilter =>
  values.reduce((narrowed, value) => withValue(narrowed, FIELDS[value.kind], value.id), query.filter);

/** The stream of a view's stories about rising values over the last 24 hours. */
const last24Hours = (query: DashboardQuery, values: readonly Risen[]): string =>
  `/${dashboardSearch({ ...query, ...ANY_TIME, range: '24h', story: null, filter: risingFilter(query, values) })}`;

/** The stream of a view's stories about a rising value over the last 24 hours. */
export const risingHref = (query: DashboardQuery, value: Risen): string => last24Hours(query, [value]);

/** The alerts page with a new alert on a view's stories about a rising value, named and written, ready for channels. */
export function risingAlertHref(query: DashboardQuery, value: Risen): string | null {
  const draft = alertFromView(risingFilter(query, [value]));
  return draft ? `/alerts?${new URLSearchParams({ name: draft.name, query: draft.query })}` : null;
}

/**
 * The alerts page with a rising alert on a view's stories, named and written: told when
 * anything among them starts rising. The whole stream watches its policy stories; a list of
 * chosen stories has none.
 */
export function risingWatchHref(query: DashboardQuery): string | null {
  if (query.filter.ids.length > 0) return null;
  const draft = alertFromView(query.filter) ?? { name: 'Policy stories', query: 'is:policy' };
  return `/alerts?${new URLSearchParams({ name: `Rising: ${draft.name}`.slice(0, 200), query: draft.query, trigger: 'rising' })}`;
}

/**
 * The stream of the last 24 hours' stories about values that rose together, as a rising
 * alert told of them (its query is no dashboard filter, so the whole stream narrowed to them).
 */
export const risenTogetherHref = (values: readonly Risen[]): string => last24Hours(readDashboardQuery(new URLSearchParams()), values);
