import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);

/** Where the built widget.js is (packages/widget, `pnpm --filter @radar/widget build`); null when not built. */
export function widgetScriptPath(): string | null {
  try {
    return require.resolve('@radar/widget/widget.js');
  } catch {
    return null;
  }
}

/**
 * Serves /widget.js to any page: it is public code, loaded as a classic script from
 * other sites, so it is marked for cross-origin use. Rebuilt files are picked up.
 */
export function widgetScriptRoutes(): Hono {
  let cached: { path: string; mtimeMs: number; body: string; etag: string } | null = null;
  return new Hono().get('/widget.js', async (c) => {
    const path = widgetScriptPath();
    const info = path ? await stat(path).catch(() => null) : null;
    if (!path || !info) {
      return c.text('// widget.js is not built: pnpm --filter @radar/widget build\n', 503, { 'content-type': 'text/javascript; charset=utf-8' });
    }
    if (!cached || cached.path !== path || cached.mtimeMs !== info.mtimeMs) {
      const body = await readFile(path, 'utf8');
      cached = { path, mtimeMs: info.mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    }
    const headers = {
      etag: cached.etag,
      'cache-control': 'public, max-age=300',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === cached.etag) return c.body(null, 304, headers);
    return c.body(cached.body, 200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
  });
}
