import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  getFeed,
  listUnstreamedStories,
  markStoriesStreamed,
  moveFeed,
  pauseFeed,
  deferFeed,
  forgetFeedDocument,
  recordFetchFailure,
  recordFetchSuccess,
  hasUnstreamedStories,
  newOrChangedStories,
  saveStories,
  toStory,
  type FeedRow,
  type NewStory,
  type RadarDb,
  type UnstreamedStory,
} from '@radar/db';
import {
  announcedFeeds,
  botWallOf,
  consentWallMessage,
  consentWallOf,
  COMMON_FEED_PATHS,
  discoverWebSub,
  feedAtCommonPath,
  FeedParseError,
  FetchError,
  fetchFeed,
  type FeedReader,
  isBotWallMessage,
  parseFeed,
  type AnnouncedFeed,
  type FeedFetchResult,
  type ParsedFeed,
  type WebSubLinks,
} from '@radar/feeds';
import { errorText, fitsUrlLimit, READ_AS_BROWSER_ADVICE, turnsAwayUnknownReaders } from '@radar/core';
import { languageIdentifier } from '@radar/detect';
import { appendStories } from '@radar/jobs';
import { withDistinctKeys } from './dedupe-key.ts';
import { DEFAULT_HOST_HOLD_SECONDS, type HostTurns } from './host-turns.ts';
import { failureDelaySeconds, maxAgeWaitSeconds, shouldPause, successIntervalSeconds } from './poll-schedule.ts';
import type { ClusterWindow } from './cluster-window.ts';
import { detectedStory, itemsToRead, MAX_LINK, MAX_TITLE, storyDraft, withLanguageOf, type StoryDraft, type StorySource } from './story-from-item.ts';
import { keepWebSubscription, pushedTo, SAFETY_NET_INTERVAL_SECONDS, type WebSubDeps } from './websub-subscriber.ts';

export interface PollDeps extends WebSubDeps {
  db: RadarDb;
  redis: Redis;
  streamKey: string;
  /** Where the events of streamed stories are told to the other pollers (with `clusters`). */
  eventStreamKey?: string;
  allowPrivateAddresses: boolean;
  /** Turns to fetch from each host, shared by every poller; a host that asks to be left alone is held off. */
  hosts?: HostTurns;
  /** Recent events, to put reports of the same event from several outlets in one cluster. */
  clusters?: ClusterWindow;
  /** Reads documents on a thread of their own, each within a deadline; without it they are read here. */
  reader?: FeedReader;
  /** Told when a feed's polling interval changes or the feed is paused (null). */
  onScheduleChange?: (feed: FeedRow, intervalSeconds: number | null) => Promise<void>;
  now?: () => Date;
}

export interface PollOptions {
  /** A user asked for this poll: it runs even when the feed is not due. */
  manual?: boolean;
  /** A WebSub hub pushed this document (ageMs before this read: a retried push is not the newest document): no fetch needed. */
  pushed?: { body: Uint8Array; contentType: string | null; ageMs?: number };
  /** The web page that announced this feed, polled just before: no other page is followed. */
  announcedBy?: string;
}

export type PollOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'deferred'; waitMs: number }
  | { kind: 'not-modified'; streamed: number }
  | { kind: 'failed'; error: string; status: number | null; paused: boolean }
  | {
      kind: 'polled';
      items: number;
      unchanged: number;
      /** New items whose article another feed already stored: one story, kept there. */
      elsewhere: number;
      inserted: number;
      updated: number;
      streamed: number;
      /** The pages of older items read to recover what fell off the feed's list since the last read. */
      olderPages?: { read: number; error: string | null };
    };

/** A wait for a host longer than this is shown as the feed's next poll. */
const LONG_WAIT_MS = 30_000;

/** Scheduled ticks this close to the due time still poll (jobs run a little early or late). */
const DUE_SLACK_MS = 5_000;

/**
 * One poll of one feed: fetch (conditional GET) → parse → dedupe → detect → store → stream.
 * A feed's own failure (HTTP error, not a feed, bad XML) is recorded on the feed and returned;
 * anything else (database or Redis down) is recorded on the feed when it can be, and thrown
 * so the job is retried.
 */
