import { decodeHTML } from 'entities';
import { decodeFeedBytes } from '../parse/decode-bytes.ts';
import { COMMENT, withoutHiddenElements } from '../parse/plain-text.ts';
import { httpUrlFrom } from '../parse/feed-urls.ts';
import { withoutForbiddenCharacters } from '../parse/forbidden-characters.ts';

// A user often types the address of a site, not of its feed. A web page names its feeds in
// its head, as browsers and feed readers expect (miniflux's subscription finder reads the
// same): <link rel="alternate" type="application/rss+xml" href="/feed/" title="…">.

export interface AnnouncedFeed {
  /** The feed's absolute http(s) address. */
  url: string;
  title: string | null;
  /** The media type the page gave it, lower-cased; empty for the address a refresh sends readers to. */
  type: string;
}

// Not application/json: WordPress announces its REST API's page record with that type.
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/x.atom+xml',
  'application/x-atom+xml',
  'text/xml',
  'application/xml',
]);

/** A page may announce any number of feeds; past this many the rest are not read. */
const MOST_FEEDS = 20;
const MOST_TITLE_LENGTH = 200;

/** Comment feeds, and feeds of one post's replies, come after a site's own feeds. */
const COMMENTS = /\bcomments?\b|\bkommentare\b|\bcommentaires\b|\bcomentarios\b/i;

// a tag's attributes end at its ">", and never reach past the next "<": one pass over the page
const LINK_BASE_OR_META = /<(link|base|meta)\b((?:[^<>"']|"[^"<]*"|'[^'<]*')*)\/?>/gi;
/** A refresh's content, "0; url=/feed/" (the delay, then the address, quoted or not). */
const REFRESH = /^\s*[\d.]*\s*(?:[;,]\s*|\s+)(?:url\s*=\s*)?(["']?)(.+?)\1\s*$/i;
const ATTRIBUTE = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** A tag's attributes by lower-cased name, values with their entities decoded; the first of a name wins, as in browsers. */
function attributesOf(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, double, single, bare] of raw.matchAll(ATTRIBUTE)) {
    const key = name!.toLowerCase();
    if (!(key in attributes)) attributes[key] = decodeHTML(double ?? single ?? bare ?? '');
  }
  return attributes;
}

/** Whether decoded text is an HTML page (rather than a feed or something else). */
function isHtmlPage(text: string, contentType: string | null): boolean {
  if (contentType && /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b)/i.test(text.slice(0, 4096));
}

/**
 * The feeds a web page announces with <link rel="alternate">, the site's own before comment
 * feeds, each once, 20 at the most, then the address its <meta http-equiv="refresh"> sends
 * readers to (a feed that moved and left a page behind); null when the document is not an
 * HTML page.
 * @example announcedFeeds(bytes, 'text/html', 'https://example.org/')?.[0]?.url // 'https://example.org/feed/'
 */
export function announcedFeeds(body: Uint8Array, contentType: string | null, pageUrl: string): AnnouncedFeed[] | null {
  const { text } = decodeFeedBytes(body, contentType);
  if (!isHtmlPage(text, contentType)) return null;
  let base = pageUrl;
  let baseSeen = false;
  const found: AnnouncedFeed[] = [];
  /** Where the page's first refresh sends a reader (a feed that moved, left behind as a page). */
  let refreshTo: string | null | undefined;
  // only <link> and <base> matter, outside comments and scripts: found in one pass each,
  // where an HTML parser would keep every open element of a page made to cost (100,000
  // unclosed "<b>" take it seconds, a 10 MB page hours)
  const markup = withoutHiddenElements(text).replace(COMMENT, ' ');
  for (const [, rawName, rawAttributes] of markup.matchAll(LINK_BASE_OR_META)) {
    const name = rawName!.toLowerCase();
    const attributes = attributesOf(rawAttributes!);
    if (name === 'meta') {
      if (refreshTo === undefined && attributes['http-equiv']?.trim().toLowerCase() === 'refresh') {
        const target = REFRESH.exec(attributes.content ?? '')?.[2];
        refreshTo = target ? httpUrlFrom(target, base) : null;
      }
      continue;
    }
    if (name === 'base' && attributes.href && !baseSeen) {
      baseSeen = true;
      base = httpUrlFrom(attributes.href, pageUrl) ?? base;
    }
    if (name !== 'link' || !attributes.href) continue;
    const rels = (attributes.rel ?? '').toLowerCase().split(/\s+/);
    const type = (attributes.type ?? '').toLowerCase().split(';')[0]!.trim();
    if (!rels.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = httpUrlFrom(attributes.href, base);
    if (!url || found.length >= MOST_FEEDS || found.some((feed) => feed.url === url)) continue;
    const title = withoutForbiddenCharacters(attributes.title ?? '').trim().slice(0, MOST_TITLE_LENGTH);
    found.push({ url, title: title || null, type });
  }
  const isComments = (feed: AnnouncedFeed) => COMMENTS.test(feed.title ?? '') || /\/comments?\b/i.test(new URL(feed.url).pathname);
  const refresh: AnnouncedFeed[] = refreshTo && refreshTo !== pageUrl && !found.some((feed) => feed.url === refreshTo) ? [{ url: refreshTo, title: null, type: '' }] : [];
  return [...found.filter((feed) => !isComments(feed)), ...found.filter(isComments), ...refresh];
}
