import { Hono } from 'hono';
import { z } from 'zod';
import { countUnread, decodeCursor, InvalidCursorError, listInbox, markInboxRead } from '@radar/db';
import { adminAuth } from '../admin-auth.ts';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput, jsonBody } from '../api-error.ts';

const InboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(200).optional(),
  alert: z.string().max(64).optional(),
  unread: z.enum(['0', '1', 'true', 'false']).optional(),
});

const MarkReadSchema = z.union([
  z.object({ ids: z.array(z.string().max(64)).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);

/** The alert inbox: every firing, newest first, with the unread count; marking read needs the admin token. */
export function inboxRoutes(deps: ApiDeps): Hono {
  const requireAdmin = adminAuth(deps.adminToken);
  return new Hono()
    .get('/', async (c) => {
      const query = InboxQuerySchema.safeParse(c.req.query());
      if (!query.success) throw invalidInput(query.error);
      const { limit, before, alert, unread } = query.data;
      if (before) {
        try {
          decodeCursor(before);
        } catch (error) {
          if (error instanceof InvalidCursorError) throw new ApiError(400, 'before: not a cursor from this API');
          throw error;
        }
      }
      const [page, unreadCount] = await Promise.all([
        listInbox(deps.db, { limit, before, alertId: alert, unreadOnly: unread === '1' || unread === 'true' }),
        countUnread(deps.db),
      ]);
      return c.json({ items: page.items, nextCursor: page.nextCursor, unread: unreadCount });
    })
    .post('/read', requireAdmin, async (c) => {
      const input = MarkReadSchema.safeParse(await jsonBody(c.req));
      if (!input.success) throw invalidInput(input.error);
      const marked = await markInboxRead(deps.db, 'all' in input.data ? 'all' : input.data.ids);
      return c.json({ marked, unread: await countUnread(deps.db) });
    });
}
