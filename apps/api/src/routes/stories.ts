import { Hono } from 'hono';
import { z } from 'zod';
import { filterFromSearchParams, type StoryFilter } from '@radar/core';
import { countClusterOutlets, countFacets, countStoriesStoredAfter, decodeCursor, getStoryDetail, InvalidCursorError, listStories } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput } from '../api-error.ts';
import { storiesCsv } from '../story-csv.ts';

/** `after=<ISO 8601>`: only stories published at or after that time (a time range's start). */
export const AfterQuerySchema = z.object({
  after: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
});

/** The most stories one export writes, and how many it writes unless asked. */
export const EXPORT_MAX_STORIES = 100_000;
const EXPORT_DEFAULT_STORIES = 10_000;

const ExportQuerySchema = AfterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(EXPORT_MAX_STORIES).default(EXPORT_DEFAULT_STORIES),
});

/** A filter's stories as CSV, newest first, read from the database a page at a time as the client takes them. */
function csvStream(deps: ApiDeps, filter: StoryFilter, options: { after?: Date; limit: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: string | undefined;
  let written = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await listStories(deps.db, filter, { after: options.after, before, limit: Math.min(200, options.limit - written) });
      // a byte order mark, so spreadsheets read the file as UTF-8
      controller.enqueue(encoder.encode((started ? '' : '\uFEFF') + storiesCsv(page.stories, !started)));
      started = true;
      written += page.stories.length;
      if (!page.nextCursor || written >= options.limit) controller.close();
      else before = page.nextCursor;
    },
  });
}

/** `stored_after=<story id>`: the stories stored after that one. */
const NewCountQuerySchema = AfterQuerySchema.extend({
  stored_after: z.string().trim().min(1).max(64),
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
    .get('/export.csv', async (c) => {
      const filter = requestFilter(c.req.url);
      const options = ExportQuerySchema.safeParse(c.req.query());
      if (!options.success) throw invalidInput(options.error);
      const day = new Date().toISOString().slice(0, 10);
      return new Response(csvStream(deps, filter, options.data), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="policy-radar-stories-${day}.csv"`,
          'cache-control': 'no-store',
        },
      });
    })
    .get('/count', async (c) => {
      const filter = requestFilter(c.req.url);
      const options = NewCountQuerySchema.safeParse(c.req.query());
      if (!options.success) throw invalidInput(options.error);
      return c.json({ count: await countStoriesStoredAfter(deps.db, options.data.stored_after, filter, { after: options.data.after }) });
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
