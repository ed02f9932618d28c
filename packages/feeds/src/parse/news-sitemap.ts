import { isTag, type Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { parseFeedDate } from './feed-dates.ts';
import { resolveUrl } from './feed-urls.ts';
import type { AdaptedFeed, AdaptedItem } from './adapted-feed.ts';
import { FeedParseError, type ParseFeedOptions } from './parsed-feed.ts';
import { htmlToPlainText } from './plain-text.ts';

// A Google News sitemap (<urlset> of <url><loc> with <news:news>: title, publication date,
// publication name and language): what many newsrooms and some ministries publish for search
// engines instead of a feed. Read from htmlparser2's tree, as CDF is; elements are matched by
// their local name, whatever prefix the document binds the namespaces to.

const localName = (element: Element) => element.name.slice(element.name.indexOf(':') + 1).toLowerCase();

function child(element: Element | undefined, name: string): Element | undefined {
  return element?.children.find((node): node is Element => isTag(node) && localName(node) === name);
}

function children(element: Element, name: string): Element[] {
  return element.children.filter((node): node is Element => isTag(node) && localName(node) === name);
}

/** The text inside an element, CDATA sections and the text of child elements included (comments not). */
const textOf = (element: Element | undefined): string => (element ? DomUtils.textContent(element).trim() : '');

/** The news entry of one <url>, or null for a page that is not a story (a section, a tag page). */
function adaptUrl(url: Element, base: string | null): (AdaptedItem & { publication: string; language: string }) | null {
  const news = child(url, 'news');
  const title = htmlToPlainText(textOf(child(news, 'title')));
  const link = resolveUrl(textOf(child(url, 'loc')), base);
  if (!news || !title || !link) return null;
  const publication = child(news, 'publication');
  return {
    guid: null,
    title,
    link,
    published: parseFeedDate(textOf(child(news, 'publication_date'))),
    updated: parseFeedDate(textOf(child(url, 'lastmod'))),
    author: null,
    summary: null,
    content: null,
    categories: textOf(child(news, 'keywords'))
      .split(',')
      .map((keyword) => keyword.trim())
      .filter(Boolean),
    publication: htmlToPlainText(textOf(child(publication, 'name'))) ?? '',
    language: textOf(child(publication, 'language')),
  };
}

/**
 * Reads a Google News sitemap into the normalised model: one item per <url> that carries a
 * news entry. A sitemap listing pages without news entries is not a feed: it names no story.
 */
export function parseNewsSitemap(text: string, options: ParseFeedOptions = {}): AdaptedFeed {
  const document = parseDocument(text, { xmlMode: true });
  const urlset = document.children.filter(isTag).find((node) => localName(node) === 'urlset');
  const base = options.baseUrl ?? null;
  const urls = urlset ? children(urlset, 'url') : [];
  const entries = urls.flatMap((url) => adaptUrl(url, base) ?? []);
  if (entries.length === 0 && urls.length > 0) {
    throw new FeedParseError(
      `not a feed: a sitemap of ${urls.length.toLocaleString('en')} ${urls.length === 1 ? 'page' : 'pages'} without news entries (only a Google News sitemap, with <news:news>, names its stories)`,
    );
  }
  const first = entries[0];
  return {
    title: first?.publication || null,
    link: base ? `${new URL(base).origin}/` : null,
    description: null,
    language: first?.language || null,
    updated: null,
    author: null,
    items: entries.map(({ publication: _publication, language: _language, ...item }) => item),
  };
}

/**
 * The error for a sitemap index, which lists sitemaps rather than stories: it names the one
 * that looks like the news sitemap, else the first.
 */
export function sitemapIndexError(text: string): FeedParseError {
  const locations = [...text.slice(0, 200_000).matchAll(/<(?:\w+:)?loc>\s*([^<\s]+)\s*<\/(?:\w+:)?loc>/g)].map((match) => match[1]!);
  const news = locations.find((location) => /news/i.test(location));
  const hint = news ?? locations[0];
  return new FeedParseError(`not a feed: a sitemap index, which lists sitemaps${hint ? `: add its news sitemap instead (such as ${hint})` : ''}`);
}
