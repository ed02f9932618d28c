import { Hono } from 'hono';
import { z } from 'zod';
import { filterFromSearchParams, type StoryFilter } from '@radar/core';
import { countClusterOutlets, countFacets, decodeCursor, getStoryDetail, InvalidCursorError, listStories } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput } from '../api-error.ts';

/** `after=<ISO 8601>`: only stories published at or after that time (a time range's start). */
export const AfterQuerySchema = z.object({
  after: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
});

const PageQuerySchema = AfterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(200).optional(),
});

/** The filter of a request's query string, or a 400 that says what is wrong. */
export function requestFilter(url: string): StoryFilter {
  try {
    return filterFromSearchParams(new URL(url).searchParams);
  } catch (error) {
    if (error instanceof z.ZodError) throw invalidInput(error);
    throw error;
  }
}

export function storyRoutes(deps: ApiDeps): Hono {
  return new Hono()
    .get('/', async (c) => {
      const filter = requestFilter(c.req.url);
      const page = PageQuerySchema.safeParse(c.req.query());
      if (!page.success) throw invalidInput(page.error);
      if (page.data.before) {
        try {
          decodeCursor(page.data.before);
        } catch (error) {
          if (error instanceof InvalidCursorError) throw new ApiError(400, 'before: not a cursor from this API');
          throw error;
        }
      }
      const listed = await listStories(deps.db, filter, page.data);
      // One row per event on the dashboard: how many outlets reported each listed story's event,
      // counting all its reports (not only those this filter and range match), as the story view lists them.
      const clusterIds = listed.stories.flatMap((story) => (story.clusterId === null ? [] : [story.clusterId]));
      return c.json({ ...listed, clusterOutlets: await countClusterOutlets(deps.db, clusterIds) });
    })
    .get('/:id', async (c) => {
      const detail = await getStoryDetail(deps.db, c.req.param('id'));
      if (!detail) throw new ApiError(404, 'no story with that id');
      return c.json(detail);
    });
}

export function facetRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const filter = requestFilter(c.req.url);
    const range = AfterQuerySchema.safeParse(c.req.query());
    if (!range.success) throw invalidInput(range.error);
    return c.json(await countFacets(deps.db, filter, range.data));
  });
}
