import { parseFeedDate } from './feed-dates.ts';
import type { AdaptedFeed, AdaptedItem } from './adapted-feed.ts';
import { summaryFromContent, type FeedText } from './feed-text.ts';
import { httpUrlFrom, resolveUrl } from './feed-urls.ts';
import { jsonMayHoldForbiddenCharacters, reviveWithoutForbiddenCharacters, withoutForbiddenCharacters } from './forbidden-characters.ts';
import { FeedParseError, type ParsedFeed, type ParseFeedOptions } from './parsed-feed.ts';
import { htmlToPlainText, plainText } from './plain-text.ts';
import { recoverJson } from './recover-json.ts';

// JSON Feed 1.0 and 1.1 (https://jsonfeed.org), which rss-parser does not read, and the
// "RSS in JSON" shape some publishers serve ({"rss": {"channel": {"item": [...]}}}).

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/**
 * JSON.parse, and on failure a second try on the text as recovered by recoverJson; strings
 * lose the characters XML forbids, U+0000 among them.
 */
function parseJson(text: string): unknown {
  const reviver = jsonMayHoldForbiddenCharacters(text) ? reviveWithoutForbiddenCharacters : undefined;
  try {
    return JSON.parse(text, reviver);
  } catch (error) {
    try {
      return JSON.parse(recoverJson(text), reviver);
    } catch {
      throw new FeedParseError(`invalid JSON feed: ${withoutForbiddenCharacters((error as Error).message)}`);
    }
  }
}

function authorOf(object: Json): string | null {
  const authors = Array.isArray(object.authors) ? object.authors : isObject(object.author) ? [object.author] : [];
  for (const author of authors) {
    if (isObject(author)) {
      const name = plainText(stringOf(author.name));
      if (name) return name;
    }
  }
  return typeof object.author === 'string' ? plainText(object.author) : null;
}

function adaptJsonItem(item: Json, base: string | null, feedAuthor: string | null): AdaptedItem {
  const contentHtml = stringOf(item.content_html);
  const contentText = stringOf(item.content_text);
  const content: FeedText | null = contentHtml?.trim()
    ? { kind: 'html', value: contentHtml, base }
    : contentText?.trim()
      ? { kind: 'text', value: contentText, base }
      : null;
  const tags = Array.isArray(item.tags) ? item.tags.map(stringOf).filter((tag): tag is string => !!tag?.trim()) : [];
  const link = resolveUrl(stringOf(item.url) ?? stringOf(item.external_url), base);
  return {
    guid: stringOf(item.id) ?? stringOf(item.guid) ?? stringOf(item.url),
    title: htmlToPlainText(stringOf(item.title)),
    link,
    published: parseFeedDate(stringOf(item.date_published)),
    updated: parseFeedDate(stringOf(item.date_modified)),
    author: authorOf(item) ?? feedAuthor,
    summary: htmlToPlainText(stringOf(item.summary)) ?? summaryFromContent(content),
    content,
    categories: tags.map((tag) => tag.trim()),
  };
}

function adaptRssInJson(rss: Json, options: ParseFeedOptions): AdaptedFeed {
  const channel = isObject(rss.channel) ? rss.channel : {};
  const base = options.baseUrl ?? null;
  const items = Array.isArray(channel.item) ? channel.item : isObject(channel.item) ? [channel.item] : [];
  const textOf = (value: unknown): string | null => stringOf(isObject(value) ? (value['#value'] ?? value.value ?? value._) : value);
  return {
    title: htmlToPlainText(textOf(channel.title)),
    link: resolveUrl(textOf(channel.link), base),
    description: htmlToPlainText(textOf(channel.description)),
    language: plainText(textOf(channel.language)),
    updated: parseFeedDate(textOf(channel.lastBuildDate)),
    author: plainText(textOf(channel.managingEditor)),
    items: items.filter(isObject).map((item) => {
      const description = textOf(item.description);
      const categories = (Array.isArray(item.category) ? item.category : item.category ? [item.category] : [])
        .map(textOf)
        .filter((category): category is string => !!category?.trim());
      const guid = textOf(item.guid);
      return {
        guid,
        title: htmlToPlainText(textOf(item.title)),
        link: resolveUrl(textOf(item.link) ?? (guid && /^https?:\/\//.test(guid) ? guid : null), base),
        published: parseFeedDate(textOf(item.pubDate)),
        updated: null,
        author: plainText(textOf(item.author)),
        summary: htmlToPlainText(description),
        content: description ? { kind: 'html' as const, value: description, base } : null,
        categories,
      };
    }),
    // no hub is named in this shape, and its text is not markup to look for one in
    webSub: null,
  };
}

/** Reads a JSON Feed (or RSS-in-JSON) document into the normalised model. */
export function parseJsonFeed(text: string, options: ParseFeedOptions = {}): AdaptedFeed {
  const json = parseJson(text);
  if (!isObject(json)) throw new FeedParseError('not a feed: JSON document is not an object');
  if (isObject(json.rss)) return adaptRssInJson(json.rss, options);
  const version = stringOf(json.version) ?? '';
  if (!/jsonfeed\.org\/version\//.test(version) && !Array.isArray(json.items)) {
    throw new FeedParseError('not a feed: JSON document is not a JSON Feed (no version, no items)');
  }
  const base = resolveUrl(stringOf(json.feed_url), options.baseUrl) ?? options.baseUrl ?? null;
  const author = authorOf(json);
  const items = Array.isArray(json.items) ? json.items.filter(isObject) : [];
  return {
    title: htmlToPlainText(stringOf(json.title)),
    link: resolveUrl(stringOf(json.home_page_url), base),
    description: htmlToPlainText(stringOf(json.description)),
    language: plainText(stringOf(json.language)),
    updated: null,
    author,
    items: items.map((item) => adaptJsonItem(item, base, author)),
    webSub: webSubOf(json, options.baseUrl ?? null),
    olderPage: httpUrlFrom(stringOf(json.next_url), base),
  };
}

/** The first WebSub hub of a JSON Feed's `hubs` (`{"type": "WebSub", "url": …}`), with the feed's own address. */
function webSubOf(json: Json, documentUrl: string | null): ParsedFeed['webSub'] {
  if (!Array.isArray(json.hubs) || !documentUrl) return null;
  for (const entry of json.hubs) {
    if (!isObject(entry) || !/^(websub|pubsubhubbub)$/i.test(stringOf(entry.type)?.trim() ?? '')) continue;
    const hub = httpUrlFrom(stringOf(entry.url), documentUrl);
    if (hub) return { hub, self: httpUrlFrom(stringOf(json.feed_url), documentUrl) };
  }
  return null;
}

