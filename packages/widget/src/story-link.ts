/**
 * The href for a story's link, or null unless it is http(s): stories come from feeds
 * nobody here controls, and a `javascript:` or `data:` URL must never become clickable.
 */
export function storyHref(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The publisher's host, shown when a story's source has no title. */
export function storyHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
