/**
 * Escaping for text that comes from feeds: titles and summaries are written by whoever
 * runs a feed, so they must never become markup, mentions or links in a message.
 */

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Slack's mrkdwn: only &, < and > are control characters (`<!channel>`, `<url|text>`). */
export const escapeSlack = (text: string): string =>
  text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/** Markdown as Teams' Adaptive Cards read it: backslash every character that could start markup. */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);

/** One line: newlines and control characters become spaces (e-mail subjects, headings). */
export const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

/** Shortened to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The URL when it is an absolute http(s) URL, else null: a feed's `javascript:` link is never sent on. */
export function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
