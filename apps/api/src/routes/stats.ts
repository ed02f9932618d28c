import { Hono } from 'hono';
import { z } from 'zod';
import { countStoriesOverTime, findRisingValues } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { invalidInput } from '../api-error.ts';
import { csvDownload, timelineCsv } from '../story-csv.ts';
import { RangeQuerySchema, rangeQuery, requestFilter } from './stories.ts';

/** An IANA time zone name this server knows (`Europe/Paris`, `UTC`). */
const timeZone = z
  .string()
  .max(64)
  .refine((name) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone name such as Europe/Paris');

const TimelineQuerySchema = RangeQuerySchema.extend({
  by: z.enum(['country', 'company']),
  limit: z.coerce.number().int().min(1).max(50).default(8),
  bucket: z.enum(['hour', 'day', 'auto']).default('hour'),
  tz: timeZone.optional(),
});

const RisingQuerySchema = z.object({
  baseline_days: z.coerce.number().int().min(1).max(90).default(14),
  limit: z.coerce.number().int().min(1).max(50).default(8),
});

/**
 * `GET /api/stats/timeline?<filter>&after=&until=&by=country|company&limit=&bucket=hour|day|auto&tz=`:
 * stories per hour or per day (in `tz`) over the range, in total and for the values with most
 * stories (the dashboard's overview). `/api/stats/hourly` is the same.
 */
export function statsRoutes(deps: ApiDeps): Hono {
  /** A timeline request's counts, and the time zone its days are in. */
  const timeline = async (url: string, params: Record<string, string>) => {
    const filter = requestFilter(url);
    const { tz = 'UTC', ...query } = rangeQuery(TimelineQuerySchema, params);
    return { counts: await countStoriesOverTime(deps.db, filter, { ...query, timeZone: tz }), timeZone: tz };
  };
  return (
    new Hono()
      // the same counts as CSV, one row per hour or day, for a spreadsheet
      .get('/timeline.csv', async (c) => {
        const { counts, timeZone } = await timeline(c.req.url, c.req.query());
        // a byte order mark, so spreadsheets read the file as UTF-8
        return csvDownload(`\uFEFF${timelineCsv(counts, timeZone)}`, `stories-per-${counts.bucket}-by-${counts.by}`);
      })
      .get('/:path{timeline|hourly}', async (c) => c.json((await timeline(c.req.url, c.req.query())).counts))
      // `GET /api/stats/rising?<filter>&baseline_days=&limit=`: the countries, companies and
      // topics with far more stories in the last day than on the days before it
      .get('/rising', async (c) => {
        const filter = requestFilter(c.req.url);
        const query = RisingQuerySchema.safeParse(c.req.query());
        if (!query.success) throw invalidInput(query.error);
        return c.json(await findRisingValues(deps.db, filter, { baselineDays: query.data.baseline_days, limit: query.data.limit }));
      })
  );
}