export async function pollFeed(feedId: string, deps: PollDeps, options: PollOptions = {}): Promise<PollOutcome> {
  const now = deps.now?.() ?? new Date();
  const feed = await getFeed(deps.db, feedId);
  if (!feed) return { kind: 'skipped', reason: 'feed deleted' };
  // a push that came in before the feed was paused is dropped with it; "refresh now" still reads it
  if (!feed.enabled && !options.manual) return { kind: 'skipped', reason: 'feed paused' };
  if (!options.manual && !options.pushed) {
    if (feed.nextPollAt && feed.nextPollAt.getTime() - now.getTime() > DUE_SLACK_MS) {
      return { kind: 'skipped', reason: 'not due' };
    }
  }
  if (!options.pushed && !options.announcedBy && deps.hosts) {
    const waitMs = await deps.hosts.take(new URL(feed.url).host, { manual: options.manual });
    // a wait longer than the rate limit's is a host that asked to be left alone: the feeds
    // page shows when the feed will be read instead of "due now"
    if (waitMs > LONG_WAIT_MS) await deferFeed(deps.db, feed.id, new Date(now.getTime() + waitMs));
    if (waitMs > 0) return { kind: 'deferred', waitMs };
  }

  const started = performance.now();
  let fetched: FeedFetchResult | undefined;
  try {
    const response = options.pushed
      ? pushedDocument(feed, options.pushed)
      : await fetchFeed(feed.url, {
          etag: feed.etag,
          lastModified: feed.lastModified,
          allowPrivateAddresses: deps.allowPrivateAddresses,
          headers: requestHeaders(feed),
        });
    fetched = response;
    // a server that sends no validators may answer the very bytes it sent last time: that is a
    // 304 in all but name, and the document is not read again
    const contentHash = response.body ? documentDigest(response.body, response.contentType) : null;
    if (response.notModified || !response.body || contentHash === feed.contentHash) {
      // the pushes its interval was set for have stopped (the lease lapsed unrenewed, or WebSub
      // is off here): the document is read in full next time, at the feed's own interval, for
      // its pace to be worked out again from its items' dates
      const pushLost = feed.websubState === 'subscribed' && !pushedTo(feed, deps, now);
      const kept = Math.min(feed.pollIntervalSeconds ?? feed.intervalSeconds, feed.maxIntervalSeconds ?? Infinity);
      const interval = pushLost ? Math.min(kept, feed.intervalSeconds) : kept;
      await recordFetchSuccess(deps.db, feed.id, {
        status: response.status,
        latencyMs: response.latencyMs,
        bytes: response.notModified ? 0 : response.bytes,
        items: feed.lastItems ?? 0,
        etag: response.etag,
        lastModified: response.lastModified,
        unchanged: true,
        pushed: options.pushed !== undefined,
        pollIntervalSeconds: interval,
        nextPollAt: new Date(now.getTime() + Math.max(interval, maxAgeWaitSeconds(response.maxAgeSeconds)) * 1000),
      });
      if (pushLost) {
        await forgetFeedDocument(deps.db, feed.id);
        if (interval !== feed.pollIntervalSeconds) await deps.onScheduleChange?.(feed, interval);
      }
      // a subscription is renewed before its lease lapses, even when nothing changed
      if (!options.pushed) await keepWebSubscription(feed, storedWebSubLinks(feed), deps, now);
      const streamed = await streamPending(feed.id, deps);
      return { kind: 'not-modified', streamed };
    }
    let parsed: ParsedFeed;
    try {
      parsed = await readDocument(response.body, response, deps);
    } catch (error) {
      // sent to a cookie-consent page: no feed there, nor at the site's common addresses
      const consent = response.url !== feed.url && error instanceof FeedParseError ? consentWallOf(response.url) : null;
      if (consent) throw new FeedParseError(`not a feed: ${consentWallMessage(consent)}`);
      const announced = options.pushed || options.announcedBy ? null : announcedFeeds(response.body, response.contentType, response.url);
      // a bot protection's challenge page names no feed, and neither would the common addresses
      if (!announced || !(error instanceof FeedParseError) || botWallOf(response.body)) throw error;
      // a user may have typed the address of the site rather than of its feed; a feed read
      // before that answers a page now (an outage, a maintenance page) is not moved for it
      if (feed.lastSuccessAt === null) return await followAnnouncedFeed(feed, announced, response, deps, options, started, now);
      const hint = announced.find((candidate) => candidate.url !== feed.url);
      if (hint) error.message += ` (the page announces ${hint.url})`;
      else error.message += pageAdvice(feed);
      throw error;
    }
    // a feed that moved for good (301 or 308 all the way) is polled at its new address from now on
    if (!options.pushed && movedForGood(feed, response)) {
      const move = await moveFeed(deps.db, feed, response.url, { forgetDocument: false });
      if (!move.moved) {
        return alreadyWatched(feed, `it moved to ${response.url}, which is already watched`, move.existing, response, started, now, deps);
      }
    }
    // the feed's own title and site, as long as a story's headline and link can be (a feed's text is untrusted)
    const ownTitle = parsed.title?.slice(0, MAX_TITLE) ?? null;
    const siteUrl = parsed.link && parsed.link.length <= MAX_LINK ? parsed.link : null;
    const source = {
      feedId: feed.id,
      feedTitle: feed.title ?? ownTitle ?? new URL(feed.url).host,
      feedUrl: feed.url,
      feedFolder: feed.folder,
    };
    // when the document was read: a push when it arrived (a retried one is not the newest), a poll when it began
    const readAt = new Date(now.getTime() - Math.max(options.pushed?.ageMs ?? 0, 0));
    const { drafts, read } = storyDrafts(parsed, source, now, readAt);
    const firstRead = feed.lastSuccessAt === null;
    const { added, changed, elsewhere, storedSince, saved } = await storeNewOrChanged(feed, drafts, parsed.language, deps);
    // none of what the feed lists now was known at the last read (which listed stories): it
    // published more than it lists in between, and what fell off its list was missed. An
    // article another feed keeps was known: a section feed repeating the front page's
    // articles overlaps its last read, and is not polled four times as often for it. A story
    // stored by this poll's crashed first try was not
    const seenBefore = drafts.length - added.length - storedSince.length;
    const overflowed = !firstRead && !options.pushed && (feed.lastItems ?? 0) > 0 && drafts.length >= 2 && seenBefore === 0;
    // what fell off is read from the pages of older items the feed names, when it names them;
    // the newest stories are streamed first, not held while the older pages are fetched
    const olderPage = overflowed ? (parsed.olderPage ?? null) : null;
    let streamed = olderPage ? await streamPending(feed.id, deps, saved.inserted) : 0;
    const olderPages = olderPage
      ? await readOlderPages(feed, { first: olderPage, document: response.url, source, listed: drafts, positions: read }, deps, now)
      : null;
    // what is left to stream once the read is recorded
    const pending = olderPages ? olderPages.inserted : saved.inserted;
    if (olderPages) {
      saved.inserted.push(...olderPages.inserted);
      saved.updated += olderPages.updated;
    }
    const adaptive = successIntervalSeconds({
      overflowed,
      baseIntervalSeconds: feed.intervalSeconds,
      // an undated item's date is the time it was first seen, which says nothing of the feed's pace
      itemDates: drafts.flatMap((story) => (story.datedByFeed ? [story.publishedAt] : [])),
      maxAgeSeconds: response.maxAgeSeconds,
      maxIntervalSeconds: feed.maxIntervalSeconds,
      now,
    });
    // a JSON Feed names its hub in `hubs`; the other formats in their markup (a pushed document
    // is read for its stories alone)
    const named = options.pushed ? null : parsed.webSub === undefined ? Buffer.from(response.body).toString('latin1') : parsed.webSub;
    const links = named === null ? null : discoverWebSub(named, response.url, response.linkHeader);
    // pushed to, a feed is still polled now and then, as often as its user asks at the least;
    // one that no longer names its hub is left there below, and polled at its own pace
    const interval =
      pushedTo(feed, deps, now) && (options.pushed || links)
        ? Math.min(Math.max(adaptive, SAFETY_NET_INTERVAL_SECONDS), feed.maxIntervalSeconds ?? Infinity)
        : adaptive;
    await recordFetchSuccess(deps.db, feed.id, {
      status: response.status,
      latencyMs: response.latencyMs,
      bytes: response.bytes,
      // what the feed lists, when that is more than is read
      items: read < parsed.items.length ? parsed.items.length : drafts.length,
      etag: response.etag,
      lastModified: response.lastModified,
      title: ownTitle,
      siteUrl,
      contentHash,
      pollIntervalSeconds: interval,
      nextPollAt: new Date(now.getTime() + interval * 1000),
      // stories were missed unless the older pages reached back to the last read
      overflowed: overflowed && !olderPages?.caughtUp,
      pushed: options.pushed !== undefined,
      newStories: saved.inserted.length,
      updatedStories: saved.updated,
      note: olderPages?.error ?? null,
    });
    if (interval !== feed.pollIntervalSeconds) await deps.onScheduleChange?.(feed, interval);
    if (!options.pushed) await keepWebSubscription(feed, links, deps, now);
    streamed += await streamPending(feed.id, deps, pending);
    // what it brings on a first read is its back catalogue; after that, a flood is paused
    if (!firstRead && saved.inserted.length > 0) await pauseIfFlooding(feed, saved.inserted.length, deps, now);
    return {
      kind: 'polled',
      items: drafts.length,
      unchanged: drafts.length - added.length - changed.length - elsewhere.length,
      elsewhere: elsewhere.length,
      inserted: saved.inserted.length,
      updated: saved.updated,
      streamed,
      ...(olderPages && { olderPages: { read: olderPages.read, error: olderPages.error } }),
    };
  } catch (error) {
    if (!(error instanceof FetchError) && !(error instanceof FeedParseError)) {
      // a failure of the product's own (Redis out of reach, the database refusing what the
      // feed gave) is thrown on for the job to log and the next poll to retry; it is recorded
      // on the feed first (when the database takes it), so a feed that keeps failing so does
      // not look healthy while nothing arrives from it, and is paused and flagged in time
      const failure = new Error(`the poll failed: ${errorText(error)}`);
      await recordFailure(feed, failure, { fetched, started, pushed: options.pushed !== undefined }, now, deps).catch(() => {});
      throw error;
    }
    if (error instanceof FetchError && error.status === 401) {
      error.message += !feed.loginUsername
        ? ' (the feed needs a login: add it as https://user:password@… or set its login)'
        : feed.loginPassword === null
          ? ` (the password of the login as ${feed.loginUsername} was sealed with another secret key, RADAR_SECRET_KEY or DATA_DIR/secret-key, and cannot be read: sign in again)`
          : ` (the login as ${feed.loginUsername} was refused)`;
    }
    // a bare 403 or 406 (no bot protection's page, which says so itself) is most often a
    // server turning away readers it does not know by name
    if (error instanceof FetchError && turnsAwayUnknownReaders(error.status) && !isBotWallMessage(error.message)) {
      error.message += feed.userAgent
        ? ` (read as "${feed.userAgent}")`
        : ` (the site may turn away feed readers it does not know: ${READ_AS_BROWSER_ADVICE})`;
    }
    // a failure at an address a page announced says where that address came from
    if (options.announcedBy) error.message += ` (the feed announced by ${options.announcedBy})`;
    // stories an earlier try stored and could not stream reach the stream while the feed fails,
    // and before a feed failing for days is paused
    await streamPending(feed.id, deps).catch(() => 0);
    return recordFailure(feed, error, { fetched, started, pushed: options.pushed !== undefined }, now, deps);
  }
}

