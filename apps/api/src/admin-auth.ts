import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.ts';

/** Guards writes with `Authorization: Bearer <RADAR_ADMIN_TOKEN>`. */
export function adminAuth(adminToken: string | undefined): MiddlewareHandler {
  const expected = adminToken ? Buffer.from(adminToken) : null;
  return async function requireAdmin(c, next) {
    if (!expected) throw new ApiError(403, 'writes are disabled: set RADAR_ADMIN_TOKEN on the server');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = match ? Buffer.from(match[1]!.trim()) : null;
    if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError(401, 'missing or wrong admin token (Authorization: Bearer <token>)');
    }
    await next();
  };
}
