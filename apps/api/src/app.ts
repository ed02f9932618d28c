import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { errorReport } from '@radar/core';
import type { ApiDeps } from './api-deps.ts';
import { alertRoutes } from './routes/alerts.ts';
import { feedRoutes } from './routes/feeds.ts';
import { healthRoutes } from './routes/health.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { facetRoutes, storyRoutes } from './routes/stories.ts';
import { statsRoutes } from './routes/stats.ts';
import { teamViewRoutes } from './routes/team-views.ts';
import { webSubRoutes } from './routes/websub.ts';
import { embedRoutes } from './routes/embed.ts';
import { outboundFeedRoutes } from './routes/outbound-feeds.ts';
import { widgetScriptRoutes } from './routes/widget-script.ts';
import { widgetTokenRoutes } from './routes/widget-tokens.ts';
import { widgetStoryAccess } from './widget-cors.ts';
import { ApiError, refuseNulInAddress } from './api-error.ts';

/** Larger than any JSON the API takes (an alert, a feed, a widget token). */
const API_BODY_LIMIT = 1024 * 1024;
const apiBodyLimit = bodyLimit({
  maxSize: API_BODY_LIMIT,
  onError: () => {
    throw new ApiError(413, 'the request body is larger than 1 MB');
  },
});

/** The HTTP API and, when built, the dashboard. */
export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  // JSON, feeds, widget.js and the dashboard's code travel gzip-compressed when the client accepts it
  app.use('*', compress());
  app.use('*', refuseNulInAddress);
  app.use('/api/*', secureHeaders());
  // a request's body is read no further than its route takes (an OPML file, a WebSub push
  // have limits of their own): a client streaming gigabytes is answered 413, not buffered
  app.use('/api/*', async (c, next) => (c.req.path === '/api/feeds/import' ? next() : apiBodyLimit(c, next)));
  app.route('/api/health', healthRoutes(deps));
  // widgets (a token, or another site) are answered within their token's filter, with CORS
  app.use('/api/stories', widgetStoryAccess(deps));
  app.use('/api/stories/*', widgetStoryAccess(deps));
  app.route('/api', outboundFeedRoutes(deps));
  app.route('/api/stories', storyRoutes(deps));
  app.route('/api/widget-tokens', widgetTokenRoutes(deps));
  app.route('/api/facets', facetRoutes(deps));
  app.route('/api/stats', statsRoutes(deps));
  app.route('/api/feeds', feedRoutes(deps));
  app.route('/api/alerts', alertRoutes(deps));
  app.route('/api/inbox', inboxRoutes(deps));
  app.route('/api/views', teamViewRoutes(deps));
  app.route('/websub', webSubRoutes(deps));
  app.all('/api/*', (c) => c.json({ error: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.route('/', widgetScriptRoutes());
  app.route('/embed', embedRoutes(deps));

  if (deps.webRoot && existsSync(join(deps.webRoot, 'index.html'))) {
    const root = deps.webRoot;
    app.use('/*', secureHeaders({ crossOriginEmbedderPolicy: false }));
    // SvelteKit's immutable assets carry a content hash in their names: cache them for good
    app.use('/_app/immutable/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
    });
    // the build holds .br and .gz copies of each file: served as they are, not compressed per request
    app.use('/*', serveStatic({ root, precompressed: true }));
    // the dashboard is a single-page app: unknown paths get its shell
    app.get('/*', serveStatic({ root, path: 'index.html' }));
  }

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    console.error(`${c.req.method} ${new URL(c.req.url).pathname}: ${errorReport(error)}`);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
