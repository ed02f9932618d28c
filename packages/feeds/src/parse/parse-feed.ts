import Parser from 'rss-parser';
import { FeedParseError, type ParsedFeed, type ParseFeedOptions } from './parsed-feed.ts';

const parser = new Parser();

const text = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const plain = value.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain || null;
};
const iso = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/** Parses feed bytes (RSS, RDF or Atom) into the normalised model. */
export async function parseFeed(input: Uint8Array | string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const source = typeof input === 'string' ? input : new TextDecoder().decode(input);
  if (!/<(rss|feed|rdf:RDF)[\s>]/i.test(source)) throw new FeedParseError('not a feed: no <rss>, <feed> or <rdf:RDF> root');
  let feed;
  try {
    feed = await parser.parseString(source);
  } catch (error) {
    throw new FeedParseError(`invalid feed XML: ${(error as Error).message}`);
  }
  const resolve = (link: unknown) => {
    if (typeof link !== 'string' || !link.trim()) return null;
    try {
      return new URL(link.trim(), options.baseUrl ?? undefined).href;
    } catch {
      return null;
    }
  };
  return {
    title: text(feed.title),
    link: resolve(feed.link),
    description: text(feed.description),
    language: typeof feed.language === 'string' ? feed.language : null,
    updated: iso(feed.lastBuildDate),
    author: null,
    items: feed.items.map((item) => ({
      guid: item.guid ?? (item as { id?: string }).id ?? null,
      title: text(item.title),
      link: resolve(item.link),
      published: iso(item.isoDate ?? item.pubDate),
      updated: null,
      author: text(item.creator ?? (item as { author?: string }).author),
      summary: text(item.contentSnippet ?? item.summary),
      contentHtml: item.content ?? null,
      categories: item.categories ?? [],
    })),
  };
}