/** Reads a fetched document into a feed: on the reader's thread, within its deadline, when there is one. */
function readDocument(body: Uint8Array, response: { contentType: string | null; url: string }, deps: PollDeps): Promise<ParsedFeed> {
  const read = { contentType: response.contentType, baseUrl: response.url };
  return deps.reader ? deps.reader.read(body, read) : parseFeed(body, read);
}

/**
 * The stories of a document's items, each key once: of a document listing more than anyone
 * reads (an archive, or a flood), its newest. `read` counts the items read; `after` is the
 * number of items on the pages before, which undated items come after.
 */
function storyDrafts(parsed: ParsedFeed, source: StorySource, now: Date, readAt: Date, after = 0): { drafts: StoryDraft[]; read: number } {
  const toRead = itemsToRead(parsed.items, now);
  const drafts = withDistinctKeys(
    toRead.flatMap(({ item, position }) => {
      const draft = storyDraft(item, parsed, source, now, { position: after + position });
      return draft ? [{ ...draft, readAt }] : [];
    }),
  );
  return { drafts, read: toRead.length };
}

/**
 * Detects and stores a document's new and changed stories; the others are left as stored.
 * A feed that declares no language has each new story's read from its words.
 */
async function storeNewOrChanged(feed: FeedRow, drafts: StoryDraft[], language: string | null, deps: PollDeps) {
  // an undated item already in the feed when it is first read was published at some unknown
  // time before: it is stored and listed, but alerts no one
  const firstRead = feed.lastSuccessAt === null;
  const { added, changed, elsewhere, storedSince } = await newOrChangedStories(deps.db, feed.id, drafts, feed.lastSuccessAt);
  const identify = language || added.length + changed.length === 0 ? null : await languageIdentifier();
  const detect = (draft: StoryDraft) => detectedStory(identify ? withLanguageOf(draft, identify) : draft);
  const newStories = added.map((draft) => ({ ...detect(draft), backCatalogue: firstRead && !draft.datedByFeed }));
  // a new story's event is assigned before it is stored, so its row is written once
  for (const story of newStories) story.clusterId = deps.clusters?.assign(clusterInput(story)) ?? null;
  const saved = await saveStories(deps.db, [...newStories, ...changed.map(detect)]);
  return { added, changed, elsewhere, storedSince, saved };
}

