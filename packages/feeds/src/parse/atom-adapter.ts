import { parseFeedDate } from './feed-dates.ts';
import { asPlainText, atomText, summaryFromContent } from './feed-text.ts';
import { baseOf, isAbsoluteUri, resolveUrl } from './feed-urls.ts';
import { languageTag } from './language-tag.ts';
import type { AdaptedFeed, AdaptedItem } from './adapted-feed.ts';
import type { ParseFeedOptions } from './parsed-feed.ts';
import { alternateLink, olderPageLink, wordPressOlderPage } from './rss-adapter.ts';
import type { XmlFeedDocument } from './rss-atom.ts';
import { attributeOf, childOf, childrenOf, filledChildOf, textOf, type XmlNode } from './xml-node.ts';

// Atom 1.0 and the older 0.3 (tagline, issued, modified, mode="escaped|base64")
// adapted to the normalised model; text constructs are read by their type.

function dateOf(node: XmlNode | undefined, ...names: string[]): string | null {
  for (const name of names) {
    for (const child of childrenOf(node, name)) {
      const date = parseFeedDate(textOf(child));
      if (date) return date;
    }
  }
  return null;
}

function textConstruct(node: XmlNode | undefined, base: string | null, ...names: string[]): string | null {
  for (const name of names) {
    for (const child of childrenOf(node, name)) {
      const text = asPlainText(atomText(child, base));
      if (text) return text;
    }
  }
  return null;
}

function personOf(node: XmlNode | undefined, base: string | null): string | null {
  for (const name of ['author', 'dc:creator', 'contributor']) {
    for (const person of childrenOf(node, name)) {
      if (typeof person === 'string') {
        if (person.trim()) return person.replace(/\s+/g, ' ').trim();
        continue;
      }
      const personBase = baseOf(person, base);
      const text = textConstruct(person, personBase, 'name') ?? textConstruct(person, personBase, 'email');
      if (text) return text;
    }
  }
  return null;
}

function idOf(entry: XmlNode, base: string | null): string | null {
  const id = filledChildOf(entry, 'id', 'guid');
  if (id === undefined) return null;
  const value = textOf(id).trim();
  // a relative id is relative to the entry's base, as any Atom IRI
  if (!isAbsoluteUri(value)) {
    const idBase = baseOf(id, base);
    if (idBase) return resolveUrl(value, idBase) ?? value;
  }
  return value;
}

function categoriesOf(entry: XmlNode): string[] {
  const categories: string[] = [];
  for (const category of childrenOf(entry, 'category')) {
    const term = (attributeOf(category, 'term') ?? attributeOf(category, 'label') ?? textOf(category)).replace(/\s+/g, ' ').trim();
    if (term && !categories.includes(term)) categories.push(term);
  }
  for (const subject of childrenOf(entry, 'dc:subject')) {
    const term = textOf(subject).trim();
    if (term && !categories.includes(term)) categories.push(term);
  }
  return categories;
}

/** FeedBurner and similar proxies keep the publisher's URL in feedburner:origLink. */
function originalLinkOf(node: XmlNode, base: string | null): string | undefined {
  const href = textOf(childOf(node, 'feedburner:origLink')).trim();
  return (href && resolveUrl(href, base)) || undefined;
}

function adaptEntry(entry: XmlNode, feedBase: string | null, feedAuthor: string | null): AdaptedItem {
  const base = baseOf(entry, feedBase);
  const contentNode = childrenOf(entry, 'content').find((node) => attributeOf(node, 'src') === undefined);
  const content = atomText(contentNode, base);
  const summary = atomText(filledChildOf(entry, 'summary'), base);
  return {
    guid: idOf(entry, base),
    title: textConstruct(entry, base, 'title', 'dc:title'),
    link: alternateLink(entry, base, 'link'),
    published: dateOf(entry, 'published', 'issued', 'created', 'dcterms:issued'),
    updated: dateOf(entry, 'updated', 'modified', 'dc:date', 'dcterms:modified'),
    author: personOf(entry, base) ?? personOf(childOf(entry, 'source'), base) ?? feedAuthor,
    summary: asPlainText(summary) ?? summaryFromContent(content),
    content: content ?? summary,
    categories: categoriesOf(entry),
    originalLink: originalLinkOf(entry, base),
  };
}

/** Adapts an Atom document read by rss-parser to the normalised model. */
export function adaptAtom(document: XmlFeedDocument, options: ParseFeedOptions = {}): AdaptedFeed {
  const feed = document.root;
  const base = baseOf(feed, options.baseUrl ?? null);
  const author = personOf(feed, base);
  const language = attributeOf(feed, 'xml:lang') ?? textOf(filledChildOf(feed, 'dc:language'));
  const items = document.items.map((entry) => adaptEntry(entry, base, author));
  return {
    title: textConstruct(feed, base, 'title', 'dc:title'),
    link: alternateLink(feed, base, 'link'),
    description: textConstruct(feed, base, 'subtitle', 'tagline', 'dc:description'),
    language: languageTag(language),
    updated: dateOf(feed, 'updated', 'modified', 'dc:date', 'dcterms:modified'),
    author,
    items,
    olderPage: olderPageLink(feed, base, 'link') ?? wordPressOlderPage(feed, items.map((entry) => entry.guid), options.baseUrl),
  };
}
