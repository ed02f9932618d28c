import { Hono } from 'hono';
import { TeamViewInputSchema } from '@radar/core';
import { deleteTeamView, listTeamViews, saveTeamView } from '@radar/db';
import { adminAuth } from '../admin-auth.ts';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput, jsonBody } from '../api-error.ts';

/**
 * The team's dashboard views: everyone sees them; an admin shares and removes them. Saving
 * under a name the team already has replaces that view (200), a new name is 201.
 */
export function teamViewRoutes(deps: ApiDeps): Hono {
  const requireAdmin = adminAuth(deps.adminToken);
  return new Hono()
    .get('/', async (c) => c.json({ views: await listTeamViews(deps.db) }))
    .post('/', requireAdmin, async (c) => {
      const input = TeamViewInputSchema.safeParse(await jsonBody(c.req));
      if (!input.success) throw invalidInput(input.error);
      const { view, created } = await saveTeamView(deps.db, input.data);
      return c.json(view, created ? 201 : 200);
    })
    .delete('/:id', requireAdmin, async (c) => {
      if (!(await deleteTeamView(deps.db, c.req.param('id')))) throw new ApiError(404, 'no team view with that id');
      return c.body(null, 204);
    });
}