/**
 * The most pages of older items read after one poll. A feed that lists 10 items and published
 * 40 since the last read is caught up; one that lists fewer than it publishes between two
 * polls at every poll is read more often instead (see `overflowed`).
 */
export const MAX_OLDER_PAGES = 3;

/** How long a page of older items waits for its host's turn; a host that asked to be left alone longer ends the reading. */
const OLDER_PAGE_TURN_WAIT_MS = 3_000;

/**
 * Reads the pages of older items a feed names (RFC 5005's `next` and `prev-archive`, JSON
 * Feed's `next_url`, WordPress's `?paged=2`), newest first, up to the first that lists one of
 * the feed's stories from before this poll, and stores what the feed published past its own
 * list since the last read. A page that cannot be read, or lists only what this poll read
 * already (a server that ignores the page asked for), ends the reading; the poll stands. The
 * feed's login goes to its own origin only.
 */
async function readOlderPages(
  feed: FeedRow,
  pages: {
    first: string;
    /** The address the feed's document was read from. */
    document: string;
    source: StorySource;
    /** The stories of the feed's document, read just before. */
    listed: StoryDraft[];
    /** The items of the feed's document: undated items on older pages come after them. */
    positions: number;
  },
  deps: PollDeps,
  now: Date,
): Promise<{ read: number; caughtUp: boolean; inserted: UnstreamedStory[]; updated: number; error: string | null }> {
  const done = { read: 0, caughtUp: false, inserted: [] as UnstreamedStory[], updated: 0, error: null as string | null };
  const visited = new Set([feed.url, pages.document]);
  const readNow = new Set(pages.listed.map((draft) => draft.dedupeKey));
  const origin = new URL(feed.url).origin;
  let position = pages.positions;
  for (let page: string | null = pages.first; page && done.read < MAX_OLDER_PAGES && !visited.has(page); ) {
    visited.add(page);
    const address = new URL(page);
    const host = address.host;
    const waitMs = (await deps.hosts?.take(host)) ?? 0;
    if (waitMs > OLDER_PAGE_TURN_WAIT_MS) break;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    let parsed: ParsedFeed;
    try {
      const headers = requestHeaders(feed);
      if (address.origin !== origin) delete headers.authorization;
      const response = await fetchFeed(page, { allowPrivateAddresses: deps.allowPrivateAddresses, headers });
      if (!response.body) break;
      parsed = await readDocument(response.body, response, deps);
    } catch (error) {
      if (!(error instanceof FetchError) && !(error instanceof FeedParseError)) throw error;
      if (error instanceof FetchError) await holdHostIfAsked(host, error.status ?? null, error.retryAfterSeconds, deps);
      // a fetch's error names the address already
      done.error = `the page of older items${error.message.includes(page) ? '' : ` ${page}`} could not be read: ${error.message}`;
      break;
    }
    done.read += 1;
    const { drafts, read } = storyDrafts(parsed, pages.source, now, now, position);
    position += read;
    const stored = await storeNewOrChanged(feed, drafts, parsed.language, deps);
    done.inserted.push(...stored.saved.inserted);
    done.updated += stored.saved.updated;
    // the feed's own stories on the page: one stored before this poll reaches back to the
    // last read; ones this poll read were listed again as the feed moved on while it was
    // read, and ones its crashed first try stored are no older
    const fresh = new Set([...stored.added, ...stored.elsewhere, ...stored.storedSince].map((draft) => draft.dedupeKey));
    const own = drafts.filter((draft) => !fresh.has(draft.dedupeKey));
    done.caughtUp = own.some((draft) => !readNow.has(draft.dedupeKey));
    if (done.caughtUp || drafts.length === 0) break;
    if (drafts.every((draft) => readNow.has(draft.dedupeKey))) {
      done.error = `the page of older items ${page} lists only what the feed lists`;
      break;
    }
    for (const draft of drafts) readNow.add(draft.dedupeKey);
    page = parsed.olderPage ?? null;
  }
  return done;
}

