import { fitsUrlLimit } from '@radar/core';
import { httpUrlFrom } from '../parse/feed-urls.ts';

export interface WebSubLinks {
  hub: string;
  /** The topic to subscribe to: the feed's self URL. */
  self: string;
}

// a tag ends at the first `>`, and holds no `<`: a run of `<link` never closed is passed in
// one step each, where `[^>]*` would read on to the end of the document from every one
const LINK_TAG = /<(?:atom:|atom10:)?link\b[^<>]*>/gi;

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? '').trim() : null;
}

/** A link read from raw markup (where `&` is still `&amp;`), as an http(s) address. */
const absolute = (url: string | null | undefined, base: string) => httpUrlFrom(url?.replace(/&amp;/g, '&'), base);

/** Reads `<https://hub>; rel="hub", <https://self>; rel="self"` from an HTTP Link header. */
function fromLinkHeader(header: string, base: string): { hub: string | null; self: string | null } {
  let hub: string | null = null;
  let self: string | null = null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (!match) continue;
    const rels = (/\brel\s*=\s*"?([^";]*)"?/i.exec(match[2] ?? '')?.[1] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('hub')) hub ??= absolute(match[1], base);
    if (rels.includes('self')) self ??= absolute(match[1], base);
  }
  return { hub, self };
}

/**
 * Finds a feed's WebSub hub and self URL, from the Link header first and then from the feed:
 * the hub a JSON Feed names in `hubs` (ParsedFeed.webSub, given as an object or null), or
 * else the document's <link rel="hub"> and <link rel="self"> (Atom, or atom:link inside RSS).
 * Null when the feed announces no hub.
 */
export function discoverWebSub(feed: string | { hub: string; self: string | null } | null, feedUrl: string, linkHeader?: string | null): WebSubLinks | null {
  const found = linkHeader ? fromLinkHeader(linkHeader, feedUrl) : { hub: null, self: null };
  if (typeof feed === 'string') {
    // hubs are announced in the feed's head, before the first item: no need to scan the rest
    const head = feed.slice(0, Math.max(feed.search(/<(item|entry)\b/i), 0) || 65_536);
    for (const tag of head.match(LINK_TAG) ?? []) {
      const rels = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      const href = absolute(attribute(tag, 'href'), feedUrl);
      if (rels.includes('hub')) found.hub ??= href;
      if (rels.includes('self')) found.self ??= href;
    }
  } else if (feed) {
    found.hub ??= feed.hub;
    found.self ??= feed.self;
  }
  // an address longer than any real one is no hub to subscribe at, nor a topic to keep
  const kept = (url: string | null) => (url !== null && fitsUrlLimit(url) ? url : null);
  const hub = kept(found.hub);
  return hub ? { hub, self: kept(found.self) ?? feedUrl } : null;
}
