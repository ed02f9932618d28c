/** One item of a feed, in the normalised model every format is adapted to. */
export interface ParsedItem {
  guid: string | null;
  title: string | null;
  link: string | null;
  /** ISO 8601 */
  published: string | null;
  /** ISO 8601 */
  updated: string | null;
  author: string | null;
  /** Plain text. */
  summary: string | null;
  /** Sanitised HTML. */
  contentHtml: string | null;
  categories: string[];
  /** The publisher's own URL when a proxy (FeedBurner's feedburner:origLink) rewrote `link`. */
  originalLink?: string | null;
  /**
   * For an item a news aggregator lists (Google News, Google Alerts, Bing News), whose link is
   * the aggregator's redirect (to `originalLink`, when the link says where): the outlet that
   * published it, as the aggregator names it, else the article's host.
   */
  outlet?: string | null;
}

/** A feed document adapted to one model, whatever its format (RSS, RDF, Atom, JSON Feed). */
export interface ParsedFeed {
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  updated: string | null;
  author: string | null;
  items: ParsedItem[];
  /**
   * JSON Feed only: the WebSub hub its `hubs` names and its own address (`feed_url`), or
   * null for none. XML feeds announce theirs in their markup (discoverWebSub reads it).
   */
  webSub?: { hub: string; self: string | null } | null;
  /**
   * The http(s) address of the document that lists the items before these, when the feed
   * names one: a paged feed's `next` page or an archived feed's `prev-archive` (RFC 5005, an
   * Atom link in Atom and RSS alike), a JSON Feed's `next_url`.
   */
  olderPage?: string | null;
}

export interface ParseFeedOptions {
  /** The HTTP Content-Type, whose charset may decide the encoding. */
  contentType?: string | null;
  /** The document URL, the base for relative links. */
  baseUrl?: string | null;
}

export class FeedParseError extends Error {
  override name = 'FeedParseError';
}
