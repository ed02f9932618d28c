import { filterToSearchParams, type StoryFilter } from '@radar/core';

export type EmbedTheme = 'auto' | 'light' | 'dark';

/** What the embed builder has chosen: a stream and how it looks. */
export interface EmbedChoice {
  filter: StoryFilter;
  theme: EmbedTheme;
  compact: boolean;
  limit: number;
  /** The widget token, when one was just created; else a placeholder is written. */
  token: string | null;
}

export const TOKEN_PLACEHOLDER = 'YOUR-WIDGET-TOKEN';

const attribute = (name: string, value: string) => `${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`;

/** The attributes of <radar-stream> for a choice, in the order the README documents them. */
export function widgetAttributes(choice: EmbedChoice, token: string | null = choice.token): [string, string][] {
  const { filter } = choice;
  const attributes: [string, string][] = [];
  if (filter.countries.length) attributes.push(['countries', filter.countries.join(',')]);
  if (filter.companies.length) attributes.push(['companies', filter.companies.join(',')]);
  if (filter.topics.length) attributes.push(['topics', filter.topics.join(',')]);
  // a widget names one folder (a folder's name may hold a comma)
  if (filter.folders[0]) attributes.push(['folder', filter.folders[0]]);
  if (filter.q) attributes.push(['q', filter.q]);
  if (filter.relevantOnly) attributes.push(['relevant', '']);
  attributes.push(['limit', String(choice.limit)], ['theme', choice.theme]);
  if (choice.compact) attributes.push(['compact', '']);
  if (token !== null) attributes.push(['token', token]);
  return attributes;
}

/** The two lines to paste into a page that allows scripts. */
export function scriptSnippet(origin: string, choice: EmbedChoice): string {
  const attributes = widgetAttributes(choice, choice.token ?? TOKEN_PLACEHOLDER)
    .map(([name, value]) => (value === '' && (name === 'compact' || name === 'relevant') ? name : attribute(name, value)))
    .join(' ');
  return `<script src="${origin}/widget.js" async></script>\n<radar-stream ${attributes}></radar-stream>`;
}

/** The address of the same stream as a page of its own, for /embed/stream. */
export function embedUrl(origin: string, choice: EmbedChoice): string {
  const params = filterToSearchParams(choice.filter);
  params.set('limit', String(choice.limit));
  params.set('theme', choice.theme);
  if (choice.compact) params.set('compact', '1');
  params.set('token', choice.token ?? TOKEN_PLACEHOLDER);
  return `${origin}/embed/stream?${params}`;
}

/** The iframe for pages that allow no scripts; its height fits the number of stories. */
export function iframeSnippet(origin: string, choice: EmbedChoice): string {
  const perStory = choice.compact ? 58 : 112;
  const height = 90 + perStory * choice.limit;
  return `<iframe src="${embedUrl(origin, choice).replace(/&/g, '&amp;')}" title="Policy Radar stories" width="400" height="${height}" style="border:0" loading="lazy"></iframe>`;
}

/** RSS, Atom and JSON Feed addresses of the same filter (no token needed: feeds are public). */
export function feedUrls(origin: string, filter: StoryFilter): { rss: string; atom: string; json: string } {
  const query = filterToSearchParams(filter).toString();
  const url = (extension: string) => `${origin}/api/stories.${extension}${query ? `?${query}` : ''}`;
  return { rss: url('rss'), atom: url('atom'), json: url('json') };
}