/** A host that says "too many requests" means all of its feeds: each poller leaves it alone. */
async function holdHostIfAsked(host: string, status: number | null, retryAfter: number | undefined, deps: PollDeps): Promise<void> {
  if (status === 429 || (status === 503 && retryAfter !== undefined)) {
    await deps.hosts?.hold(host, retryAfter ?? DEFAULT_HOST_HOLD_SECONDS);
  }
}

/**
 * Points a feed never read yet at the first feed the web page it gave announces (or, when it
 * names none, at a feed found at a common address), and polls that right away; when there is
 * none, or it is already watched, the feed fails saying so.
 */
async function followAnnouncedFeed(
  feed: FeedRow,
  announced: AnnouncedFeed[],
  page: FeedFetchResult,
  deps: PollDeps,
  options: PollOptions,
  started: number,
  now: Date,
): Promise<PollOutcome> {
  // a page that names no feed: the addresses publishing systems use are tried, on the first poll only
  const guessed =
    announced.length === 0 && feed.errorCount === 0
      ? await feedAtCommonPath(page.url, {
          allowPrivateAddresses: deps.allowPrivateAddresses,
          userAgent: feed.userAgent,
          read: (body, read) => readDocument(body, { contentType: read.contentType ?? null, url: read.baseUrl ?? page.url }, deps),
        })
      : null;
  // an address too long to keep is passed over
  const usable = (url: string) => url !== feed.url && url !== page.url && fitsUrlLimit(url);
  const next = guessed && usable(guessed) ? { url: guessed, title: null } : announced.find((candidate) => usable(candidate.url));
  if (!next) {
    throw new FeedParseError(
      `not a feed: a web page that announces no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed, and none at ${COMMON_FEED_PATHS.join(', ')}, nor among the news sitemaps its robots.txt names)${pageAdvice(feed)}`,
    );
  }
  const others = announced.filter((candidate) => candidate !== next && candidate.url !== feed.url).map(({ url, title }) => ({ url, title }));
  const move = await moveFeed(deps.db, feed, next.url, { forgetDocument: true, foundOn: { page: page.url, others } });
  if (!move.moved) return alreadyWatched(feed, `this web page's feed, ${next.url}, is already watched`, move.existing, page, started, now, deps);
  return pollFeed(feed.id, deps, { ...options, manual: true, announcedBy: page.url });
}

