import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith';
import { z } from 'zod';
import {
  companyName,
  countryName,
  filterToSearchParams,
  topicName,
  type Story,
  type StoryFilter,
} from '@radar/core';
import { listStories } from '@radar/db';
import type { ApiDeps } from '../api-deps.ts';
import { invalidInput } from '../api-error.ts';
import { widgetAccessFor, widgetCorsHeaders } from '../widget-cors.ts';
import { widgetFilter } from '../widget-access.ts';
import { requestFilter } from './stories.ts';

const FeedQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Everything a feed document says about the stream it is for. */
interface OutboundFeed {
  title: string;
  description: string;
  /** The dashboard showing the same filter. */
  homeUrl: string;
  /** This feed's own URL. */
  selfUrl: string;
  /** A permanent id for the stream: the feed's URL without a token. */
  id: string;
  updated: Date;
  stories: Story[];
}

/** "France, Germany · Meta · Child safety": what a filter is about, in words. */
export function filterTitle(filter: StoryFilter): string {
  const parts = [
    filter.countries.map(countryName).join(', '),
    filter.companies.map(companyName).join(', '),
    filter.topics.map(topicName).join(', '),
    filter.q ? `“${filter.q}”` : '',
  ].filter(Boolean);
  return parts.length ? `Policy Radar: ${parts.join(' · ')}` : 'Policy Radar: all stories';
}

const storyId = (story: Story) => `urn:uuid:${story.id}`;
const storyTags = (story: Story) => [...story.countries.map(countryName), ...story.companies.map(companyName), ...story.topics.map(topicName)];

function rssDocument(feed: OutboundFeed): string {
  return generateRssFeed({
    title: feed.title,
    link: feed.homeUrl,
    description: feed.description,
    lastBuildDate: feed.updated,
    generator: 'Policy Radar',
    atom: { links: [{ href: feed.selfUrl, rel: 'self', type: 'application/rss+xml' }] },
    items: feed.stories.map((story) => ({
      title: story.title,
      link: story.url,
      description: story.summary || undefined,
      guid: { value: storyId(story), isPermaLink: false },
      pubDate: new Date(story.publishedAt),
      categories: storyTags(story).map((name) => ({ name })),
      dc: { creators: [story.source.title] },
    })),
  });
}

function atomDocument(feed: OutboundFeed): string {
  return generateAtomFeed({
    id: feed.id,
    title: { value: feed.title, type: 'text' },
    subtitle: { value: feed.description, type: 'text' },
    updated: feed.updated,
    authors: [{ name: 'Policy Radar' }],
    generator: { text: 'Policy Radar' },
    links: [
      { href: feed.selfUrl, rel: 'self', type: 'application/atom+xml' },
      { href: feed.homeUrl, rel: 'alternate', type: 'text/html' },
    ],
    entries: feed.stories.map((story) => ({
      id: storyId(story),
      title: { value: story.title, type: 'text' },
      ...(story.summary ? { summary: { value: story.summary, type: 'text' } } : {}),
      links: [{ href: story.url, rel: 'alternate', type: 'text/html' }],
      published: new Date(story.publishedAt),
      updated: new Date(story.publishedAt),
      authors: [{ name: story.source.title || 'unknown source' }],
      categories: storyTags(story).map((term) => ({ term })),
    })),
  });
}

function jsonFeedDocument(feed: OutboundFeed): string {
  const document = generateJsonFeed({
    title: feed.title,
    description: feed.description,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    authors: [{ name: 'Policy Radar' }],
    items: feed.stories.map((story) => ({
      id: storyId(story),
      url: story.url,
      title: story.title,
      content_text: story.summary || story.title,
      ...(story.summary ? { summary: story.summary } : {}),
      date_published: new Date(story.publishedAt),
      tags: storyTags(story),
      authors: [{ name: story.source.title }],
      ...(story.lang ? { language: story.lang } : {}),
    })),
  });
  return JSON.stringify(document);
}

const FORMATS = {
  rss: { type: 'application/rss+xml; charset=utf-8', render: rssDocument },
  atom: { type: 'application/atom+xml; charset=utf-8', render: atomDocument },
  json: { type: 'application/feed+json; charset=utf-8', render: jsonFeedDocument },
} as const;

// an empty stream's date must not move, or its ETag would change on every request
const STARTED_AT = Date.now();

const etagMatches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);

/**
 * Outbound feeds for any filter: /api/stories.rss, .atom and .json (JSON Feed 1.1), with the
 * query parameters of /api/stories. A widget token in `token` keeps the feed within its filter.
 * Readers polling an unchanged feed get 304 from its ETag.
 */
export function outboundFeedRoutes(deps: ApiDeps): Hono {
  const serve = (format: keyof typeof FORMATS) => async (c: Context) => {
    const access = await widgetAccessFor(deps, c);
    const requested = requestFilter(c.req.url);
    const query = FeedQuerySchema.safeParse({ limit: c.req.query('limit') });
    if (!query.success) throw invalidInput(query.error);
    const filter = widgetFilter(access, requested);
    const stories = filter ? (await listStories(deps.db, filter, { limit: query.data.limit })).stories : [];

    const url = new URL(c.req.url);
    const shown = filter ?? requested;
    const params = filterToSearchParams(shown);
    const canonical = new URL(`${url.origin}${url.pathname}`);
    canonical.search = params.toString();
    const home = new URL(`${url.origin}/`);
    home.search = params.toString();
    const newest = stories.reduce((max, story) => Math.max(max, Date.parse(story.ingestedAt)), 0);
    const body = FORMATS[format].render({
      title: filterTitle(shown),
      description: `Stories where governments and technology platforms meet, as Policy Radar tags them.`,
      homeUrl: home.href,
      selfUrl: url.href,
      id: canonical.href,
      updated: new Date(newest || STARTED_AT),
      stories,
    });

    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    const headers: Record<string, string> = {
      ...widgetCorsHeaders(access, c),
      etag,
      'cache-control': 'public, max-age=60',
      vary: 'Origin',
      ...(newest ? { 'last-modified': new Date(newest).toUTCString() } : {}),
    };
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': FORMATS[format].type });
  };
  return new Hono()
    .get('/stories.rss', serve('rss'))
    .get('/stories.atom', serve('atom'))
    .get('/stories.json', serve('json'));
}
