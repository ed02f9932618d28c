import { and, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { StoryFilter } from '@radar/core';
import { executeRows, type RadarDb } from './database.ts';
import { stories } from './schema/index.ts';
import { publishedWithin, storyFilterCondition } from './story-filter-sql.ts';

/** What the hourly counts are split by. */
export type StatsDimension = 'country' | 'company';

export interface HourlyCountsOptions {
  by: StatsDimension;
  /** First hour counted (rounded down to the hour); the first matching story's hour when absent. */
  after?: Date;
  /** The current time, the end of a range without `until`; when absent, the clock's. */
  now?: Date;
  /** Count only stories published before this time; its hour (of the instant before it) is the last counted. */
  until?: Date;
  /** How many values get a series of their own, the ones with most stories (default 8). */
  limit?: number;
  /** The longest range counted, in hours; an earlier start is moved forward (default 31 days). */
  maxHours?: number;
}

export interface HourlySeries {
  id: string;
  total: number;
  /** Stories per hour, one number for each of `hours`. */
  counts: number[];
}

/** Stories per hour over a range, in total and for the values with most stories. */
export interface HourlyCounts {
  by: StatsDimension;
  /** Start of each hour, ISO 8601 (UTC), oldest first. */
  hours: string[];
  /** Stories matching the filter, per hour. */
  total: number[];
  /** The values with most stories in the range, most first. */
  series: HourlySeries[];
  /** How many further values had stories in the range but no series of their own. */
  more: number;
}

const HOUR_MS = 3_600_000;
const floorHour = (time: number) => Math.floor(time / HOUR_MS) * HOUR_MS;

/**
 * Stories per hour matching a filter, split by country or company (a story tagged with
 * two countries counts for both). Hours without stories are zeros, so every series lines
 * up with `hours`. Example: countStoriesPerHour(db, filter, { by: 'country', after }).
 */
export async function countStoriesPerHour(
  db: RadarDb,
  filter: StoryFilter,
  options: HourlyCountsOptions,
): Promise<HourlyCounts> {
  const column = options.by === 'country' ? stories.countries : stories.companies;
  const limit = Math.min(Math.max(options.limit ?? 8, 1), 50);
  const maxHours = Math.max(options.maxHours ?? 24 * 31, 1);
  const now = (options.now ?? new Date()).getTime();
  const lastHour = floorHour(options.until ? Math.min(now, options.until.getTime() - 1) : now);
  const end = options.until && options.until.getTime() <= lastHour + HOUR_MS ? options.until : new Date(lastHour + HOUR_MS);
  const matching = storyFilterCondition(filter);

  let firstHour: number;
  if (options.after) {
    firstHour = floorHour(options.after.getTime());
  } else {
    const [row] = await executeRows<{ first: Date | string | null }>(
      db,
      sql`select min(${stories.publishedAt}) as first from ${stories} where ${and(matching, lt(stories.publishedAt, end)) ?? sql`true`}`,
    );
    firstHour = row?.first ? floorHour(new Date(row.first).getTime()) : lastHour;
  }
  firstHour = Math.min(Math.max(firstHour, lastHour - (maxHours - 1) * HOUR_MS), lastHour);
  const hourCount = (lastHour - firstHour) / HOUR_MS + 1;
  const hours = Array.from({ length: hourCount }, (_, i) => new Date(firstHour + i * HOUR_MS).toISOString());
  const slot = (hour: Date | string) => Math.round((new Date(hour).getTime() - firstHour) / HOUR_MS);

  const inRange = and(matching, publishedWithin({ after: new Date(firstHour), until: end })) ?? sql`true`;
  // date_trunc in UTC: a session time zone with a half-hour offset would shift every bucket
  const hourOf = sql`date_trunc('hour', ${stories.publishedAt}, 'UTC')`;

  const [totals, tagged, distinct] = await Promise.all([
    executeRows<{ hour: Date | string; n: number | string }>(
      db,
      sql`select ${hourOf} as hour, count(*) as n from ${stories} where ${inRange} group by 1`,
    ),
    executeRows<{ hour: Date | string; value: string; n: number | string }>(
      db,
      sql`with tagged as (
            select ${hourOf} as hour, unnest(${column}) as value from ${stories} where ${inRange}
          ), top as (
            select value, count(*) as total from tagged group by value order by total desc, value limit ${limit}
          )
          select tagged.hour, tagged.value, count(*) as n from tagged join top using (value) group by 1, 2`,
    ),
    executeRows<{ n: number | string }>(
      db,
      sql`select count(distinct value) as n from (select unnest(${column}) as value from ${stories} where ${inRange}) as tagged`,
    ),
  ]);

  const total = new Array<number>(hourCount).fill(0);
  for (const row of totals) {
    const at = slot(row.hour);
    if (at >= 0 && at < hourCount) total[at] = Number(row.n);
  }
  const byValue = new Map<string, HourlySeries>();
  for (const row of tagged) {
    let series = byValue.get(row.value);
    if (!series) byValue.set(row.value, (series = { id: row.value, total: 0, counts: new Array<number>(hourCount).fill(0) }));
    const at = slot(row.hour);
    if (at < 0 || at >= hourCount) continue;
    series.counts[at] = Number(row.n);
    series.total += Number(row.n);
  }
  const series = [...byValue.values()].sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
  return { by: options.by, hours, total, series, more: Math.max(Number(distinct[0]?.n ?? 0) - series.length, 0) };
}

/** Per feed, the stories published since `since` and how many of them are about internet policy. */
export async function countFeedStories(db: RadarDb, since: Date): Promise<{ feedId: string; stories: number; policyStories: number }[]> {
  const rows = await db
    .select({
      feedId: stories.feedId,
      stories: sql<number>`count(*)::int`,
      policyStories: sql<number>`(count(*) filter (where ${stories.relevant}))::int`,
    })
    .from(stories)
    .where(and(gte(stories.publishedAt, since), isNotNull(stories.feedId)))
    .groupBy(stories.feedId);
  return rows.map((row) => ({ feedId: row.feedId!, stories: Number(row.stories), policyStories: Number(row.policyStories) }));
}

/** What a rising value is: a country, a company or a topic id of the taxonomy. */
export type RisingKind = 'country' | 'company' | 'topic';

export interface RisingValue {
  kind: RisingKind;
  id: string;
  /** Stories in the last day. */
  recent: number;
  /** Stories a day before that, on average over the baseline days. */
  usual: number;
}

export interface RisingOptions {
  /** The end of the last day; the clock's time when absent. */
  now?: Date;
  /** How many days before the last one set what is usual (default 14). */
  baselineDays?: number;
  /** Fewest stories in the last day for a value to count as rising (default 3). */
  minRecent?: number;
  /** How many values are answered, the most unusual first (default 8). */
  limit?: number;
}

export interface RisingValues {
  /** The start of the last day, ISO 8601. */
  since: string;
  /**
   * The days before it that set what is usual: those asked for, or fewer when the stories
   * stored do not reach back that far; 0 when they do not reach a day back, and nothing
   * can be said to rise.
   */
  baselineDays: number;
  rising: RisingValue[];
}

const DAY_MS = 24 * HOUR_MS;
const KIND_COLUMNS = [
  ['country', stories.countries],
  ['company', stories.companies],
  ['topic', stories.topics],
] as const;

/**
 * The countries, companies and topics with far more stories in the last day than usual: at
 * least `minRecent`, at least twice the daily average of the baseline days before it, and
 * two standard deviations above it (counts of stories taken as Poisson). Values the filter
 * already chose are left out: every story of the view has them. The baseline is shortened to
 * the whole days of stories stored before the last one. Example:
 * findRisingValues(db, filter) → Brazil, 9 stories against 0.4 a day.
 */
export async function findRisingValues(db: RadarDb, filter: StoryFilter, options: RisingOptions = {}): Promise<RisingValues> {
  const now = options.now ?? new Date();
  const baselineDays = Math.min(Math.max(Math.round(options.baselineDays ?? 14), 1), 90);
  const minRecent = Math.max(options.minRecent ?? 3, 1);
  const since = new Date(now.getTime() - DAY_MS);
  // a database a few days old sets what is usual over those days; less than one, and everything would be new
  const [first] = await executeRows<{ first: Date | string | null }>(db, sql`select min(${stories.publishedAt}) as first from ${stories}`);
  const stored = first?.first ? (since.getTime() - new Date(first.first).getTime()) / DAY_MS : 0;
  if (stored < 1) return { since: since.toISOString(), baselineDays: 0, rising: [] };
  const days = Math.min(baselineDays, Math.floor(stored));
  const inRange = and(storyFilterCondition(filter), publishedWithin({ after: new Date(since.getTime() - days * DAY_MS), until: now })) ?? sql`true`;
  const tagged = sql.join(
    KIND_COLUMNS.map(([kind, column]) => sql`select ${kind}::text as kind, unnest(${column}) as value, ${stories.publishedAt} as published_at from ${stories} where ${inRange}`),
    sql` union all `,
  );
  const rows = await executeRows<{ kind: RisingKind; value: string; recent: number | string; before: number | string }>(
    db,
    sql`select kind, value, count(*) filter (where published_at >= ${since}) as recent, count(*) filter (where published_at < ${since}) as before
        from (${tagged}) as tagged group by kind, value`,
  );
  const chosen: Record<RisingKind, readonly string[]> = { country: filter.countries, company: filter.companies, topic: filter.topics };
  const rising = rows
    .map((row) => ({ kind: row.kind, id: row.value, recent: Number(row.recent), usual: Number(row.before) / days }))
    .filter((value) => !chosen[value.kind].includes(value.id))
    .map((value) => ({ ...value, score: (value.recent - value.usual) / Math.sqrt(value.usual + 1) }))
    .filter((value) => value.recent >= minRecent && value.recent >= 2 * value.usual && value.score >= 2)
    .sort((a, b) => b.score - a.score || b.recent - a.recent || a.id.localeCompare(b.id))
    .slice(0, Math.min(Math.max(options.limit ?? 8, 1), 50))
    .map(({ kind, id, recent, usual }) => ({ kind, id, recent, usual: Math.round(usual * 10) / 10 }));
  return { since: since.toISOString(), baselineDays: days, rising };
}
