import { parseFeedDate } from './feed-dates.ts';
import { asPlainText, atomText, rssText, summaryFromContent } from './feed-text.ts';
import { baseOf, httpUrlFrom, resolveUrl } from './feed-urls.ts';
import { languageTag } from './language-tag.ts';
import type { AdaptedFeed, AdaptedItem } from './adapted-feed.ts';
import type { ParseFeedOptions } from './parsed-feed.ts';
import type { XmlFeedDocument } from './rss-atom.ts';
import { attributeOf, childOf, childrenOf, filledChildOf, textOf, type XmlNode } from './xml-node.ts';

// RSS 0.9x, 1.0 (RDF) and 2.0, with the Dublin Core, content, xhtml and Atom elements
// publishers mix in, adapted to the normalised model. Where several elements can give
// a field, the list order is the precedence.

/**
 * A date element's text, then, where a CMS put HTML in it (Drupal writes
 * `<pubDate><time datetime="2019-05-03T19:21:28Z">Fri, 05/03/2019 - 15:21</time></pubDate>`),
 * the nested time's machine-readable value and its text.
 */
function dateTexts(node: XmlNode): string[] {
  return [textOf(node), ...childrenOf(node, 'time').flatMap((time) => [attributeOf(time, 'datetime') ?? '', textOf(time)])];
}

function dateOf(node: XmlNode | undefined, ...names: string[]): string | null {
  for (const name of names) {
    for (const child of childrenOf(node, name)) {
      for (const text of dateTexts(child)) {
        const date = parseFeedDate(text);
        if (date) return date;
      }
    }
  }
  return null;
}

function plainOf(node: XmlNode | undefined, base: string | null, ...names: string[]): string | null {
  return asPlainText(rssText(filledChildOf(node, ...names), base));
}

/** A person: text of the first filled element, or an Atom <author><name>. */
function personOf(node: XmlNode | undefined, base: string | null, ...names: string[]): string | null {
  const direct = plainOf(node, base, ...names);
  if (direct) return direct;
  const atomAuthor = childOf(node, 'atom:author');
  return plainOf(atomAuthor, base, 'atom:name') ?? plainOf(atomAuthor, base, 'atom:email');
}

/** The first Atom link that is the alternate (rel absent or "alternate") and has an href. */
export function alternateLink(node: XmlNode | undefined, base: string | null, name: string): string | null {
  for (const link of childrenOf(node, name)) {
    const rel = attributeOf(link, 'rel')?.trim() ?? 'alternate';
    // some publishers put the URL in the element's text instead of its href
    const href = attributeOf(link, 'href') ?? textOf(link);
    if (rel === 'alternate' && href.trim()) return resolveUrl(href, baseOf(link, base));
  }
  return null;
}

/** RFC 5005's relations to the document with the items before a feed's: a paged feed's next page, an archived feed's latest archive. */
const OLDER_PAGE_RELATIONS = new Set(['next', 'prev-archive']);

