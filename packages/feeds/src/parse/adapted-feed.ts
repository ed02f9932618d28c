import { readAggregatorLink } from './aggregator-links.ts';
import type { FeedText } from './feed-text.ts';
import type { ParsedFeed, ParsedItem } from './parsed-feed.ts';
import { sanitizeContentHtmlBatch, textAsHtml } from './sanitize-html.ts';

// What the per-format adapters hand back: the normalised model, except that each
// item's content is still the publisher's text. Content is sanitised for the whole
// feed at once when the feed is finished, which costs far less than item by item.

export type AdaptedItem = Omit<ParsedItem, 'contentHtml' | 'outlet'> & {
  content: FeedText | null;
  /** The outlet the item names as its source, if any (RSS <source>). */
  outletName?: string | null;
};
export type AdaptedFeed = Omit<ParsedFeed, 'items'> & { items: AdaptedItem[] };

/** Google News ends each title with its outlet ("Court fines a platform - Reuters"). */
function outletInTitle(title: string | null): string | null {
  const dash = title?.lastIndexOf(' - ') ?? -1;
  return dash > 0 ? title!.slice(dash + 3).trim() || null : null;
}

/** Sanitises every item's content and returns the feed in the normalised model. */
export function finishFeed(feed: AdaptedFeed): ParsedFeed {
  const html = sanitizeContentHtmlBatch(
    feed.items.map(({ content }) => (content?.kind === 'html' ? { html: content.value, base: content.base } : null)),
  );
  return {
    ...feed,
    items: feed.items.map(({ content, outletName, ...item }, index) => {
      const finished: ParsedItem = { ...item, contentHtml: content?.kind === 'text' ? textAsHtml(content.value) : (html[index] ?? null) };
      // an aggregator's item links to a redirect: the article behind it (when the link says),
      // and its outlet
      const redirect = item.originalLink ? null : readAggregatorLink(item.link);
      if (redirect) {
        if (redirect.article) finished.originalLink = redirect.article;
        const host = redirect.article ? new URL(redirect.article).hostname.replace(/^www\./, '') : null;
        finished.outlet = outletName || (redirect.aggregator === 'google-news' ? outletInTitle(item.title) : null) || host;
      }
      return finished;
    }),
  };
}
