import { HttpUrlSchema } from './feed.ts';

/**
 * The address to add for what a user typed: a bare host or path ("eff.org/rss") gets https://,
 * anything else must already be an http(s) address. Null when it cannot be one.
 * @example feedAddress('www.eff.org') // 'https://www.eff.org/'
 */
export function feedAddress(typed: string): string | null {
  const text = typed.trim();
  if (!text || /\s/.test(text)) return null;
  // "host.tld" or "host.tld/path", with no scheme of its own
  const bare = /^(\/\/)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#]|$)/u.test(text);
  const candidate = bare ? `https://${text.replace(/^\/\//, '')}` : text;
  const parsed = HttpUrlSchema.safeParse(candidate);
  return parsed.success ? new URL(parsed.data).href : null;
}

/**
 * The addresses in a pasted list (separated by spaces or line breaks), each once, in order,
 * and the parts that are no address.
 * @example feedAddresses('eff.org https://www.eff.org/ ftp://x') // { addresses: ['https://eff.org/'], refused: ['ftp://x'] }
 */
export function feedAddresses(typed: string): { addresses: string[]; refused: string[] } {
  const addresses: string[] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  for (const part of typed.split(/\s+/).filter(Boolean)) {
    const address = feedAddress(part);
    if (!address) refused.push(part);
    else if (!seen.has(feedUrlKey(address))) {
      seen.add(feedUrlKey(address));
      addresses.push(address);
    }
  }
  return { addresses, refused };
}

/**
 * What makes two feed addresses the same feed: the host without `www.` and the case of its
 * letters, the port other than the scheme's own, the path without a trailing slash, the
 * query; not the scheme (a feed moved to https is the same feed) nor the fragment.
 * @example feedUrlKey('http://www.EFF.org/rss/updates.xml/') === feedUrlKey('https://eff.org/rss/updates.xml') // true
 */
export function feedUrlKey(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return `${parsed.hostname.toLowerCase().replace(/^www\./, '')}${port}${path}${parsed.search}`;
}
