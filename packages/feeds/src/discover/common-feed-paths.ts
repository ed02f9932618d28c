import { fetchFeed } from '../fetch/conditional-get.ts';
import { FetchError } from '../fetch/fetch-error.ts';
import { parseFeed } from '../parse/parse-feed.ts';
import { FeedParseError, type ParsedFeed, type ParseFeedOptions } from '../parse/parsed-feed.ts';

// Some sites publish a feed without naming it in their pages. Feed readers (miniflux's
// subscription finder among them) then try the addresses the common publishing systems use.

/**
 * WordPress, Ghost and Drupal, then static site generators (Jekyll, Hugo), then JSON Feed,
 * then the Google News sitemaps of newsrooms and ministries that publish no feed (Yoast's,
 * then the usual name).
 */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feed.json', '/news-sitemap.xml', '/sitemap-news.xml'] as const;

export interface DiscoveryOptions {
  allowPrivateAddresses: boolean;
  /** The User-Agent the feed is read with, when its user chose one (the site turns others away). */
  userAgent?: string | null;
  /** Reads a candidate document (a poller's reader thread, within its deadline); parseFeed here when absent. */
  read?: (body: Uint8Array, options: ParseFeedOptions) => Promise<ParsedFeed>;
}

const fetchOptions = (options: DiscoveryOptions) => ({
  allowPrivateAddresses: options.allowPrivateAddresses,
  ...(options.userAgent ? { headers: { 'user-agent': options.userAgent } } : {}),
});

/**
 * The first common feed address of a site that answers with a feed, tried one after another
 * through the safe fetcher; null when none does.
 * @example await feedAtCommonPath('https://regulator.example/press/', { allowPrivateAddresses: false }) // 'https://regulator.example/rss.xml'
 */
export async function feedAtCommonPath(pageUrl: string, options: DiscoveryOptions): Promise<string | null> {
  const origin = new URL(pageUrl).origin;
  for (const path of COMMON_FEED_PATHS) {
    const found = await feedAt(`${origin}${path}`, options);
    if (found) return found;
  }
  // a news sitemap elsewhere, as the site's robots.txt names it for search engines
  for (const sitemap of await newsSitemapsInRobots(origin, options)) {
    const found = await feedAt(sitemap, options);
    if (found) return found;
  }
  return null;
}

/** The address a feed is at, once redirects are followed; null when it answers no feed. */
async function feedAt(url: string, options: DiscoveryOptions): Promise<string | null> {
  try {
    const response = await fetchFeed(url, fetchOptions(options));
    if (!response.body) return null;
    await (options.read ?? parseFeed)(response.body, { contentType: response.contentType, baseUrl: response.url });
    return response.url;
  } catch (error) {
    if (error instanceof FetchError || error instanceof FeedParseError) return null;
    throw error;
  }
}

/** The sitemaps robots.txt tries before giving up: a site lists a few, seldom more than one of news. */
const MAX_SITEMAPS_TRIED = 3;

/**
 * The sitemaps a site's robots.txt names (`Sitemap: https://…`) whose address says news, at
 * most MAX_SITEMAPS_TRIED; none when it has no robots.txt.
 */
export async function newsSitemapsInRobots(origin: string, options: DiscoveryOptions): Promise<string[]> {
  let text: string;
  try {
    const response = await fetchFeed(`${origin}/robots.txt`, fetchOptions(options));
    if (!response.body) return [];
    text = Buffer.from(response.body.subarray(0, 512 * 1024)).toString('utf8');
  } catch (error) {
    if (error instanceof FetchError) return [];
    throw error;
  }
  const sitemaps = new Set<string>();
  for (const match of text.matchAll(/^[ \t]*sitemap[ \t]*:[ \t]*(\S+)/gim)) {
    try {
      const url = new URL(match[1]!, `${origin}/`);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && /news/i.test(url.pathname + url.search)) sitemaps.add(url.href);
    } catch {
      // not an address: skipped
    }
  }
  return [...sitemaps].slice(0, MAX_SITEMAPS_TRIED);
}