/**
 * Some sites (a regulator's behind a government gateway, say) answer readers they do not know
 * with an error page and a 200: a page where a feed was expected may be one.
 */
const pageAdvice = (feed: FeedRow): string =>
  feed.userAgent ? '' : ` (a site may show such a page to feed readers it does not know: ${READ_AS_BROWSER_ADVICE})`;

/**
 * The feed's own request headers: its login as HTTP Basic authentication (the fetcher sends
 * it to the feed's origin only), and the User-Agent its user chose instead of the product's.
 */
function requestHeaders(feed: FeedRow): Record<string, string> {
  const headers: Record<string, string> = feed.userAgent ? { 'user-agent': feed.userAgent } : {};
  // a password sealed with another key reads as none: nothing is sent, and a 401 says why
  if (!feed.loginUsername || feed.loginPassword === null) return headers;
  const credentials = Buffer.from(`${feed.loginUsername}:${feed.loginPassword}`, 'utf8').toString('base64');
  return { ...headers, authorization: `Basic ${credentials}` };
}

/** Every redirect on the way was permanent, to another address. */
function movedForGood(feed: FeedRow, response: FeedFetchResult): boolean {
  return (
    response.redirects.length > 0 &&
    response.redirects.every((redirect) => redirect.status === 301 || redirect.status === 308) &&
    response.url !== feed.url &&
    // an address too long to keep is not moved to: the feed is read through the redirect
    fitsUrlLimit(response.url)
  );
}

