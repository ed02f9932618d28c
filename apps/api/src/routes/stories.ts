import { Hono } from 'hono';
import { z } from 'zod';
import { filterFromSearchParams, StoryTagsEditSchema, type StoryFilter } from '@radar/core';
import {
  countClusterOutlets,
  type PublishedRange,
  countFacets,
  countStoriesStoredAfter,
  decodeCursor,
  editStoryTags,
  getStoryDetail,
  InvalidCursorError,
  listStories,
  pinStory,
  restoreDetectedTags,
} from '@radar/db';
import { detectStory } from '@radar/detect';
import { adminAuth } from '../admin-auth.ts';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput, jsonBody } from '../api-error.ts';
import { csvDownload, storiesCsv } from '../story-csv.ts';

const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .optional();

/**
 * A time range: `after=<ISO 8601>`, only stories published at or after that time, and
 * `until=<ISO 8601>`, only stories published before it. Either may be left out.
 */
export const RangeQuerySchema = z.object({ after: instant, until: instant });

/** A request's query read with a schema that includes the time range, or a 400 that says what is wrong. */
export function rangeQuery<T extends PublishedRange>(schema: z.ZodType<T>, query: Record<string, string>): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { after, until } = parsed.data;
  if (after && until && until <= after) throw new ApiError(400, 'until: must be later than after');
  return parsed.data;
}

/** The most stories one export writes, and how many it writes unless asked. */
export const EXPORT_MAX_STORIES = 100_000;
const EXPORT_DEFAULT_STORIES = 10_000;

const ExportQuerySchema = RangeQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(EXPORT_MAX_STORIES).default(EXPORT_DEFAULT_STORIES),
});

/** A filter's stories as CSV, newest first, read from the database a page at a time as the client takes them. */
function csvStream(deps: ApiDeps, filter: StoryFilter, options: PublishedRange & { limit: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: string | undefined;
  let written = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await listStories(deps.db, filter, { after: options.after, until: options.until, before, limit: Math.min(200, options.limit - written) });
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
const NewCountQuerySchema = RangeQuerySchema.extend({
  stored_after: z.string().trim().min(1).max(64),
});

const PageQuerySchema = RangeQuerySchema.extend({
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
  async function pin(id: string, pinned: boolean): Promise<Response> {
    const edit = await pinStory(deps.db, id, pinned);
    if (!edit) throw new ApiError(404, 'no story with that id');
    // a pin changes what is:pinned lists: open views and widgets follow, as after a correction
    if ((edit.before.pinnedAt !== null) !== pinned) await deps.announceStoryEdit?.(edit);
    return Response.json(edit.story);
  }

  return (
    new Hono()
      .get('/', async (c) => {
        const filter = requestFilter(c.req.url);
        const page = rangeQuery(PageQuerySchema, c.req.query());
        if (page.before) {
          try {
            decodeCursor(page.before);
          } catch (error) {
            if (error instanceof InvalidCursorError) throw new ApiError(400, 'before: not a cursor from this API');
            throw error;
          }
        }
        const listed = await listStories(deps.db, filter, page);
        // One row per event on the dashboard: how many outlets reported each listed story's event,
        // counting all its reports (not only those this filter and range match), as the story view lists them.
        const clusterIds = listed.stories.flatMap((story) => (story.clusterId === null ? [] : [story.clusterId]));
        return c.json({ ...listed, clusterOutlets: await countClusterOutlets(deps.db, clusterIds) });
      })
      .get('/export.csv', async (c) => {
        const filter = requestFilter(c.req.url);
        return csvDownload(csvStream(deps, filter, rangeQuery(ExportQuerySchema, c.req.query())), 'stories');
      })
      .get('/count', async (c) => {
        const filter = requestFilter(c.req.url);
        const { stored_after: storedAfter, ...range } = rangeQuery(NewCountQuerySchema, c.req.query());
        return c.json({ count: await countStoriesStoredAfter(deps.db, storedAfter, filter, range) });
      })
      .get('/:id', async (c) => {
        const detail = await getStoryDetail(deps.db, c.req.param('id'));
        if (!detail) throw new ApiError(404, 'no story with that id');
        return c.json(detail);
      })
      // an editor corrects the detector: the story's countries, companies, topics or policy flag
      .patch('/:id', adminAuth(deps.adminToken), async (c) => {
        const edit = StoryTagsEditSchema.safeParse(await jsonBody(c.req));
        if (!edit.success) throw invalidInput(edit.error);
        const edited = await editStoryTags(deps.db, c.req.param('id'), edit.data);
        if (!edited) throw new ApiError(404, 'no story with that id');
        await deps.announceStoryEdit?.(edited);
        return c.json(edited.story);
      })
      // undoes an editor's corrections: the detector reads the story again
      .delete('/:id/tags', adminAuth(deps.adminToken), async (c) => {
        const restored = await restoreDetectedTags(deps.db, c.req.param('id'), ({ title, summary, publisher, lang }) =>
          detectStory({ title, text: summary, publisher, lang }),
        );
        if (!restored) throw new ApiError(404, 'no story with that id');
        await deps.announceStoryEdit?.(restored);
        return c.json(restored.story);
      })
      // the team pins a story (`is:pinned`: its picks, for colleagues and intranet widgets), or takes the pin off
      .put('/:id/pin', adminAuth(deps.adminToken), (c) => pin(c.req.param('id'), true))
      .delete('/:id/pin', adminAuth(deps.adminToken), (c) => pin(c.req.param('id'), false))
  );
}

export function facetRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const filter = requestFilter(c.req.url);
    return c.json(await countFacets(deps.db, filter, rangeQuery(RangeQuerySchema, c.req.query())));
  });
}
