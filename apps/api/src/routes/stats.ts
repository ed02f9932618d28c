import { Hono } from 'hono';
import { z } from 'zod';
import { countStoriesPerHour, findRisingValues } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { invalidInput } from '../api-error.ts';
import { RangeQuerySchema, rangeQuery, requestFilter } from './stories.ts';

const HourlyQuerySchema = RangeQuerySchema.extend({
  by: z.enum(['country', 'company']),
  limit: z.coerce.number().int().min(1).max(50).default(8),
});

const RisingQuerySchema = z.object({
  baseline_days: z.coerce.number().int().min(1).max(90).default(14),
  limit: z.coerce.number().int().min(1).max(50).default(8),
});

/**
 * `GET /api/stats/hourly?<filter>&after=&until=&by=country|company&limit=`: stories per hour over
 * the range, in total and for the values with most stories (the dashboard's overview).
 */
export function statsRoutes(deps: ApiDeps): Hono {
  return (
    new Hono()
      .get('/hourly', async (c) => {
        const filter = requestFilter(c.req.url);
        return c.json(await countStoriesPerHour(deps.db, filter, rangeQuery(HourlyQuerySchema, c.req.query())));
      })
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
