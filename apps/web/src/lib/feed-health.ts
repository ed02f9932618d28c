import { countByFolder, EMPTY_FILTER, feedNeedsAttention, folderKey, foldText, MAX_ADAPTIVE_INTERVAL_SECONDS, MAX_ITEMS_READ_PER_DOCUMENT, webSubStanding, type Feed, type FeedStoryStats } from '@radar/core';
import { ANY_TIME, dashboardSearch } from './dashboard-query.ts';

export type FeedState = 'ok' | 'failing' | 'paused' | 'pending';

export interface FeedHealth {
  state: FeedState;
  /** A short word for the status pill. */
  label: string;
  /** The HTTP status of the last fetch, when there was an answer. */
  httpStatus: number | null;
}

/** How a feed is doing, from its last fetch: paused beats everything, then errors, then success. */
export function feedHealth(feed: Pick<Feed, 'enabled' | 'lastFetchAt' | 'lastStatus' | 'lastError' | 'errorCount'>): FeedHealth {
  const httpStatus = feed.lastStatus;
  if (!feed.enabled) return { state: 'paused', label: 'Paused', httpStatus };
  if (feedNeedsAttention(feed) === 'failing') {
    return { state: 'failing', label: feed.errorCount > 1 ? `Failing ×${feed.errorCount}` : 'Failing', httpStatus };
  }
  if (feed.lastFetchAt === null) return { state: 'pending', label: 'Not fetched yet', httpStatus };
  return { state: 'ok', label: 'Healthy', httpStatus };
}

/** The last error to show beside a feed: none when the reason it was paused already says it. */
export function feedErrorToShow(feed: Pick<Feed, 'lastError' | 'pausedReason'>): string | null {
  if (!feed.lastError) return null;
  return feed.pausedReason?.includes(feed.lastError) ? null : feed.lastError;
}

/** "in 2 min", "in 40 s", "due now" for the next poll. */
export function formatUntil(iso: string | null, now: number): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  const seconds = Math.round((time - now) / 1000);
  if (seconds <= 0) return 'due now';
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  return `in ${Math.round(seconds / 3600)} h`;
}

/** "320 ms", "1.4 s". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * "48 KB", "1.2 MB": the size of the last document fetched. A 304 carries no document
 * ("unchanged"), and a fetch that got no answer has no size.
 */
export function formatDocumentSize(bytes: number | null, httpStatus: number | null): string {
  if (httpStatus === 304) return 'unchanged';
  if (bytes === null || httpStatus === null) return '—';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 999_500) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** "every 45 s", "every 5 min", "every 2 h": how often the poller fetches the feed. */
export function formatInterval(seconds: number): string {
  if (seconds < 60) return `every ${seconds} s`;
  if (seconds < 3600) return `every ${Math.round(seconds / 60)} min`;
  return `every ${Math.round(seconds / 360) / 10} h`;
}

/** The stream of one feed's stories: the dashboard filtered by the feed. */
export function feedStoriesHref(feedId: string): string {
  return `/${dashboardSearch({ filter: { ...EMPTY_FILTER, feeds: [feedId] }, ...ANY_TIME, story: null, saved: false })}`;
}

/** The stream of the stories of a folder's feeds: the dashboard filtered by the folder, ticked in its Folders list. */
export function folderStoriesHref(folder: string): string {
  return `/${dashboardSearch({ filter: { ...EMPTY_FILTER, folders: [folder] }, ...ANY_TIME, story: null, saved: false })}`;
}

/** "at least every 5 min": the longest a feed's user lets it wait between reads. */
export function formatMaxInterval(seconds: number): string {
  return `at least ${formatInterval(seconds)}`;
}

/**
 * The choices of how often a feed is read at the least: its own pace (up to 6 hours), or a
 * limit; a limit set otherwise (through the API) is offered as it is.
 */
export function paceChoices(current: number | null): { value: string; label: string }[] {
  const limits = [60, 300, 900, 3600];
  if (current !== null && !limits.includes(current)) limits.push(current);
  return [
    { value: '', label: `As often as it publishes (${formatInterval(MAX_ADAPTIVE_INTERVAL_SECONDS).replace('every', 'up to every')})` },
    ...limits.sort((a, b) => a - b).map((seconds) => ({ value: String(seconds), label: `${formatMaxInterval(seconds).replace(/^at least/, 'At least')}, however rarely it publishes` })),
  ];
}

const DAY_MS = 24 * 3_600_000;

/** A feed that answers but has published nothing for this long has likely moved or stopped. */
export const QUIET_AFTER_MS = 30 * DAY_MS;

