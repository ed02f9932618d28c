import { Hono } from 'hono';
import { pingDatabase } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';

export function healthRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const [database, redis] = (await Promise.allSettled([pingDatabase(deps.db), deps.redis.ping()])).map((check) =>
      check.status === 'fulfilled' ? 'ok' : 'down',
    );
    const ok = database === 'ok' && redis === 'ok';
    return c.json({ ok, database, redis }, ok ? 200 : 503);
  });
}
