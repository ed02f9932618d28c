import type { Story } from '@radar/core';
import { articleHref } from './safe-link.ts';

/** A list of stories ready to paste into an e-mail or a document: plain text and HTML. */
export interface Briefing {
  text: string;
  html: string;
  /** How many stories it lists (one per event). */
  count: number;
}

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text from a feed as HTML text or attribute value: it is never markup. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
/** One line: a feed's title may hold line breaks and tabs. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function dateOf(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : day.format(new Date(time));
}

/**
 * The stories as a briefing, newest first as given, one per event (an event's newest report,
 * as the stream shows it): a heading, then each story's headline, outlet, date and link.
 * Links are kept only when http(s); everything from a feed is escaped in the HTML.
 */
export function briefing(stories: readonly Story[], heading: string): Briefing {
  const events = new Set<string>();
  const listed = stories.filter((story) => {
    if (story.clusterId === null) return true;
    if (events.has(story.clusterId)) return false;
    events.add(story.clusterId);
    return true;
  });
  const entries = listed.map((story) => ({
    title: oneLine(story.title),
    source: oneLine(story.source.title),
    date: dateOf(story.publishedAt),
    href: articleHref(story.url),
  }));
  const text = [
    oneLine(heading),
    ...entries.map((entry) => [`• ${entry.title}`, `  ${[entry.source, entry.date].filter(Boolean).join(' · ')}`, ...(entry.href ? [`  ${entry.href}`] : [])].join('\n')),
  ].join('\n\n');
  const items = entries.map((entry) => {
    const headline = entry.href ? `<a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a>` : escapeHtml(entry.title);
    return `<li>${headline}<br><small>${escapeHtml([entry.source, entry.date].filter(Boolean).join(' · '))}</small></li>`;
  });
  const html = `<p><strong>${escapeHtml(oneLine(heading))}</strong></p><ul>${items.join('')}</ul>`;
  return { text, html, count: entries.length };
}
