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
  if (url.hostname.startsWith('www.') && url.hostname.indexOf('.', 4) > 0) url.hostname = url.hostname.slice(4);
  if (PAGE_FRAGMENT.test(url.hash.slice(1))) url.hash = '';
  if (url.pathname.includes(';')) url.pathname = url.pathname.replace(PATH_SESSION, '');
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href;
}

/** The key under which an item is stored once per feed: its guid, else its canonical URL, else its title. */
export function dedupeKey(item: ParsedItem): string {
  const guid = item.guid?.trim();
  if (guid) return `guid:${guid}`;
  const link = item.originalLink ?? item.link;
  const url = link ? canonicalUrl(link) : null;
  if (url) return `url:${url}`;
  const title = `${item.title ?? ''}\n${item.published ?? ''}\n${item.summary ?? ''}`;
  return `hash:${createHash('sha256').update(title).digest('hex').slice(0, 32)}`;
}
