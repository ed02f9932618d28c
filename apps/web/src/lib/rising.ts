import { tagName, type StoryFilter } from '@radar/core';
import { alertFromView } from './alert-from-view.ts';
import type { RisingValue } from './api-client.ts';
import { ANY_TIME, dashboardSearch, withValue, type DashboardQuery } from './dashboard-query.ts';

const FIELDS = { country: 'countries', company: 'companies', topic: 'topics' } as const;

/** The name of a rising country, company or topic. */
export const risingName = (value: Pick<RisingValue, 'kind' | 'id'>): string => tagName(value.kind, value.id);

/** How far above usual a value is: "×12", "×2.5", or "New" when it had no stories before. */
export function risingFactor(value: Pick<RisingValue, 'recent' | 'usual'>): string {
  if (value.usual === 0) return 'New';
  const factor = value.recent / value.usual;
  return `×${factor >= 10 ? Math.round(factor) : Number(factor.toFixed(1))}`;
}

/** What is usual for a value: "usually 2 a day", "usually 0.4 a day", "none in the 14 days before". */
export function usualPhrase(value: Pick<RisingValue, 'usual'>, baselineDays: number): string {
  if (value.usual !== 0) return `usually ${value.usual.toLocaleString('en')} a day`;
  return baselineDays === 1 ? 'none the day before' : `none in the ${baselineDays} days before`;
}

/** What the rising values are compared with: "Compared with the 14 days before". */
export const baselinePhrase = (baselineDays: number): string =>
  baselineDays === 1 ? 'Compared with the day before' : `Compared with the ${baselineDays} days before`;

/** A view's filter narrowed to a rising value. */
const risingFilter = (query: DashboardQuery, value: Pick<RisingValue, 'kind' | 'id'>): StoryFilter => withValue(query.filter, FIELDS[value.kind], value.id);

/** The stream of a view's stories about a rising value over the last 24 hours. */
export function risingHref(query: DashboardQuery, value: Pick<RisingValue, 'kind' | 'id'>): string {
  return `/${dashboardSearch({ ...query, ...ANY_TIME, range: '24h', story: null, filter: risingFilter(query, value) })}`;
}

/** The alerts page with a new alert on a view's stories about a rising value, named and written, ready for channels. */
export function risingAlertHref(query: DashboardQuery, value: Pick<RisingValue, 'kind' | 'id'>): string | null {
  const draft = alertFromView(risingFilter(query, value));
  return draft ? `/alerts?${new URLSearchParams({ name: draft.name, query: draft.query })}` : null;
}
