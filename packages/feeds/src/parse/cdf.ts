import { isTag, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { parseFeedDate } from './feed-dates.ts';
import { resolveUrl } from './feed-urls.ts';
import type { AdaptedFeed, AdaptedItem } from './adapted-feed.ts';
import type { ParseFeedOptions } from './parsed-feed.ts';
import { htmlToPlainText } from './plain-text.ts';

// Microsoft's Channel Definition Format (<CHANNEL HREF LASTMOD><TITLE><ABSTRACT><ITEM>),
// which a few old publishers still serve. rss-parser does not know it; it is small
// enough to read from htmlparser2's tree, names compared case-insensitively.

function childElements(element: Element, name: string): Element[] {
  return element.children.filter(isTag).filter((child) => child.name.toLowerCase() === name);
}

function textOf(element: Element | undefined): string {
  if (!element) return '';
  return element.children.map((child) => ('data' in child ? String(child.data) : isTag(child) ? textOf(child) : '')).join('');
}

function attribute(element: Element, name: string): string | undefined {
  for (const [key, value] of Object.entries(element.attribs)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function adaptItem(item: Element, base: string | null): AdaptedItem {
  const abstract = textOf(childElements(item, 'abstract')[0]);
  return {
    guid: null,
    title: htmlToPlainText(textOf(childElements(item, 'title')[0])),
    link: resolveUrl(attribute(item, 'href'), base),
    published: null,
    updated: parseFeedDate(attribute(item, 'lastmod')),
    author: null,
    summary: htmlToPlainText(abstract),
    content: abstract.trim() ? { kind: 'html', value: abstract, base } : null,
    categories: [],
  };
}

/** Reads a CDF document into the normalised model. */
export function parseCdf(text: string, options: ParseFeedOptions = {}): AdaptedFeed {
  const document = parseDocument(text, { xmlMode: true });
  const channel = document.children.filter(isTag).find((node) => node.name.toLowerCase() === 'channel');
  if (!channel) return { title: null, link: null, description: null, language: null, updated: null, author: null, items: [] };
  const base = options.baseUrl ?? null;
  const items: Element[] = [];
  const collect = (parent: Element) => {
    for (const item of childElements(parent, 'item')) items.push(item);
    for (const nested of childElements(parent, 'channel')) collect(nested);
  };
  collect(channel);
  return {
    title: htmlToPlainText(textOf(childElements(channel, 'title')[0])),
    link: resolveUrl(attribute(channel, 'href'), base),
    description: htmlToPlainText(textOf(childElements(channel, 'abstract')[0])),
    language: null,
    updated: parseFeedDate(attribute(channel, 'lastmod')),
    author: null,
    items: items.map((item) => adaptItem(item, base)),
  };
}