/** A feed whose real address another feed already has: it fails and is paused, so no story is stored twice. */
async function alreadyWatched(
  feed: FeedRow,
  why: string,
  existing: FeedRow,
  fetched: FeedFetchResult,
  started: number,
  now: Date,
  deps: PollDeps,
): Promise<PollOutcome> {
  const reason = `${why}${existing.title ? ` ("${existing.title}")` : ''}`;
  return recordFailure(feed, new FeedParseError(reason), { fetched, started, pushed: false }, now, deps, reason);
}

/**
 * A digest of a document's bytes and the type they were sent as (a charset there changes how
 * they read), to tell the same document answered again.
 */
function documentDigest(body: Uint8Array, contentType: string | null): string {
  return createHash('sha256').update(contentType ?? '').update('\n').update(body).digest('base64url');
}

/** The hub and topic a feed is subscribed with, to renew the lease without reading the document. */
function storedWebSubLinks(feed: FeedRow): WebSubLinks | null {
  return feed.websubHub && feed.websubTopic ? { hub: feed.websubHub, self: feed.websubTopic } : null;
}

/** A document a WebSub hub pushed, in the shape of a fetch. */
function pushedDocument(feed: FeedRow, pushed: NonNullable<PollOptions['pushed']>): FeedFetchResult {
  return {
    status: 200,
    url: feed.url,
    redirects: [],
    notModified: false,
    body: pushed.body,
    contentType: pushed.contentType,
    etag: feed.etag,
    lastModified: feed.lastModified,
    maxAgeSeconds: null,
    bytes: pushed.body.byteLength,
    latencyMs: 0,
    linkHeader: null,
  };
}

/**
 * New stories an hour that no news feed publishes (a busy wire lists a few hundred): a feed
 * past it is broken (new guids for old items at every poll) or hostile, and is paused before
 * it floods every dashboard, widget and alert.
 */
export const FLOOD_STORIES_PER_HOUR = 1500;

/** Counts a poll's new stories in its hour (in Redis, across pollers) and pauses a feed past FLOOD_STORIES_PER_HOUR. */
async function pauseIfFlooding(feed: FeedRow, inserted: number, deps: PollDeps, now: Date): Promise<void> {
  const key = `${deps.streamKey}:new-per-hour:${feed.id}:${Math.floor(now.getTime() / 3_600_000)}`;
  const [[, count]] = (await deps.redis.multi().incrby(key, inserted).expire(key, 7_200).exec()) as [[Error | null, number]];
  if (count <= FLOOD_STORIES_PER_HOUR) return;
  // the subscription to leave is the one this poll may have made, at another hub
  const current = (await getFeed(deps.db, feed.id)) ?? feed;
  await pauseFeed(
    deps.db,
    feed.id,
    `it brought ${count.toLocaleString('en')} new stories within an hour, more than any news feed publishes (a flood, or new ids for old items at every read): paused so that it cannot flood dashboards and alerts; resume it if that is what you expect`,
  );
  await deps.onScheduleChange?.(current, null);
}

