import { fetchFeed } from '../fetch/conditional-get.ts';
import { FetchError } from '../fetch/fetch-error.ts';
import { parseFeed } from '../parse/parse-feed.ts';
import { FeedParseError } from '../parse/parsed-feed.ts';

// Some sites publish a feed without naming it in their pages. Feed readers (miniflux's
// subscription finder among them) then try the addresses the common publishing systems use.

/**
 * WordPress, Ghost and Drupal, then static site generators (Jekyll, Hugo), then JSON Feed,
 * then the Google News sitemaps of newsrooms and ministries that publish no feed (Yoast's,
 * then the usual name).
 */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feed.json', '/news-sitemap.xml', '/sitemap-news.xml'] as const;

/**
 * The first common feed address of a site that answers with a feed, tried one after another
 * through the safe fetcher; null when none does.
 * @example await feedAtCommonPath('https://regulator.example/press/', { allowPrivateAddresses: false }) // 'https://regulator.example/rss.xml'
 */
export async function feedAtCommonPath(pageUrl: string, options: { allowPrivateAddresses: boolean }): Promise<string | null> {
  const origin = new URL(pageUrl).origin;
  for (const path of COMMON_FEED_PATHS) {
    try {
      const response = await fetchFeed(`${origin}${path}`, { allowPrivateAddresses: options.allowPrivateAddresses });
      if (!response.body) continue;
      await parseFeed(response.body, { contentType: response.contentType, baseUrl: response.url });
      return response.url;
    } catch (error) {
      if (error instanceof FetchError || error instanceof FeedParseError) continue;
      throw error;
    }
  }
  return null;
}
