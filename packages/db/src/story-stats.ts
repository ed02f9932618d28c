import { and, arrayOverlaps, gte, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { TAG_KINDS, type QueryNode, type Story, type StoryFilter, type TagKind } from '@radar/core';
import { executeRows, type RadarDb } from './database.ts';
import { feeds, stories } from './schema/index.ts';
import { publishedWithin, queryCondition, storyFilterCondition } from './story-filter-sql.ts';

/** What the counts over time are split by. */
export type StatsDimension = 'country' | 'company';

/** How long each count covers: an hour (UTC), or a day in the reader's time zone. */
export type StatsBucket = 'hour' | 'day';

export interface TimeCountsOptions {
  by: StatsDimension;
  /** First instant counted (its hour or day is the first); the first matching story's when absent. */
  after?: Date;
  /** The current time, the end of a range without `until`; when absent, the clock's. */
  now?: Date;
  /** Count only stories published before this time; the hour or day of the instant before it is the last. */
  until?: Date;
  /** How many values get a series of their own, the ones with most stories (default 8). */
  limit?: number;
  /** `hour` (the default), `day`, or `auto`: by hour over three days or less, by day beyond. */
  bucket?: StatsBucket | 'auto';
  /** The IANA time zone whose days are counted (default UTC); hours are UTC hours whatever it is. */
  timeZone?: string;
  /** The longest range counted by hour, in hours; an earlier start is moved forward (default 31 days). */
  maxHours?: number;
}

export interface TimeSeries {
  id: string;
  total: number;
  /** Stories per hour or day, one number for each of `buckets`. */
  counts: number[];
}

/** Stories per hour or per day over a range, in total and for the values with most stories. */
export interface TimeCounts {
  by: StatsDimension;
  bucket: StatsBucket;
  /** Start of each hour or day, ISO 8601 (UTC), oldest first. */
  buckets: string[];
  /** Stories matching the filter, per hour or day. */
  total: number[];
  /** The values with most stories in the range, most first. */
  series: TimeSeries[];
  /** How many further values had stories in the range but no series of their own. */
  more: number;
}

const HOUR_MS = 3_600_000;
const floorHour = (time: number) => Math.floor(time / HOUR_MS) * HOUR_MS;
/** Past this span, `auto` counts by day. */
const AUTO_DAYS_AFTER_MS = 72 * HOUR_MS;
/** The longest range counted by day: a year and a day. */
const MAX_DAYS = 366;

/**
 * Stories per hour or per day matching a filter, split by country or company (a story
 * tagged with two countries counts for both). Hours or days without stories are zeros, so
 * every series lines up with `buckets`. Days begin at midnight in `timeZone`, daylight
 * saving included. Example: countStoriesOverTime(db, filter, { by: 'country', after, bucket: 'auto', timeZone }).
 */
export async function countStoriesOverTime(db: RadarDb, filter: StoryFilter, options: TimeCountsOptions): Promise<TimeCounts> {
  const column = options.by === 'country' ? stories.countries : stories.companies;
  const limit = Math.min(Math.max(options.limit ?? 8, 1), 50);
  const now = (options.now ?? new Date()).getTime();
  const timeZone = options.timeZone ?? 'UTC';
  // the last instant counted
  const last = options.until ? Math.min(now, options.until.getTime() - 1) : now;
  const matching = storyFilterCondition(filter);

  let first: number;
  if (options.after) {
    first = options.after.getTime();
  } else {
    const [row] = await executeRows<{ first: Date | string | null }>(
      db,
      sql`select min(${stories.publishedAt}) as first from ${stories} where ${and(matching, lt(stories.publishedAt, new Date(last + 1))) ?? sql`true`}`,
    );
    first = row?.first ? new Date(row.first).getTime() : last;
  }
  first = Math.min(first, last);
  const bucket: StatsBucket = options.bucket === 'auto' ? (last - first > AUTO_DAYS_AFTER_MS ? 'day' : 'hour') : (options.bucket ?? 'hour');

  let starts: number[];
  let end: number;
  if (bucket === 'hour') {
    const lastHour = floorHour(last);
    const maxHours = Math.max(options.maxHours ?? 24 * 31, 1);
    const firstHour = Math.min(Math.max(floorHour(first), lastHour - (maxHours - 1) * HOUR_MS), lastHour);
    starts = Array.from({ length: (lastHour - firstHour) / HOUR_MS + 1 }, (_, i) => firstHour + i * HOUR_MS);
    end = lastHour + HOUR_MS;
  } else {
    // local midnights from the first day to the one after the last, counted on the wall clock so a
    // day of 23 or 25 hours (daylight saving) is still one day
    const midnights = await executeRows<{ at: number | string }>(
      db,
      sql`select extract(epoch from d at time zone ${timeZone}) * 1000 as at from generate_series(
            date_trunc('day', ${new Date(first).toISOString()}::timestamptz, ${timeZone}) at time zone ${timeZone},
            (date_trunc('day', ${new Date(last).toISOString()}::timestamptz, ${timeZone}) at time zone ${timeZone}) + interval '1 day',
            interval '1 day') as d`,
    );
    const all = midnights.map((row) => Number(row.at));
    end = all.pop()!;
    starts = all.slice(-MAX_DAYS);
  }
  if (options.until) end = Math.min(end, options.until.getTime());
  const slotOf = new Map(starts.map((start, i) => [start, i]));
  const slot = (at: number | string) => slotOf.get(Number(at)) ?? -1;

  const inRange = and(matching, publishedWithin({ after: new Date(starts[0]!), until: new Date(end) })) ?? sql`true`;
  // hours in UTC: a session time zone with a half-hour offset would shift every bucket
  const bucketOf =
    bucket === 'hour'
      ? sql`extract(epoch from date_trunc('hour', ${stories.publishedAt}, 'UTC')) * 1000`
      : sql`extract(epoch from date_trunc('day', ${stories.publishedAt}, ${timeZone})) * 1000`;

  const [totals, tagged, distinct] = await Promise.all([
    executeRows<{ at: number | string; n: number | string }>(
      db,
      sql`select ${bucketOf} as at, count(*) as n from ${stories} where ${inRange} group by 1`,
    ),
    executeRows<{ at: number | string; value: string; n: number | string }>(
      db,
      sql`with tagged as (
            select ${bucketOf} as at, unnest(${column}) as value from ${stories} where ${inRange}
          ), top as (
            select value, count(*) as total from tagged group by value order by total desc, value limit ${limit}
          )
          select tagged.at, tagged.value, count(*) as n from tagged join top using (value) group by 1, 2`,
    ),
    executeRows<{ n: number | string }>(
      db,
      sql`select count(distinct value) as n from (select unnest(${column}) as value from ${stories} where ${inRange}) as tagged`,
    ),
  ]);

  const total = new Array<number>(starts.length).fill(0);
  for (const row of totals) {
    const at = slot(row.at);
    if (at >= 0) total[at] = Number(row.n);
  }
  const byValue = new Map<string, TimeSeries>();
  for (const row of tagged) {
    let series = byValue.get(row.value);
    if (!series) byValue.set(row.value, (series = { id: row.value, total: 0, counts: new Array<number>(starts.length).fill(0) }));
    const at = slot(row.at);
    if (at < 0) continue;
    series.counts[at] = Number(row.n);
    series.total += Number(row.n);
  }
  const series = [...byValue.values()].sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
  return {
    by: options.by,
    bucket,
    buckets: starts.map((start) => new Date(start).toISOString()),
    total,
    series,
    more: Math.max(Number(distinct[0]?.n ?? 0) - series.length, 0),
  };
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

export interface RisingValue {
  kind: TagKind;
  id: string;
  /** Stories in the last day. */
  recent: number;
  /** Stories a day before that, on average over the baseline days. */
  usual: number;
  /**
   * Stories in each 24 hours of the baseline and then the last day, oldest first (the last
   * entry is `recent`): what the overview draws. Absent where only the story's values were counted.
   */
  daily?: number[];
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

/** The tags of a story, by kind. */
type TagsOf = Pick<Story, 'countries' | 'companies' | 'topics'>;
const tagsOfKind = (tags: TagsOf, kind: TagKind): readonly string[] => (kind === 'country' ? tags.countries : kind === 'company' ? tags.companies : tags.topics);

/**
 * The countries, companies and topics with far more stories in the last day than usual: at
 * least `minRecent`, at least twice the daily average of the baseline days before it, and
 * two standard deviations above it (counts of stories taken as Poisson). Values the filter
 * already chose are left out: every story of the view has them. The baseline is shortened to
 * the whole days of stories stored before the last one, and a feed's stories count only over
 * the days it has been watched (watchedStories). Example:
 * findRisingValues(db, filter) → Brazil, 9 stories against 0.4 a day.
 */
export function findRisingValues(db: RadarDb, filter: StoryFilter, options: RisingOptions = {}): Promise<RisingValues> {
  const notChosen = (value: { kind: TagKind; id: string }) => !tagsOfKind(filter, value.kind).includes(value.id);
  return risingValues(db, storyFilterCondition(filter), options, countEveryValue(db), notChosen);
}

/**
 * The values rising among the stories an alert query matches, by the same rule as
 * findRisingValues, of the `kinds` asked for (every kind when absent). With `among` (a story's
 * countries, companies and topics) only that story's values are counted, each with its own
 * count over the stories that have it: what a rising alert asks when a new story arrives,
 * without counting every other value.
 */
export function findRisingForQuery(
  db: RadarDb,
  query: QueryNode,
  options: RisingOptions & { among?: TagsOf; kinds?: readonly TagKind[] } = {},
): Promise<RisingValues> {
  const kinds = options.kinds ?? TAG_KINDS;
  if (!options.among) return risingValues(db, queryCondition(query), options, countEveryValue(db), (value) => kinds.includes(value.kind));
  const story = options.among;
  const ofKind = (kind: TagKind) => (kinds.includes(kind) ? [...tagsOfKind(story, kind)] : []);
  const among: TagsOf = { countries: ofKind('country'), companies: ofKind('company'), topics: ofKind('topic') };
  const values = KIND_COLUMNS.flatMap(([kind, column]) => tagsOfKind(among, kind).map((id) => ({ kind, id, column: column.name })));
  const countTheseValues: ValueCounter = async (inRange, since, days) => {
    if (values.length === 0) return [];
    const inBaseline = sql`published_at < ${since} and published_at >= ${since}::timestamptz - feed_days * interval '1 day'`;
    const counts = values.flatMap(({ column, id }, i) => [
      sql`count(*) filter (where published_at >= ${since} and ${sql.identifier(column)} @> array[${id}]::text[]) as ${sql.identifier(`recent_${i}`)}`,
      sql`count(*) filter (where ${inBaseline} and ${sql.identifier(column)} @> array[${id}]::text[]) as ${sql.identifier(`before_${i}`)}`,
    ]);
    const hasOne = sql.join(
      KIND_COLUMNS.flatMap(([kind, column]) => (tagsOfKind(among, kind).length > 0 ? [arrayOverlaps(column, [...tagsOfKind(among, kind)])] : [])),
      sql` or `,
    );
    const rows = await executeRows<Record<string, number | string>>(
      db,
      sql`select feed_days, ${sql.join(counts, sql`, `)}
          from (${watchedStories(inRange, since, days, sql`and (${hasOne})`)}) as watched
          where feed_days >= 1 group by feed_days`,
    );
    return values.map(({ kind, id }, i) => ({
      kind,
      value: id,
      recent: rows.reduce((sum, row) => sum + Number(row[`recent_${i}`]), 0),
      usual: rows.reduce((sum, row) => sum + Number(row[`before_${i}`]) / Number(row.feed_days), 0),
    }));
  };
  return risingValues(db, queryCondition(query), options, countTheseValues, () => true);
}

/**
 * Each value's stories in the last day (`recent`), its usual stories a day (`usual`), and when
 * known its stories in each 24 hours, oldest first (`daily`).
 */
type ValueCounter = (
  inRange: SQL,
  since: Date,
  days: number,
) => Promise<{ kind: TagKind; value: string; recent: number; usual: number; daily?: number[] }[]>;

/**
 * The stories in range with, as `feed_days`, the baseline days their feed was watched for:
 * `days`, or fewer for a feed added since the baseline began (0 for one added in the last
 * day, whose stories say nothing of what is usual). A story of no feed counts for all `days`.
 * What is usual is then each feed's stories a day over the days it was watched, summed: a
 * feed just added brings its back catalogue, and counted over days it was not read, its
 * countries and topics would seem to rise.
 */
function watchedStories(inRange: SQL, since: Date, days: number, also: SQL = sql``): SQL {
  const watchedDays = sql`least(${days}, floor(extract(epoch from (${since}::timestamptz - ${feeds.createdAt})) / 86400))::int`;
  return sql`select ${stories.publishedAt} as published_at, ${stories.countries} as countries, ${stories.companies} as companies, ${stories.topics} as topics,
             coalesce(${watchedDays}, ${days}) as feed_days
             from ${stories} left join ${feeds} on ${feeds.id} = ${stories.feedId}
             where ${inRange} ${also}`;
}

/** Every value of the stories in range, counted for each 24 hours back from the end of the last day. */
const countEveryValue =
  (db: RadarDb): ValueCounter =>
  async (inRange, since, days) => {
    const end = new Date(since.getTime() + DAY_MS);
    // each story read once, its values of every kind unnested beside it
    const values = sql.join(
      KIND_COLUMNS.map(([kind, column]) => sql`select ${kind}::text as kind, unnest(watched.${sql.identifier(column.name)}) as value`),
      sql` union all `,
    );
    const rows = await executeRows<{ kind: TagKind; value: string; feed_days: number | string; days_ago: number | string; n: number | string }>(
      db,
      sql`select tagged.kind, tagged.value, feed_days, days_ago, count(*) as n
          from (select *, floor(extract(epoch from (${end}::timestamptz - published_at)) / 86400)::int as days_ago
                from (${watchedStories(inRange, since, days)}) as stories_in_range) as watched
          cross join lateral (${values}) as tagged
          where feed_days >= 1 and days_ago <= feed_days
          group by tagged.kind, tagged.value, feed_days, days_ago`,
    );
    const byValue = new Map<string, { kind: TagKind; value: string; usual: number; daily: number[] }>();
    for (const row of rows) {
      const daysAgo = Math.min(Math.max(Number(row.days_ago), 0), days);
      const key = `${row.kind}:${row.value}`;
      const entry = byValue.get(key) ?? { kind: row.kind, value: row.value, usual: 0, daily: new Array<number>(days + 1).fill(0) };
      entry.daily[days - daysAgo]! += Number(row.n);
      if (daysAgo > 0) entry.usual += Number(row.n) / Number(row.feed_days);
      byValue.set(key, entry);
    }
    return [...byValue.values()].map(({ kind, value, usual, daily }) => ({ kind, value, recent: daily[days]!, usual, daily }));
  };

/** The rule of findRisingValues, on the stories of `condition`, with the counts `count` makes of them. */
async function risingValues(
  db: RadarDb,
  condition: SQL | undefined,
  options: RisingOptions,
  count: ValueCounter,
  keep: (value: { kind: TagKind; id: string }) => boolean,
): Promise<RisingValues> {
  const now = options.now ?? new Date();
  const baselineDays = Math.min(Math.max(Math.round(options.baselineDays ?? 14), 1), 90);
  const minRecent = Math.max(options.minRecent ?? 3, 1);
  const since = new Date(now.getTime() - DAY_MS);
  // a database a few days old sets what is usual over those days; less than one, and everything would be new
  const [first] = await executeRows<{ first: Date | string | null }>(db, sql`select min(${stories.publishedAt}) as first from ${stories}`);
  const stored = first?.first ? (since.getTime() - new Date(first.first).getTime()) / DAY_MS : 0;
  if (stored < 1) return { since: since.toISOString(), baselineDays: 0, rising: [] };
  const days = Math.min(baselineDays, Math.floor(stored));
  const inRange = and(condition, publishedWithin({ after: new Date(since.getTime() - days * DAY_MS), until: now })) ?? sql`true`;
  const rows = await count(inRange, since, days);
  const rising = rows
    .map((row) => ({ kind: row.kind, id: row.value, recent: row.recent, usual: row.usual, daily: row.daily }))
    .filter(keep)
    .map((value) => ({ ...value, score: (value.recent - value.usual) / Math.sqrt(value.usual + 1) }))
    .filter((value) => value.recent >= minRecent && value.recent >= 2 * value.usual && value.score >= 2)
    .sort((a, b) => b.score - a.score || b.recent - a.recent || a.id.localeCompare(b.id))
    .slice(0, Math.min(Math.max(options.limit ?? 8, 1), 50))
    .map(({ kind, id, recent, usual, daily }) => ({ kind, id, recent, usual: Math.round(usual * 10) / 10, ...(daily ? { daily } : {}) }));
  return { since: since.toISOString(), baselineDays: days, rising };
}