/**
 * Records a failed poll and schedules the next with backoff. The feed is paused when told to,
 * when the publisher says it is gone for good (410), or when it has failed for days.
 */
async function recordFailure(
  feed: FeedRow,
  error: Error,
  attempt: { fetched: FeedFetchResult | undefined; started: number; pushed: boolean },
  now: Date,
  deps: PollDeps,
  pauseReason?: string,
): Promise<PollOutcome> {
  const status = error instanceof FetchError ? (error.status ?? null) : (attempt.fetched?.status ?? null);
  const retryAfter = error instanceof FetchError ? error.retryAfterSeconds : undefined;
  await holdHostIfAsked(new URL(feed.url).host, status, retryAfter, deps);
  const delay = failureDelaySeconds(feed.pollIntervalSeconds ?? feed.intervalSeconds, feed.errorCount + 1, retryAfter, Math.random, feed.maxIntervalSeconds);
  const updated = await recordFetchFailure(deps.db, feed.id, {
    status,
    error: error.message,
    latencyMs: Math.round(performance.now() - attempt.started),
    bytes: attempt.fetched?.bytes ?? null,
    pushed: attempt.pushed,
    nextPollAt: new Date(now.getTime() + delay * 1000),
  });
  if (!updated) return { kind: 'failed', error: error.message, status, paused: false };
  const since = (updated.lastSuccessAt ?? updated.createdAt).toISOString().slice(0, 10);
  const reason =
    pauseReason ??
    (error instanceof FetchError && status === 410
      ? `the publisher retired the feed: ${error.message}`
      : shouldPause(updated.errorCount, updated.lastSuccessAt, updated.createdAt, now)
        ? `failing since ${since} (${updated.errorCount} attempts): ${error.message}`
        : null);
  if (reason) {
    await pauseFeed(deps.db, feed.id, reason);
    await deps.onScheduleChange?.(feed, null);
  }
  return { kind: 'failed', error: error.message, status, paused: reason !== null };
}

const clusterInput = (story: Pick<NewStory, 'id' | 'title' | 'summary' | 'countries' | 'companies' | 'publishedAt'>) => ({
  id: story.id,
  title: story.title,
  text: story.summary ?? '',
  countries: story.countries ?? [],
  companies: story.companies ?? [],
  time: story.publishedAt.getTime(),
});

/**
 * Appends the feed's not-yet-streamed stories to the live stream (telling the other pollers
 * their events), then takes them out of the outbox. A crash between the two re-sends a story
 * at worst; readers drop repeats by story id.
 */
async function streamPending(feedId: string, deps: PollDeps, justStored: UnstreamedStory[] = []): Promise<number> {
  // the stories just stored are in hand; the database is read only for ones a crash left behind
  const leftBehind = (await hasUnstreamedStories(deps.db, feedId, justStored.length))
    ? await listUnstreamedStories(deps.db, feedId)
    : [];
  // one stored without an event (by a poller without a clustering window) gets one now
  const newlyClustered = new Set<string>();
  for (const row of leftBehind) {
    if (row.clusterId !== null || !deps.clusters) continue;
    row.clusterId = deps.clusters.assign(clusterInput(row));
    newlyClustered.add(row.id);
  }
  const fresh = new Set(leftBehind.map((row) => row.id));
  const pending = [...leftBehind, ...justStored.filter((row) => !fresh.has(row.id))];
  const told =
    deps.clusters && deps.eventStreamKey
      ? {
          streamKey: deps.eventStreamKey,
          events: pending.flatMap((row) => {
            if (!row.clusterId) return [];
            const story = clusterInput(row);
            return [{ id: row.id, time: story.time, countries: row.countries, companies: row.companies, clusterId: row.clusterId, features: deps.clusters!.tell(story) }];
          }),
        }
      : undefined;
  await appendStories(
    deps.redis,
    deps.streamKey,
    pending.map((row) => ({ story: toStory(row), backCatalogue: row.backCatalogue })),
    told,
  );
  await markStoriesStreamed(
    deps.db,
    pending.map((row) => (newlyClustered.has(row.id) ? { id: row.id, newClusterId: row.clusterId! } : { id: row.id })),
  );
  return pending.length;
}
