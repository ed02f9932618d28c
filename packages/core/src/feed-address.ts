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
