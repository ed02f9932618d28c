import { Hono } from 'hono';
import { z } from 'zod';
import type { Story, StoryFilter } from '@radar/core';
import { listStories } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError } from '../api-error.ts';
import { resolveWidgetAccess, widgetFilter, type WidgetAccess } from '../widget-access.ts';
import { requestFilter } from './stories.ts';

const EmbedQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).catch(8),
  theme: z.enum(['light', 'dark', 'auto']).catch('auto'),
  compact: z.string().optional(),
  // any length: one no token could have is unknown, as the lookup says
  token: z.string().optional(),
});

/** Text and attribute values from feeds, made inert in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A story's link when it is http(s); anything else (javascript:, data:) is never a link. */
function webLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function storyHtml(story: Story): string {
  const href = webLink(story.url);
  const headline = href
    ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(story.title)}</a>`
    : `<a>${escapeHtml(story.title)}</a>`;
  const when = new Date(story.publishedAt).toUTCString().replace(/:\d\d GMT$/, ' UTC');
  return `<article>${headline}<p>${escapeHtml(story.source.title)} · <time datetime="${escapeHtml(story.publishedAt)}">${escapeHtml(when)}</time></p></article>`;
}

/** Who may frame the page: the token's origins; any site for anonymous widgets; else only the dashboard. */
function frameAncestors(access: WidgetAccess | null): string {
  if (access?.kind === 'token') return ["'self'", ...access.origins].join(' ');
  return access?.kind === 'anonymous' ? '*' : "'self'";
}

function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Policy Radar</title><style>body{font:14px system-ui,sans-serif;color:#b42318;margin:12px}</style><p>${escapeHtml(message)}</p></html>`;
}

function embedPage(filter: StoryFilter, stories: Story[], options: z.infer<typeof EmbedQuerySchema>): string {
  const attributes = [
    ['countries', filter.countries.join(',')],
    ['companies', filter.companies.join(',')],
    ['topics', filter.topics.join(',')],
    ...(filter.folders[0] ? [['folder', filter.folders[0]]] : []),
    ['q', filter.q],
    ['limit', String(options.limit)],
    ['theme', options.theme],
    ...(filter.relevantOnly ? [['relevant', '']] : []),
    ...(options.compact !== undefined && options.compact !== '0' && options.compact !== 'false' ? [['compact', '']] : []),
    ...(options.token ? [['token', options.token]] : []),
  ]
    .map(([name, value]) => `${name}="${escapeHtml(value!)}"`)
    .join(' ');
  // The list is drawn here too, so the frame shows stories even where its scripts cannot run;
  // widget.js then replaces it with the live element.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Policy Radar</title>
<style>
html, body { margin: 0; background: transparent; }
radar-stream:not(:defined) { display: block; font: 14px/1.45 system-ui, sans-serif; color: #161a21; }
radar-stream:not(:defined) article { padding: 10px 12px; border-bottom: 1px solid #e2e5ea; }
radar-stream:not(:defined) a { color: inherit; font-weight: 600; text-decoration: none; }
radar-stream:not(:defined) p { margin: 4px 0 0; color: #5d6675; font-size: 0.86em; }
</style>
</head>
<body>
<radar-stream ${attributes}>
${stories.map(storyHtml).join('\n')}
</radar-stream>
<script src="/widget.js" async></script>
</body>
</html>
`;
}

/**
 * /embed/stream?token=...&country=FR: the widget in a page of its own, for sites that allow
 * iframes but no scripts. Only the token's origins may frame it (CSP frame-ancestors).
 */
export function embedRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/stream', async (c) => {
    const options = EmbedQuerySchema.parse(c.req.query());
    const security = (ancestors: string) => ({
      'content-security-policy': `default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    let access: WidgetAccess | null;
    let requested: StoryFilter;
    try {
      // a frame is a navigation: browsers send no Origin, so the frame-ancestors policy is what limits where it shows
      access = await resolveWidgetAccess(
        { db: deps.db, allowAnonymousWidgets: deps.allowAnonymousWidgets },
        { token: options.token, origin: undefined, host: c.req.header('host') },
      );
      if (!access && !options.token && deps.allowAnonymousWidgets) access = { kind: 'anonymous' };
      requested = requestFilter(c.req.url);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return c.html(errorPage(`This stream cannot be shown: ${error.message}.`), error.status, security("'self'"));
    }
    const filter = widgetFilter(access, requested);
    const stories = filter ? (await listStories(deps.db, filter, { limit: options.limit })).stories : [];
    return c.html(embedPage(filter ?? requested, stories, options), 200, security(frameAncestors(access)));
  });
}

