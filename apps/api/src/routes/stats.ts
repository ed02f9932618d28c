import { Hono } from 'hono';
import { z } from 'zod';
import { countStoriesPerHour } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { RangeQuerySchema, rangeQuery, requestFilter } from './stories.ts';

const HourlyQuerySchema = RangeQuerySchema.extend({
  by: z.enum(['country', 'company']),
  limit: z.coerce.number().int().min(1).max(50).default(8),
});

/**
 * `GET /api/stats/hourly?<filter>&after=&until=&by=country|company&limit=`: stories per hour over
 * the range, in total and for the values with most stories (the dashboard's overview).
 */
export function statsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/hourly', async (c) => {
    const filter = requestFilter(c.req.url);
    return c.json(await countStoriesPerHour(deps.db, filter, rangeQuery(HourlyQuerySchema, c.req.query())));
  });
}