/**
 * How long a healthy feed has gone without a new story, when that is longer than
 * QUIET_AFTER_MS and than four of its usual gaps between stories (a regulator publishing
 * monthly is not quiet after five weeks); counted from when it was added if it never had
 * one. Null for a feed publishing as usual, or failing, paused or not read yet, which say
 * more of themselves.
 */
export function quietFor(feed: Feed, now: number): number | null {
  if (feedHealth(feed).state !== 'ok' || feed.lastSuccessAt === null || feed.newestStoryAt === undefined) return null;
  const since = now - Date.parse(feed.newestStoryAt ?? feed.createdAt);
  const count = feed.storyCount ?? 0;
  const usualGap =
    feed.newestStoryAt && feed.oldestStoryAt && count > 1 ? (Date.parse(feed.newestStoryAt) - Date.parse(feed.oldestStoryAt)) / (count - 1) : 0;
  return since > Math.max(QUIET_AFTER_MS, 4 * usualGap) ? since : null;
}

/** How long a feed's note that it published more than it lists between two polls stays up. */
export const OVERFLOW_SHOWN_MS = 7 * DAY_MS;

/** When the feed last published more than it lists between two polls, if that was this week. */
export function recentOverflow(feed: Pick<Feed, 'overflowedAt'>, now: number): string | null {
  if (!feed.overflowedAt) return null;
  return now - Date.parse(feed.overflowedAt) <= OVERFLOW_SHOWN_MS ? feed.overflowedAt : null;
}

/** "2 months", "1 year": a long stretch, for how long a feed has been quiet. */
export function formatLongSpan(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days < 60) return `${days} days`;
  if (days < 730) return `${Math.round(days / 30.4)} months`;
  return `${Math.floor(days / 365.25)} years`;
}

export type FeedShown = 'all' | 'failing' | 'paused' | 'quiet';

/** The folder the feeds page shows: every feed (`all`), the feeds in no folder (`none`), or one folder's. */
export type FolderShown = { kind: 'all' } | { kind: 'none' } | { kind: 'folder'; name: string };

/**
 * Whether a feed is in the list the user asked for: all, failing, paused or quiet, in the
 * folder chosen, and whose name, address, site or folder contains every word typed (case
 * and accents aside).
 */
