/**
 * The href for a link to an article, or null when the URL is not http(s): feeds are
 * untrusted, and a `javascript:` or `data:` URL must never become clickable.
 */
export function articleHref(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The host name shown beside a source, without a leading www. */
export function displayHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
