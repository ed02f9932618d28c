import type { Context, MiddlewareHandler } from 'hono';
import { matchesFilter } from '@radar/core';
import { getStoryDetail, InvalidCursorError, listStories } from '@radar/db';
import { z } from 'zod';
import type { ApiDeps } from './api-deps.ts';
import { ApiError, invalidInput } from './api-error.ts';
import { requestFilter } from './routes/stories.ts';
import { isSameOrigin, resolveWidgetAccess, widgetFilter, type WidgetAccess } from './widget-access.ts';

const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(200).optional(),
});

/** The widget access of an HTTP request: its `token` parameter, Origin and Host. */
export function widgetAccessFor(deps: ApiDeps, c: Context): Promise<WidgetAccess | null> {
  return resolveWidgetAccess(
    { db: deps.db, allowAnonymousWidgets: deps.allowAnonymousWidgets },
    { token: c.req.query('token'), origin: c.req.header('origin'), host: c.req.header('host') },
  );
}

/**
 * CORS for a widget's request: exactly the calling origin once its token allowed it (so
 * pages of other origins cannot read the answer), or any origin for anonymous widgets.
 */
export function widgetCorsHeaders(access: WidgetAccess | null, c: Context): Record<string, string> {
  const origin = c.req.header('origin');
  if (!access) return {};
  if (access.kind === 'anonymous') return { 'access-control-allow-origin': '*' };
  if (!origin || isSameOrigin(origin, c.req.header('host'))) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/**
 * In front of /api/stories and /api/stories/:id: a request with a widget token, or from
 * another site, is answered here within what its token allows, with CORS for its origin;
 * the dashboard's own requests go on to the story routes unchanged.
 */
export function widgetStoryAccess(deps: ApiDeps): MiddlewareHandler {
  return async function answerWidget(c, next) {
    const access = await widgetAccessFor(deps, c);
    if (!access) return next();
    const cors = widgetCorsHeaders(access, c);
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, { ...cors, 'access-control-allow-methods': 'GET', 'access-control-max-age': '600' });
    }
    if (c.req.method !== 'GET') throw new ApiError(405, 'widgets only read stories');
    const id = c.req.path.replace(/^\/api\/stories\/?/, '');
    if (id) {
      const detail = await getStoryDetail(deps.db, decodeURIComponent(id));
      const allowed = access.kind === 'anonymous' || (detail && matchesFilter(detail.story, access.filter));
      if (!detail || !allowed) throw new ApiError(404, 'no story with that id');
      const cluster = access.kind === 'token' ? detail.cluster.filter((story) => matchesFilter(story, access.filter)) : detail.cluster;
      return c.json({ ...detail, cluster }, 200, cors);
    }
    const page = PageQuerySchema.safeParse(c.req.query());
    if (!page.success) throw invalidInput(page.error);
    const filter = widgetFilter(access, requestFilter(c.req.url));
    try {
      const stories = filter ? await listStories(deps.db, filter, page.data) : { stories: [], nextCursor: null };
      return c.json(stories, 200, cors);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new ApiError(400, 'before: not a cursor from this API');
      throw error;
    }
  };
}