/** The first Atom link to the items before this document's (OLDER_PAGE_RELATIONS), when it is an http(s) address. */
export function olderPageLink(node: XmlNode | undefined, base: string | null, name: string): string | null {
  for (const link of childrenOf(node, name)) {
    // a relation may be written as its IANA registry address
    const rel = attributeOf(link, 'rel')?.trim().toLowerCase().replace(/^https?:\/\/www\.iana\.org\/assignments\/relation\//, '');
    const url = rel && OLDER_PAGE_RELATIONS.has(rel) ? httpUrlFrom(attributeOf(link, 'href'), baseOf(link, base)) : null;
    if (url) return url;
  }
  return null;
}

/**
 * WordPress serves a feed's older items at `?paged=2`, `?paged=3`… of the feed's own address,
 * though its feeds name no link to them: the next page of a document WordPress made
 * (madeByWordPress), or null.
 * @example wordPressOlderPage(channel, ['https://ngo.example/?p=12'], 'https://ngo.example/feed/') // 'https://ngo.example/feed/?paged=2'
 */
export function wordPressOlderPage(feed: XmlNode, ids: readonly (string | null)[], documentUrl: string | null | undefined): string | null {
  if (!documentUrl || !URL.canParse(documentUrl)) return null;
  const url = new URL(documentUrl);
  if (!madeByWordPress(feed, ids, url)) return null;
  const page = Number(url.searchParams.get('paged') ?? '1');
  if (!Number.isSafeInteger(page) || page < 1 || !/^https?:$/.test(url.protocol)) return null;
  url.searchParams.set('paged', String(page + 1));
  return url.href;
}

/** The id WordPress gives a post, when its permalinks are not the ids: `https://ngo.example/?p=123`. */
const WORDPRESS_POST_ID = /^https?:\/\/[^/?#]+\/(?:[^?#]*\/)?\?p=\d+$/i;

/**
 * Whether WordPress made a document: its `<generator>` says so; or, as security plugins remove
 * that, the feed additions WordPress.com and Jetpack write (`<site xmlns="com-wordpress:…">`),
 * or items whose ids are all WordPress post ids on the document's own host (not a proxy's,
 * as FeedBurner's, nor a planet's of many blogs, which serve no such pages).
 */
function madeByWordPress(feed: XmlNode, ids: readonly (string | null)[], documentUrl: URL): boolean {
  const generator = childOf(feed, 'generator');
  if (generator && /\bwordpress\.(?:org|com)\b|^\s*wordpress\b/i.test(`${attributeOf(generator, 'uri') ?? ''} ${textOf(generator)}`.trim())) return true;
  if (childrenOf(feed, 'site').some((site) => attributeOf(site, 'xmlns')?.startsWith('com-wordpress:feed-additions:'))) return true;
  const host = siteHost(documentUrl);
  return ids.length > 0 && ids.every((id) => isPostIdOn(id?.trim() ?? '', host));
}

function isPostIdOn(id: string, host: string): boolean {
  return WORDPRESS_POST_ID.test(id) && URL.canParse(id) && siteHost(new URL(id)) === host;
}

/** A site's host, whatever its port, with or without `www.`. */
const siteHost = (url: URL): string => url.hostname.replace(/^www\./, '');

function linkOf(node: XmlNode | undefined, base: string | null): string | null {
  for (const link of childrenOf(node, 'link')) {
    const href = textOf(link).trim() || attributeOf(link, 'href');
    if (href) return resolveUrl(href, baseOf(link, base));
  }
  return alternateLink(node, base, 'atom:link');
}

function guidOf(item: XmlNode): { guid: string | null; permalink: string | null } {
  const guid = filledChildOf(item, 'guid');
  if (guid !== undefined) {
    const value = textOf(guid).trim();
    const isPermaLink = attributeOf(guid, 'isPermaLink')?.trim().toLowerCase() !== 'false';
    return { guid: value, permalink: isPermaLink && /^https?:\/\//i.test(value) ? value : null };
  }
  const other = attributeOf(item, 'rdf:about') ?? textOf(filledChildOf(item, 'atom:id', 'dc:identifier')).trim();
  return { guid: other || null, permalink: null };
}

function categoriesOf(item: XmlNode): string[] {
  const categories: string[] = [];
  const add = (value: string | null | undefined) => {
    const trimmed = value?.replace(/\s+/g, ' ').trim();
    if (trimmed && !categories.includes(trimmed)) categories.push(trimmed);
  };
  for (const category of childrenOf(item, 'category')) add(textOf(category));
  for (const subject of childrenOf(item, 'dc:subject')) add(textOf(subject));
  for (const category of childrenOf(item, 'atom:category')) add(attributeOf(category, 'term') ?? textOf(category));
  return categories;
}

/** FeedBurner and similar proxies keep the publisher's URL in feedburner:origLink. */
function originalLinkOf(node: XmlNode, base: string | null): string | undefined {
  const href = textOf(childOf(node, 'feedburner:origLink')).trim();
  return (href && resolveUrl(href, base)) || undefined;
}

function adaptItem(item: XmlNode, channelBase: string | null): AdaptedItem {
  const base = baseOf(item, channelBase);
  const { guid, permalink } = guidOf(item);
  const summaryNode = filledChildOf(item, 'description', 'dc:description', 'atom:summary', 'itunes:summary', 'itunes:subtitle');
  const summary = summaryNode === undefined ? null : rssText(summaryNode, base, true);
  const contentNode = filledChildOf(item, 'content:encoded', 'xhtml:body', 'body', 'xhtml:div', 'atom:content', 'content', 'fullitem');
  const content =
    contentNode === undefined
      ? null
      : contentNode === childOf(item, 'atom:content')
        ? atomText(contentNode, base)
        : rssText(contentNode, base, true);
  return {
    guid,
    title: plainOf(item, base, 'title', 'dc:title', 'atom:title'),
    link: linkOf(item, base) ?? (permalink ? resolveUrl(permalink, base) : null),
    published: dateOf(item, 'pubDate', 'dcterms:issued', 'atom:published', 'dcterms:created', 'issued'),
    updated: dateOf(item, 'dc:date', 'dcterms:modified', 'atom:updated', 'modified'),
    author: personOf(item, base, 'author', 'dc:creator', 'dc:author', 'itunes:author', 'dc:contributor'),
    summary: asPlainText(summary) ?? summaryFromContent(content),
    content: content ?? summary,
    categories: categoriesOf(item),
    originalLink: originalLinkOf(item, base),
    // the outlet an aggregator's item comes from: RSS's <source> (Google News), Bing News' own
    outletName: plainOf(item, base, 'source', 'News:Source'),
  };
}

/** Adapts an RSS or RDF document read by rss-parser to the normalised model. */
export function adaptRss(document: XmlFeedDocument, options: ParseFeedOptions = {}): AdaptedFeed {
  const { root, channel } = document;
  const base = baseOf(channel, baseOf(root, options.baseUrl ?? null));
  const language =
    textOf(filledChildOf(channel, 'language', 'dc:language')).trim() ||
    attributeOf(channel, 'xml:lang') ||
    attributeOf(root, 'xml:lang') ||
    null;
  const items = document.items.map((item) => adaptItem(item, base));
  return {
    title: plainOf(channel, base, 'title', 'dc:title', 'atom:title'),
    link: linkOf(channel, base),
    description: asPlainText(
      rssText(filledChildOf(channel, 'description', 'dc:description', 'atom:subtitle', 'itunes:subtitle', 'itunes:summary'), base, true),
    ),
    language: languageTag(language),
    updated: dateOf(channel, 'lastBuildDate', 'dc:date', 'dcterms:modified', 'atom:updated'),
    author: personOf(channel, base, 'managingEditor', 'dc:creator', 'dc:author', 'author', 'itunes:author', 'webMaster', 'dc:publisher'),
    items,
    olderPage: olderPageLink(channel, base, 'atom:link') ?? wordPressOlderPage(channel, items.map((item) => item.guid), options.baseUrl),
  };
}
