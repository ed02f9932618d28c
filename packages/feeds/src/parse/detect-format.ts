import { OPML_LIST_ERROR } from '@radar/core';
import { FeedParseError } from './parsed-feed.ts';
import { botWallMessage, botWallOf } from '../fetch/bot-wall.ts';
import { sitemapIndexError } from './news-sitemap.ts';

// The first stage after decoding: which reader gets the document. JSON documents go to
// the JSON Feed reader, XML ones by their root element; anything else (an HTML page
// served at a feed URL, an error page, garbage) is rejected here with a reason the
// poller can show on the feed.

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'cdf' | 'json' | 'news-sitemap';

export interface DetectedFormat {
  format: FeedFormat;
  /** The XML root element as written, e.g. "rss", "rdf:RDF", "a:feed"; null for JSON. */
  rootElement: string | null;
}

/** The root element's name as written, skipping the prolog (declaration, comments, PIs, DOCTYPE). */
export function rootElementName(xml: string): string | null {
  let at = 0;
  for (;;) {
    while (at < xml.length && /\s/.test(xml[at]!)) at++;
    if (xml.startsWith('<?', at)) at = skipPast(xml, '?>', at);
    else if (xml.startsWith('<!--', at)) at = skipPast(xml, '-->', at);
    else if (/^<!DOCTYPE/i.test(xml.slice(at, at + 9))) at = skipDoctype(xml, at);
    else break;
    if (at < 0) return null;
  }
  const match = /^<([A-Za-z_][\w.-]*(?::[\w.-]+)?)(?=[\s/>])/.exec(xml.slice(at, at + 200));
  return match?.[1] ?? null;
}

function skipPast(text: string, end: string, from: number): number {
  const found = text.indexOf(end, from);
  return found < 0 ? -1 : found + end.length;
}

function skipDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close < 0) return -1;
  if (bracket >= 0 && bracket < close) {
    const subsetEnd = text.indexOf(']', bracket);
    return subsetEnd < 0 ? -1 : skipPast(text, '>', subsetEnd);
  }
  return close + 1;
}

/**
 * Says which reader a decoded document needs, or throws FeedParseError when it is not a feed.
 * @example detectFeedFormat('<rss version="2.0">...').format // 'rss'
 */
export function detectFeedFormat(text: string): DetectedFormat {
  const start = text.search(/\S/);
  if (start < 0) throw new FeedParseError('not a feed: the document is empty');
  const first = text[start];
  if (first === '{' || first === '[') return { format: 'json', rootElement: null };
  const markup = text.indexOf('<', start);
  if (markup < 0 || markup - start > 1024) throw new FeedParseError('not a feed: the document is neither XML nor JSON');
  const root = rootElementName(text.slice(markup));
  if (!root) {
    if (/<!DOCTYPE\s+html/i.test(text.slice(0, 2048))) throw htmlPageError(text);
    throw new FeedParseError('not a feed: no XML root element');
  }
  const local = root.slice(root.indexOf(':') + 1).toLowerCase();
  switch (local) {
    case 'rss':
      return { format: 'rss', rootElement: root };
    case 'rdf':
      return { format: 'rdf', rootElement: root };
    case 'feed':
      return { format: 'atom', rootElement: root };
    case 'channel':
      return { format: 'cdf', rootElement: root };
    case 'urlset':
      return { format: 'news-sitemap', rootElement: root };
    case 'sitemapindex':
      throw sitemapIndexError(text);
    case 'html':
    case 'head':
    case 'body':
      throw htmlPageError(text);
    case 'opml':
      // a reader's list of feeds pasted where one feed goes
      throw new FeedParseError(`${OPML_LIST_ERROR}: import it (Import OPML on the feeds page, or radar feeds import) to watch the feeds it lists`);
    default:
      throw new FeedParseError(`not a feed: unexpected root element <${root}>`);
  }
}

/** A web page where a feed was expected; a bot protection's challenge page says so. */
function htmlPageError(text: string): FeedParseError {
  const wall = botWallOf(text);
  return new FeedParseError(wall ? `not a feed: ${botWallMessage(wall)}` : 'not a feed: an HTML page');
}
