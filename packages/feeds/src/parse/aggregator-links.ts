import { httpUrlFrom } from './feed-urls.ts';

// News aggregators' feeds (Google Alerts, Google News, Bing News) link every item to a
// redirect on the aggregator's own host, which records the click and forwards to the
// outlet's article. The article's address is inside the redirect: read, it lets a story link
// straight to the outlet and be recognised as the article another feed lists.

const GOOGLE_HOST = /(^|\.)google\.[a-z]{2,3}(\.[a-z]{2})?$/;
const BING_HOST = /(^|\.)bing\.com$/;
const AGGREGATOR_HINT = /google\.|bing\.com/i;

/**
 * What an aggregator's redirect link says: `aggregator` names it ("google-news"), `article`
 * is the outlet's article it leads to: Google's `/url?url=` (Google Alerts), Bing News'
 * `/news/apiclick.aspx?url=` and Google News' `/articles/<id>`, whose id holds the address
 * (in the ids Google gave until 2024; newer ones are opaque, and `article` is null). Null
 * when the link is no aggregator's redirect.
 * @example readAggregatorLink('https://www.google.com/url?rct=j&url=https://news.example/a&ct=ga') // { aggregator: 'google', article: 'https://news.example/a' }
 */
export function readAggregatorLink(link: string | null | undefined): { aggregator: 'google' | 'google-news' | 'bing'; article: string | null } | null {
  // most links are no aggregator's: they are not parsed
  if (!link || !AGGREGATOR_HINT.test(link)) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  const safe = (target: string | null) => (target ? httpUrlFrom(target, link) : null);
  if (host === 'news.google.com') {
    const id = /\/articles\/([A-Za-z0-9_-]+)/.exec(url.pathname)?.[1];
    return id ? { aggregator: 'google-news', article: safe(addressInGoogleNewsId(id)) } : null;
  }
  if (GOOGLE_HOST.test(host) && url.pathname === '/url') {
    return { aggregator: 'google', article: safe(url.searchParams.get('url') ?? url.searchParams.get('q')) };
  }
  if (BING_HOST.test(host) && url.pathname.toLowerCase() === '/news/apiclick.aspx') {
    return { aggregator: 'bing', article: safe(url.searchParams.get('url')) };
  }
  return null;
}

/** The outlet's article an aggregator's redirect leads to, when the link says it (see readAggregatorLink). */
export function articleBehindRedirect(link: string | null | undefined): string | null {
  return readAggregatorLink(link)?.article ?? null;
}

/**
 * Google News' article id is a protocol-buffers message, base64url-encoded; its first
 * length-delimited field holding an http(s) address is the article's.
 */
function addressInGoogleNewsId(id: string): string | null {
  const bytes = Buffer.from(id, 'base64url');
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; at < bytes.length && shift < 35; shift += 7) {
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return -1;
  };
  while (at < bytes.length) {
    const key = varint();
    if (key < 0) return null;
    const wireType = key & 7;
    if (wireType === 0) {
      if (varint() < 0) return null;
    } else if (wireType === 2) {
      const length = varint();
      if (length < 0 || at + length > bytes.length) return null;
      const field = bytes.subarray(at, at + length).toString('utf8');
      at += length;
      if (/^https?:\/\//.test(field)) return field;
    } else if (wireType === 5) {
      at += 4;
    } else if (wireType === 1) {
      at += 8;
    } else {
      return null;
    }
  }
  return null;
}
