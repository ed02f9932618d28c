import { Hono } from 'hono';
import { z } from 'zod';
import { checkQuery, isCompanyId, isCountryId, isTopicId, StoryFilterSchema } from '@radar/core';
import { createWidgetToken, listWidgetTokens, revokeWidgetToken, toWidgetToken } from '@radar/db';
import { adminAuth } from '../admin-auth.ts';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput, jsonBody } from '../api-error.ts';

/** An exact web origin as browsers send it: scheme, host and port only, no path or slash. */
const OriginSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'each origin is scheme://host[:port] exactly, e.g. https://intranet.example');

const WidgetTokenInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  origins: z.array(OriginSchema).min(1, 'list at least one origin whose pages may show the widget').max(50),
  filter: StoryFilterSchema.default(StoryFilterSchema.parse({}))
    .refine((f) => f.countries.every(isCountryId), 'filter.countries: unknown country code')
    .refine((f) => f.companies.every(isCompanyId), 'filter.companies: unknown company id')
    .refine((f) => f.topics.every(isTopicId), 'filter.topics: unknown topic id'),
});

/** Widget tokens: created and revoked by an admin; the token itself is shown once, at creation. */
export function widgetTokenRoutes(deps: ApiDeps): Hono {
  const requireAdmin = adminAuth(deps.adminToken);
  return new Hono()
    .get('/', requireAdmin, async (c) => c.json({ widgetTokens: (await listWidgetTokens(deps.db)).map(toWidgetToken) }))
    .post('/', requireAdmin, async (c) => {
      const input = WidgetTokenInputSchema.safeParse(await jsonBody(c.req));
      if (!input.success) throw invalidInput(input.error);
      const fault = checkQuery(input.data.filter.q);
      if (fault) throw new ApiError(400, `filter.q: ${fault.message}`);
      const origins = [...new Set(input.data.origins)];
      const { token, row } = await createWidgetToken(deps.db, { ...input.data, origins });
      return c.json({ token, ...toWidgetToken(row) }, 201);
    })
    .delete('/:id', requireAdmin, async (c) => {
      const id = c.req.param('id');
      if (!(await revokeWidgetToken(deps.db, id))) throw new ApiError(404, 'no widget token with that id');
      deps.onWidgetTokenRevoked?.(id);
      return c.body(null, 204);
    });
}