export function feedMatches(feed: Feed, show: FeedShown, words: string, now = Date.now(), folder: FolderShown = { kind: 'all' }): boolean {
  if (show === 'failing' && feedHealth(feed).state !== 'failing') return false;
  if (show === 'paused' && feed.enabled) return false;
  if (show === 'quiet' && quietFor(feed, now) === null) return false;
  if (folder.kind === 'none' && feed.folder) return false;
  if (folder.kind === 'folder' && folderKey(feed.folder ?? '') !== folderKey(folder.name)) return false;
  const haystack = foldText([feed.title, feed.url, feed.siteUrl, feed.folder].filter(Boolean).join(' '));
  return foldText(words)
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

/**
 * "Lists 5,000 items: the newest 1,000 are read at each poll", for a feed whose last
 * document listed more than the poller reads; null for every other feed.
 */
export function itemsBeyondReading(feed: Pick<Feed, 'lastItems'>): string | null {
  if (feed.lastItems === null || feed.lastItems <= MAX_ITEMS_READ_PER_DOCUMENT) return null;
  return `Lists ${feed.lastItems.toLocaleString('en')} items: the newest ${MAX_ITEMS_READ_PER_DOCUMENT.toLocaleString('en')} are read at each poll.`;
}

/**
 * The folders feeds are kept in, each with how many it holds. Names that differ only in case,
 * accents or punctuation ("Press", "press") are one folder, as the stream's filter has it,
 * shown as most of its feeds spell it.
 */
export function feedFolders(feeds: Pick<Feed, 'folder'>[]): { name: string; count: number }[] {
  return countByFolder(feeds.flatMap((feed) => (feed.folder ? [{ name: feed.folder, count: 1 }] : [])))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** The columns the feeds table sorts by. */
export type FeedSortKey = 'name' | 'status' | 'lastFetch' | 'latency' | 'size' | 'items' | 'policy' | 'nextPoll';

/** A sort of the feeds table; `reversed` turns its first direction round. */
export interface FeedSort {
  key: FeedSortKey;
  reversed: boolean;
}

const STATE_RANK: Record<FeedState, number> = { failing: 0, paused: 1, pending: 2, ok: 3 };
const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/**
 * Each column's value to sort by, in the direction that first brings out what needs looking
 * at: names A to Z, failing feeds first, the fetch longest ago first, the slowest, largest and
 * longest documents first, the next poll soonest first. Null sorts last either way.
 */
const SORT_VALUES: Record<Exclude<FeedSortKey, 'policy'>, (feed: Feed) => number | string | null> = {
  name: (feed) => foldText(feed.title || feed.url),
  status: (feed) => STATE_RANK[feedHealth(feed).state] * 1_000 - Math.min(feed.errorCount, 999),
  lastFetch: (feed) => time(feed.lastFetchAt),
  latency: (feed) => (feed.lastLatencyMs === null ? null : -feed.lastLatencyMs),
  // a 304 carries no document: its size is unknown, not zero
  size: (feed) => (feed.lastBytes === null || feed.lastStatus === 304 ? null : -feed.lastBytes),
  items: (feed) => (feed.lastItems === null ? null : -feed.lastItems),
  nextPoll: (feed) => (feed.enabled ? time(feed.nextPollAt) : null),
};

/**
 * The feeds in the order asked for; feeds that tie keep their order. By policy share, the
 * feeds bringing least policy news come first (the ones to reconsider), from `shares`.
 */
export function sortFeeds(feeds: readonly Feed[], sort: FeedSort | null, shares: ReadonlyMap<string, PolicyShare> = new Map()): Feed[] {
  if (sort === null) return [...feeds];
  const value = sort.key === 'policy' ? (feed: Feed) => shares.get(feed.id)?.share ?? null : SORT_VALUES[sort.key];
  const direction = sort.reversed ? -1 : 1;
  return feeds
    .map((feed) => ({ feed, value: value(feed) }))
    .sort((a, b) => {
      if (a.value === b.value) return 0;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      const order = typeof a.value === 'string' ? a.value.localeCompare(b.value as string, 'en') : a.value - (b.value as number);
      return order * direction;
    })
    .map(({ feed }) => feed);
}

/** A feed's share of stories about internet policy over the days counted. */
export interface PolicyShare {
  stories: number;
  policyStories: number;
  /** From 0 to 1. */
  share: number;
}

/** The shares of the feeds with stories in the range, by feed id (GET /api/feeds/stats). */
export function policyShares(stats: FeedStoryStats): Map<string, PolicyShare> {
  return new Map(
    stats.feeds
      .filter((feed) => feed.stories > 0)
      .map((feed) => [feed.feedId, { stories: feed.stories, policyStories: feed.policyStories, share: feed.policyStories / feed.stories }]),
  );
}

/** "12 of 40 stories of the last 30 days are about internet policy". */
export function describePolicyShare(share: PolicyShare, days: number): string {
  const stories = `${share.stories.toLocaleString('en')} ${share.stories === 1 ? 'story' : 'stories'}`;
  return `${share.policyStories.toLocaleString('en')} of ${stories} of the last ${days} days ${share.policyStories === 1 ? 'is' : 'are'} about internet policy`;
}

/** What a feed's row says of its WebSub subscription: pushed, asked for, or refused and why. */
export interface WebSubNote {
  kind: 'push' | 'asked' | 'off';
  text: string;
  /** The whole story, for the tooltip. */
  detail: string;
}

/** The note on a feed's WebSub subscription; null when its feed names no hub, or it is paused. */
export function webSubNote(feed: Pick<Feed, 'websub'>, now = Date.now()): WebSubNote | null {
  const standing = webSubStanding(feed.websub, now);
  if (!standing) return null;
  const { hub, reason } = standing;
  switch (standing.kind) {
    case 'lapsed':
      return { kind: 'asked', text: 'push lapsed', detail: `The lease the hub ${hub} gave has lapsed; it is asked for again at the next read, and the feed read by polling meanwhile` };
    case 'pushed':
      return { kind: 'push', text: 'push via WebSub', detail: `Pushed by the hub ${hub} as soon as the feed changes` };
    case 'asked':
      return { kind: 'asked', text: 'push asked for', detail: `Waiting for the hub ${hub} to confirm; read by polling meanwhile` };
    case 'refused':
      return { kind: 'off', text: 'push refused', detail: `The hub ${hub} refused to push this feed: ${reason}. It is read by polling.` };
    case 'unavailable': {
      const retry = standing.askedAgain ? ' It will be asked again later; the feed is read by polling meanwhile.' : '';
      return { kind: 'off', text: 'push unavailable', detail: `${reason}${/[.?!]$/.test(reason!) ? '' : '.'}${retry}` };
    }
  }
}
