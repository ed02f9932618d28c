import { Hono } from 'hono';
import { z } from 'zod';
import { countStoriesPerHour } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { invalidInput } from '../api-error.ts';
import { AfterQuerySchema, requestFilter } from './stories.ts';

const HourlyQuerySchema = AfterQuerySchema.extend({
  by: z.enum(['country', 'company']),
  limit: z.coerce.number().int().min(1).max(50).default(8),
});

/**
 * `GET /api/stats/hourly?<filter>&after=&by=country|company&limit=`: stories per hour over
 * the range, in total and for the values with most stories (the dashboard's overview).
 */
export function statsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/hourly', async (c) => {
    const filter = requestFilter(c.req.url);
    const query = HourlyQuerySchema.safeParse(c.req.query());
    if (!query.success) throw invalidInput(query.error);
    return c.json(await countStoriesPerHour(deps.db, filter, query.data));
  });
}
