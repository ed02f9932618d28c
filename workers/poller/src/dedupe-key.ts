import { createHash } from 'node:crypto';
import type { ParsedItem } from '@radar/feeds';

const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|ocid|cmpid|at_medium|at_campaign|jsessionid|phpsessid|aspsessionid\w*|cfid|cftoken|sessionid)$/i;

/** A session in the path (`/news/item.jsp;jsessionid=8F3A…`), which Java and ColdFusion sites, many of them a government's, put in every link they list. */
const PATH_SESSION = /;(?:jsessionid|phpsessid|sid|sessionid)=[^/;]*/gi;

/**
 * Fragments that point at a part of any page, or carry tracking or state (`xtor=RSS-3`,
 * `ref=rss`): the same article whatever follows the #.
 */
const PAGE_FRAGMENT = /=|^$|^(top|main|content|article|comments?|respond|replies|reply|comment-form|disqus_thread|more(-\d+)?|jump|page|share|\/)$/i;

/**
 * The address that identifies an article whatever link variant a feed used: tracking
 * parameters and sessions removed, host lower-cased, default port and trailing slash dropped. A fragment
 * is dropped too unless it names a place of its own on the page: a blog that posts many short
 * items on one page per day links each as `/2017/06/26.html#a080605`, and those are
 * different stories. `http:` and `https:`, and a host with or without `www.`, are one site
 * (a publisher's old feed links `http://www.`, its new one and the aggregators `https://`),
 * so the key is always `https:` without `www.`: a key to compare, not an address to follow.
 */
export function canonicalUrl(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.protocol === 'http:') url.protocol = 'https:';
  // a fully qualified name (`agency.example.`) is the same host
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  if (url.hostname.startsWith('www.') && url.hostname.indexOf('.', 4) > 0) url.hostname = url.hostname.slice(4);
  if (PAGE_FRAGMENT.test(url.hash.slice(1))) url.hash = '';
  if (url.pathname.includes(';')) url.pathname = url.pathname.replace(PATH_SESSION, '');
  // a feed that escaped its links twice lists `?id=5&amp;utm_source=rss`: the parameter is `utm_source`
  if (/[?&]amp;/i.test(url.search)) url.search = url.search.replace(/([?&])(?:amp;)+/gi, '$1');
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href;
}

/**
 * The most UTF-8 bytes of a key or canonical address stored as it is. PostgreSQL indexes at
 * most 2,704 bytes of a row, and a value over that fails the whole poll's insert, so a feed
 * whose guids or links run longer (a sloppy one, or a hostile one) would never be stored. No
 * real id or article address comes near it.
 */
export const MOST_INDEXED_BYTES = 2_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `kind:value`, or `kind#sha256:<hash of value>` for a value too long to index. */
function indexableKey(kind: 'guid' | 'url', value: string): string {
  const key = `${kind}:${value}`;
  return Buffer.byteLength(key) <= MOST_INDEXED_BYTES ? key : `${kind}#sha256:${sha256(value)}`;
}

/**
 * The items of one document, each keyed apart: a guid the document gives several articles (a
 * publishing system that writes its home page, or one number, as every item's guid) names
 * none of them, so each of those is keyed by its article's canonical address instead, and
 * none is taken for a repeat of the first. An article listed twice under one guid stays one.
 */
export function withDistinctKeys<T extends { dedupeKey: string; canonicalUrl?: string | null }>(items: T[]): T[] {
  const articles = new Map<string, Set<string>>();
  for (const { dedupeKey: key, canonicalUrl: url } of items) {
    if (!url || !key.startsWith('guid')) continue;
    const seen = articles.get(key) ?? new Set<string>();
    seen.add(url);
    articles.set(key, seen);
  }
  return items.map((item) => (item.canonicalUrl && (articles.get(item.dedupeKey)?.size ?? 0) > 1 ? { ...item, dedupeKey: indexableKey('url', item.canonicalUrl) } : item));
}

/** A canonical address short enough to index (see MOST_INDEXED_BYTES), or null. */
export function indexableUrl(url: string | null): string | null {
  return url !== null && Buffer.byteLength(url) <= MOST_INDEXED_BYTES ? url : null;
}

/**
 * Whether a guid is a site's home page (https://agency.example/), which names no article: a
 * publishing system that writes it as every item's guid would have each new article, read on
 * its own (a push of one item), taken for a correction of the last.
 */
function isSiteRoot(guid: string): boolean {
  if (!/^https?:\/\//i.test(guid)) return false;
  try {
    const url = new URL(guid);
    return url.pathname === '/' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/**
 * The key under which an item is stored once per feed: its guid (unless it is the site's home
 * page), else its canonical URL, else its title; one too long to index is kept by its hash.
 */
export function dedupeKey(item: ParsedItem): string {
  const guid = item.guid?.trim();
  if (guid && !isSiteRoot(guid)) return indexableKey('guid', guid);
  const link = item.originalLink ?? item.link;
  const url = link ? canonicalUrl(link) : null;
  if (url) return indexableKey('url', url);
  const title = `${item.title ?? ''}\n${item.published ?? ''}\n${item.summary ?? ''}`;
  return `hash:${sha256(title).slice(0, 32)}`;
}
