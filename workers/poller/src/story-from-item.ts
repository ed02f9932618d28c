import { MAX_ITEMS_READ_PER_DOCUMENT } from '@radar/core';
import type { NewStory } from '@radar/db';
import { newStoryId } from '@radar/db';
import { detectStory } from '@radar/detect';
import { htmlToPlainText, readAggregatorLink, type ParsedFeed, type ParsedItem } from '@radar/feeds';
import { canonicalUrl, dedupeKey, indexableUrl } from './dedupe-key.ts';
import { summaryWithoutTrailer } from './summary-trailer.ts';

const MAX_SUMMARY = 1200;
/**
 * Longer than any headline (the corpus's longest is under 300 characters) and than any
 * outlet's or author's name: a feed's text is untrusted, and a headline of megabytes would
 * reach every dashboard, alert and detector whole.
 */
export const MAX_TITLE = 300;
const MAX_NAME = 200;
/** Longer than any article's address; a longer one is no link to give a reader. */
export const MAX_LINK = 4096;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40))}…`;
}

export interface StorySource {
  feedId: string;
  feedTitle: string;
  feedUrl: string;
  /** The folder the feed is kept in, which its stories are filed under. */
  feedFolder?: string | null;
}

/** A story as its item gives it, before detection: what decides whether a stored copy changed. */
export type StoryDraft = Omit<NewStory, 'id' | 'countries' | 'companies' | 'topics' | 'relevant' | 'score' | 'mentions' | 'clusterId'> & {
  /** The language the feed declares, as written ("en-GB"), for the detector. */
  feedLanguage: string | null;
  /**
   * False when the item gave no usable date (none, or one in the future) and publishedAt is
   * when it was first seen: then its stored copy keeps the date it was first seen at.
   */
  datedByFeed: boolean;
};

export interface DraftOptions {
  /** The item's place in its document. */
  position?: number;
}

/**
 * The dates publishing systems write for none: the Unix epoch (a PHP date of 0) and .NET's
 * DateTime.MinValue (year 1). A story dated so would sink to the bottom of every list, unseen.
 */
const isPlaceholderDate = (time: number) => time === 0 || time < Date.UTC(1000, 0, 1);

/**
 * When an item was published: its own date (or, when that is missing or a placeholder, the
 * date it was updated), else (undated, or dated in the future, which would pin it on top of
 * the list: time zones gone wrong) when it was first seen, a millisecond earlier for each
 * place down the document, so undated stories list in their feed's order (newest first), not
 * reversed.
 */
function itemDate(item: ParsedItem, now: Date, position: number): { publishedAt: Date; datedByFeed: boolean } {
  const published = [item.published, item.updated].map((date) => Date.parse(date ?? '')).find((time) => !Number.isNaN(time) && !isPlaceholderDate(time)) ?? NaN;
  const datedByFeed = !Number.isNaN(published) && published <= now.getTime();
  return { publishedAt: datedByFeed ? new Date(published) : new Date(now.getTime() - position), datedByFeed };
}

/**
 * The items of a document to read, each with its place in the document: all of them, or for
 * a document listing more than `limit`, the `limit` newest (by itemDate), in document order.
 */
export function itemsToRead(items: ParsedItem[], now: Date, limit = MAX_ITEMS_READ_PER_DOCUMENT): { item: ParsedItem; position: number }[] {
  const placed = items.map((item, position) => ({ item, position }));
  if (items.length <= limit) return placed;
  const time = placed.map(({ item, position }) => itemDate(item, now, position).publishedAt.getTime());
  return placed
    .sort((a, b) => time[b.position]! - time[a.position]! || a.position - b.position)
    .slice(0, limit)
    .sort((a, b) => a.position - b.position);
}

/**
 * Reads a parsed item as a story, not yet detected; null when the item has no http(s) link
 * and no title, which no reader could use.
 */
export function storyDraft(item: ParsedItem, feed: ParsedFeed, source: StorySource, now: Date, options: DraftOptions = {}): StoryDraft | null {
  const position = options.position ?? 0;
  // the article's own link, canonical, from the feedburner original or the item link
  let articleUrl: string | undefined;
  let articleCanonical: string | null = null;
  for (const candidate of [item.originalLink, item.link]) {
    articleCanonical = candidate && candidate.length <= MAX_LINK ? canonicalUrl(candidate) : null;
    if (articleCanonical !== null) {
      articleUrl = candidate!;
      break;
    }
  }
  const url = articleUrl ?? [item.guid, feed.link].find((candidate) => !!candidate && candidate.length <= MAX_LINK && canonicalUrl(candidate) !== null) ?? source.feedUrl;
  let summary = truncate(summaryWithoutTrailer(item.summary ?? htmlToPlainText(item.contentHtml) ?? ''), MAX_SUMMARY);
  let title = (item.title ?? '').trim();
  if (item.outlet) {
    // an aggregator's item: "Court fines a platform - Reuters" is Reuters' "Court fines a
    // platform", and a summary that only says the title and the outlet again says nothing
    if (title.endsWith(` - ${item.outlet}`)) title = title.slice(0, -` - ${item.outlet}`.length).trim();
    if (title && summary.replace(title, '').replace(item.outlet, '').trim() === '') summary = '';
    // Google News describes an item with its list of other outlets' headlines, not the article
    if (readAggregatorLink(item.link)?.aggregator === 'google-news') summary = '';
  }
  if (title.length > MAX_TITLE) {
    // a post whose whole text is its title: the text is its summary too
    summary ||= truncate(title, MAX_SUMMARY);
    title = truncate(title, MAX_TITLE);
  }
  title ||= truncate(summary, 140);
  if (!title) return null;
  // a summary that only says the title again (an untitled post, whose words are its title)
  if (summary === title) summary = '';
  const { publishedAt, datedByFeed } = itemDate(item, now, position);
  return {
    feedId: source.feedId,
    dedupeKey: dedupeKey(item),
    url,
    // an address too long to index still links the story; it is matched by its key alone
    canonicalUrl: indexableUrl(articleCanonical),
    title,
    summary,
    sourceTitle: truncate(item.outlet ?? source.feedTitle, MAX_NAME),
    sourceFolder: source.feedFolder || null,
    author: item.author === null ? null : truncate(item.author, MAX_NAME),
    publishedAt,
    ingestedAt: now,
    lang: feed.language ? feed.language.slice(0, 2).toLowerCase() : null,
    feedLanguage: feed.language,
    datedByFeed,
  };
}

/**
 * A draft whose feed declares no language, with the language its words are in (read only for
 * new and changed stories, as detection is).
 */
export function withLanguageOf(draft: StoryDraft, identifyLanguage: (text: string) => string | null): StoryDraft {
  if (draft.lang) return draft;
  const lang = identifyLanguage(`${draft.title}\n${draft.summary ?? ''}`);
  return lang ? { ...draft, lang, feedLanguage: lang } : draft;
}

/** A draft detected and ready to store, under a new id. */
export function detectedStory({ feedLanguage, datedByFeed: _dated, ...draft }: StoryDraft): NewStory {
  const detection = detectStory({ title: draft.title, text: draft.summary ?? '', publisher: draft.sourceTitle, lang: feedLanguage });
  return {
    ...draft,
    id: newStoryId(),
    countries: detection.countries,
    companies: detection.companies,
    topics: detection.topics,
    relevant: detection.relevant,
    score: detection.score,
    mentions: detection.mentions,
    clusterId: null,
  };
}

/** Turns a parsed item into a story row, detected and ready to store (null as storyDraft). */
export function storyFromItem(item: ParsedItem, feed: ParsedFeed, source: StorySource, now: Date): NewStory | null {
  const draft = storyDraft(item, feed, source, now);
  return draft && detectedStory(draft);
}
