import type { FeedText } from './feed-text.ts';
import type { ParsedFeed, ParsedItem } from './parsed-feed.ts';
import { sanitizeContentHtmlBatch, textAsHtml } from './sanitize-html.ts';

// What the per-format adapters hand back: the normalised model, except that each
// item's content is still the publisher's text. Content is sanitised for the whole
// feed at once when the feed is finished, which costs far less than item by item.

export type AdaptedItem = Omit<ParsedItem, 'contentHtml'> & { content: FeedText | null };
export type AdaptedFeed = Omit<ParsedFeed, 'items'> & { items: AdaptedItem[] };

/** Sanitises every item's content and returns the feed in the normalised model. */
export function finishFeed(feed: AdaptedFeed): ParsedFeed {
  const html = sanitizeContentHtmlBatch(
    feed.items.map(({ content }) => (content?.kind === 'html' ? { html: content.value, base: content.base } : null)),
  );
  return {
    ...feed,
    items: feed.items.map(({ content, ...item }, index) => ({
      ...item,
      contentHtml: content?.kind === 'text' ? textAsHtml(content.value) : (html[index] ?? null),
    })),
  };
}
