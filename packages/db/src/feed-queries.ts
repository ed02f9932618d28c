import { and, asc, eq, gte, isNotNull, sql, type SQL } from 'drizzle-orm';
import { newStoryId as newFeedId } from './ids.ts';
import { DEFAULT_POLL_INTERVAL_SECONDS, feedUrlKey, type Feed, type FeedInput, type FeedProblem, type FeedUpdate } from '@radar/core';
import { recordPoll } from './feed-poll-queries.ts';
import { sealedSecrets, withOpenSecrets } from './feed-secrets.ts';
import { prepared } from './prepared.ts';
import { storedErrorText } from './stored-text.ts';
import { secretBoxOf } from './secret-box.ts';
import type { RadarDb } from './database.ts';
import { feeds, stories, storyOutbox, type FeedRow } from './schema/index.ts';

export class DuplicateFeedError extends Error {
  override name = 'DuplicateFeedError';
  constructor(readonly existing: FeedRow) {
    super(`a feed with url ${existing.url} already exists`);
  }
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The public shape of a feed and its health. */
export function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.siteUrl,
    enabled: row.enabled,
    intervalSeconds: row.intervalSeconds,
    createdAt: row.createdAt.toISOString(),
    lastFetchAt: iso(row.lastFetchAt),
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    lastLatencyMs: row.lastLatencyMs,
    lastBytes: row.lastBytes,
    lastItems: row.lastItems,
    errorCount: row.errorCount,
    nextPollAt: iso(row.nextPollAt),
    pollIntervalSeconds: row.pollIntervalSeconds,
    maxIntervalSeconds: row.maxIntervalSeconds,
    lastSuccessAt: iso(row.lastSuccessAt),
    pausedReason: row.pausedReason,
    pausedAt: iso(row.pausedAt),
    websub: row.websubHub
      ? { hub: row.websubHub, state: row.websubState, expiresAt: iso(row.websubExpiresAt) }
      : null,
    foundOn: row.foundOn ? { page: row.foundOn, others: row.alsoAnnounced ?? [] } : null,
    folder: row.folder,
    login: row.loginUsername ? { username: row.loginUsername } : null,
    userAgent: row.userAgent,
    overflowedAt: iso(row.overflowedAt),
    storyCount: row.storyCount,
    newestStoryAt: iso(row.newestStoryAt),
    oldestStoryAt: iso(row.oldestStoryAt),
  };
}

/**
 * The feed already watched at `url` or at an address that is the same feed (http or https,
 * with or without `www.`, a trailing slash: feedUrlKey), other than `exceptId`; null if none.
 */
export async function findWatchedFeed(db: RadarDb, url: string, exceptId?: string): Promise<FeedRow | null> {
  const exact = await getFeedByUrl(db, url);
  if (exact && exact.id !== exceptId) return exact;
  const key = feedUrlKey(url);
  const rows = await db.select({ id: feeds.id, url: feeds.url }).from(feeds);
  const same = rows.find((row) => row.id !== exceptId && feedUrlKey(row.url) === key);
  return same ? getFeed(db, same.id) : null;
}

/**
 * Adds a feed; one already watched at the same address, or at one that is the same feed,
 * throws DuplicateFeedError. `watched` (feedUrlKey to feed id), when given, stands for the
 * feeds already there, so that a long import reads them once.
 */
export async function createFeed(db: RadarDb, input: FeedInput, watched?: Map<string, string>): Promise<FeedRow> {
  const twinId = watched?.get(feedUrlKey(input.url));
  const twin = watched ? twinId && (await getFeed(db, twinId)) : await findWatchedFeed(db, input.url);
  if (twin) throw new DuplicateFeedError(twin);
  const [row] = await db
    .insert(feeds)
    .values({
      id: newFeedId(),
      url: input.url,
      title: input.title ?? null,
      enabled: input.enabled ?? true,
      intervalSeconds: input.intervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
      maxIntervalSeconds: input.maxIntervalSeconds ?? null,
      folder: input.folder || null,
      loginUsername: input.login?.username ?? null,
      loginPassword: input.login ? secretBoxOf(db).seal(input.login.password) : null,
      userAgent: input.userAgent ?? null,
    })
    .onConflictDoNothing({ target: feeds.url })
    .returning();
  if (row) return withOpenSecrets(db, row);
  const existing = await getFeedByUrl(db, input.url);
  if (!existing) throw new Error(`feed ${input.url} vanished while being created`);
  throw new DuplicateFeedError(existing);
}

/**
 * Dates a feed's watch back to `since`, as if it had been read from then (its created_at):
 * for the demo, whose feeds come with a week of history. What is rising counts a feed's
 * stories only over the days it was watched.
 */
export async function setFeedWatchedSince(db: RadarDb, id: string, since: Date): Promise<void> {
  await db.update(feeds).set({ createdAt: since }).where(eq(feeds.id, id));
}

export async function getFeed(db: RadarDb, id: string): Promise<FeedRow | null> {
  // every poll starts here: the statement is built once
  const byId = prepared(db, 'feed_by_id', (d) => d.select().from(feeds).where(eq(feeds.id, sql.placeholder('id'))).limit(1));
  const [row] = await byId.execute({ id });
  return row ? withOpenSecrets(db, row) : null;
}

export async function getFeedByUrl(db: RadarDb, url: string): Promise<FeedRow | null> {
  const [row] = await db.select().from(feeds).where(eq(feeds.url, url)).limit(1);
  return row ? withOpenSecrets(db, row) : null;
}

/** Every feed with its story count, oldest first. */
export async function listFeeds(db: RadarDb): Promise<Feed[]> {
  const rows = await db.select().from(feeds).orderBy(asc(feeds.createdAt), asc(feeds.id));
  return rows.map((row) => toFeed(row));
}

export async function listEnabledFeeds(db: RadarDb): Promise<FeedRow[]> {
  const rows = await db.select().from(feeds).where(eq(feeds.enabled, true));
  return rows.map((row) => withOpenSecrets(db, row));
}

/** A paused feed's WebSub state: no subscription (the hub and topic are kept, to leave the hub by). */
const LEFT_HUB = { websubState: null, websubExpiresAt: null } as const;

/** Applies a user's change to a feed; another feed's address throws DuplicateFeedError. */
export async function updateFeed(db: RadarDb, id: string, patch: FeedUpdate): Promise<FeedRow | null> {
  const { login, folder, ...fields } = patch;
  const values: Partial<FeedRow> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (folder !== undefined) values.folder = folder || null;
  // a new User-Agent is tried at once, and the document read in full
  if (patch.userAgent !== undefined) Object.assign(values, { nextPollAt: null, etag: null, lastModified: null, contentHash: null });
  // a new login is tried at once
  if (login !== undefined) Object.assign(values, { loginUsername: login?.username ?? null, loginPassword: login ? secretBoxOf(db).seal(login.password) : null, nextPollAt: null });
  // a user who turns a feed back on, or changes its interval, starts its schedule afresh
  if (patch.enabled === true) Object.assign(values, { pausedReason: null, pausedAt: null, errorCount: 0, nextPollAt: null });
  // a paused feed takes no pushes: its subscription is over, and one is asked for again on resume
  if (patch.enabled === false) Object.assign(values, LEFT_HUB);
  // and its next read is in full, for its pace to be worked out again from its items' dates
  if (patch.intervalSeconds !== undefined || patch.maxIntervalSeconds !== undefined) {
    Object.assign(values, { pollIntervalSeconds: null, nextPollAt: null, etag: null, lastModified: null, contentHash: null });
  }
  if (patch.title !== undefined && !patch.title) {
    // the feed's own title comes back when its document is next read in full
    Object.assign(values, { title: null, etag: null, lastModified: null, contentHash: null });
  }
  if (patch.url !== undefined) {
    const existing = await findWatchedFeed(db, patch.url, id);
    if (existing) throw new DuplicateFeedError(existing);
    // another address is another feed: read in full, soon, as one never read (a site's page
    // is followed to its feed; what it holds already alerts no one), its old record gone
    const current = await getFeed(db, id);
    if (current && current.url !== patch.url) {
      Object.assign(values, { etag: null, lastModified: null, contentHash: null, nextPollAt: null, foundOn: null, alsoAnnounced: null, lastSuccessAt: null, lastError: null, errorCount: 0 });
    }
  }
  if (Object.keys(values).length === 0) return getFeed(db, id);
  const [row] = await db.update(feeds).set(values).where(eq(feeds.id, id)).returning();
  if (row && folder !== undefined) {
    // its stories are filed with it: a folder filters stories stored before the move too
    await db
      .update(stories)
      .set({ sourceFolder: row.folder })
      .where(and(eq(stories.feedId, id), sql`${stories.sourceFolder} is distinct from ${row.folder}`));
  }
  return row ? withOpenSecrets(db, row) : null;
}

/**
 * Points a feed at another address (the feed a web page announces, or where a feed moved for
 * good); with `forgetDocument`, validators and digest of the old address are dropped, so the
 * new one is read in full; `foundOn` keeps the page and the other feeds it announces; a login
 * stays only on the same origin. Answers the feed already at that address instead, and moves
 * nothing.
 */
export async function moveFeed(
  db: RadarDb,
  feed: Pick<FeedRow, 'id' | 'url'>,
  url: string,
  options: { forgetDocument: boolean; foundOn?: { page: string; others: { url: string; title: string | null }[] } },
): Promise<{ moved: true } | { moved: false; existing: FeedRow }> {
  if (url === feed.url) return { moved: true };
  const existing = await findWatchedFeed(db, url, feed.id);
  if (existing) return { moved: false, existing };
  const forget = options.forgetDocument ? { etag: null, lastModified: null, contentHash: null } : {};
  const found = options.foundOn ? { foundOn: options.foundOn.page, alsoAnnounced: options.foundOn.others } : {};
  // a login is for the server it was given for: a page or a redirect naming another server
  // (which anyone can publish) never gets it
  const login = new URL(feed.url).origin === new URL(url).origin ? {} : { loginUsername: null, loginPassword: null };
  await db.update(feeds).set({ url, ...forget, ...found, ...login }).where(eq(feeds.id, feed.id));
  return { moved: true };
}

/** Deletes a feed; its stories stay (without a feed), and those not yet streamed never will be. */
export async function deleteFeed(db: RadarDb, id: string): Promise<boolean> {
  await db.delete(storyOutbox).where(eq(storyOutbox.feedId, id));
  const rows = await db.delete(feeds).where(eq(feeds.id, id)).returning({ id: feeds.id });
  return rows.length > 0;
}

export interface FetchSuccess {
  status: number;
  latencyMs: number;
  bytes: number;
  items: number;
  etag: string | null;
  lastModified: string | null;
  title?: string | null;
  siteUrl?: string | null;
  /** The digest of the document read in full; unset keeps the one stored (a 304 read nothing). */
  contentHash?: string | null;
  pollIntervalSeconds: number;
  nextPollAt: Date;
  /** The poll found only new stories, after one that found some: stories may have been missed. */
  overflowed?: boolean;
  /** The document was not read again (304 Not Modified, or the same bytes as last time). */
  unchanged?: boolean;
  /** A WebSub hub pushed the document. */
  pushed?: boolean;
  newStories?: number;
  updatedStories?: number;
  /** What went wrong beside a read that stands (a page of older items that could not be read), kept in the poll's history. */
  note?: string | null;
}

/** A value given when a prepared statement runs, typed for drizzle's set(). */
const param = (name: string): SQL => sql`${sql.placeholder(name)}`;

export async function recordFetchSuccess(db: RadarDb, id: string, result: FetchSuccess): Promise<void> {
  // every poll ends here: the statement is built once
  const record = prepared(db, 'record_fetch_success', (d) =>
    d
      .update(feeds)
      .set({
        lastFetchAt: param('at'),
        lastSuccessAt: param('at'),
        lastStatus: param('status'),
        lastError: null,
        pollIntervalSeconds: param('pollIntervalSeconds'),
        lastLatencyMs: param('latencyMs'),
        lastBytes: param('bytes'),
        lastItems: param('items'),
        etag: param('etag'),
        lastModified: param('lastModified'),
        errorCount: 0,
        nextPollAt: param('nextPollAt'),
        // a feed keeps a title the user gave it, and its site when the document names none
        title: sql`coalesce(${feeds.title}, ${sql.placeholder('title')})`,
        siteUrl: sql`coalesce(${sql.placeholder('siteUrl')}, ${feeds.siteUrl})`,
        contentHash: sql`coalesce(${sql.placeholder('contentHash')}, ${feeds.contentHash})`,
        overflowedAt: sql`coalesce(${sql.placeholder('overflowedAt')}, ${feeds.overflowedAt})`,
      })
      .where(eq(feeds.id, sql.placeholder('id')))
      .returning({ id: feeds.id }),
  );
  const at = new Date();
  const updated = await record.execute({
    id,
    at,
    status: result.status,
    pollIntervalSeconds: result.pollIntervalSeconds,
    latencyMs: result.latencyMs,
    bytes: result.bytes,
    items: result.items,
    etag: result.etag,
    lastModified: result.lastModified,
    nextPollAt: result.nextPollAt,
    title: result.title || null,
    siteUrl: result.siteUrl || null,
    contentHash: result.contentHash ?? null,
    overflowedAt: result.overflowed ? new Date() : null,
  });
  // a feed deleted while it was polled has no history to keep
  if (updated.length === 0) return;
  await recordPoll(db, id, {
    at,
    outcome: result.unchanged ? 'unchanged' : 'read',
    pushed: result.pushed ?? false,
    status: result.status,
    latencyMs: result.latencyMs,
    bytes: result.bytes,
    items: result.unchanged ? null : result.items,
    newStories: result.newStories ?? 0,
    updatedStories: result.updatedStories ?? 0,
    error: result.note ?? null,
  });
}

export interface FetchFailure {
  status: number | null;
  error: string;
  latencyMs: number | null;
  nextPollAt: Date;
  /** The bytes read before the failure (a document that was no feed), if any. */
  bytes?: number | null;
  pushed?: boolean;
}

/** Records a failed poll and answers the feed as it now is (its error count included). */
export async function recordFetchFailure(db: RadarDb, id: string, failure: FetchFailure): Promise<FeedRow | null> {
  const at = new Date();
  const [row] = await db
    .update(feeds)
    .set({
      lastFetchAt: at,
      lastStatus: failure.status,
      lastError: storedErrorText(failure.error),
      lastLatencyMs: failure.latencyMs,
      errorCount: sql`${feeds.errorCount} + 1`,
      nextPollAt: failure.nextPollAt,
    })
    .where(eq(feeds.id, id))
    .returning();
  if (!row) return null;
  await recordPoll(db, id, {
    at,
    outcome: 'failed',
    pushed: failure.pushed ?? false,
    status: failure.status,
    latencyMs: failure.latencyMs,
    bytes: failure.bytes ?? null,
    items: null,
    newStories: 0,
    updatedStories: 0,
    error: failure.error,
  });
  return withOpenSecrets(db, row);
}

/** Sets when a feed is next read, its poll put off (its host asked every client to wait). */
export async function deferFeed(db: RadarDb, id: string, until: Date): Promise<void> {
  await db.update(feeds).set({ nextPollAt: until }).where(eq(feeds.id, id));
}

/**
 * Stops polling a feed on the poller's own decision, saying why (shown on the feeds page).
 * When it was paused is kept from the first time until a user resumes it, so a pause told
 * again is the same pause to feed alerts.
 */
export async function pauseFeed(db: RadarDb, id: string, reason: string): Promise<void> {
  await db
    .update(feeds)
    .set({ enabled: false, pausedReason: storedErrorText(reason), pausedAt: sql`coalesce(${feeds.pausedAt}, now())`, nextPollAt: null, ...LEFT_HUB })
    .where(eq(feeds.id, id));
}

/** The feeds the poller paused at `since` or later, and which are still paused: what feed alerts tell of. */
export async function listFeedProblemsSince(db: RadarDb, since: Date): Promise<FeedProblem[]> {
  const rows = await db
    .select({ id: feeds.id, title: feeds.title, url: feeds.url, reason: feeds.pausedReason, pausedAt: feeds.pausedAt })
    .from(feeds)
    .where(and(eq(feeds.enabled, false), isNotNull(feeds.pausedReason), gte(feeds.pausedAt, since)))
    .orderBy(asc(feeds.pausedAt), asc(feeds.id));
  return rows.map((row) => ({
    feedId: row.id,
    title: row.title || row.url,
    url: row.url,
    reason: row.reason ?? '',
    pausedAt: row.pausedAt!.toISOString(),
  }));
}

export interface AddFeedsResult {
  added: FeedRow[];
  skipped: { url: string; reason: string }[];
}

/** Adds many feeds (an OPML import); feeds already watched are reported, not repeated. */
export async function addFeeds(
  db: RadarDb,
  inputs: FeedInput[],
  onProgress?: (done: number, total: number) => void,
): Promise<AddFeedsResult> {
  const result: AddFeedsResult = { added: [], skipped: [] };
  const watched = new Map((await db.select({ id: feeds.id, url: feeds.url }).from(feeds)).map((row) => [feedUrlKey(row.url), row.id]));
  for (const [index, input] of inputs.entries()) {
    try {
      const feed = await createFeed(db, input, watched);
      watched.set(feedUrlKey(feed.url), feed.id);
      result.added.push(feed);
    } catch (error) {
      if (!(error instanceof DuplicateFeedError)) throw error;
      result.skipped.push({ url: input.url, reason: 'already watched' });
    }
    onProgress?.(index + 1, inputs.length);
  }
  return result;
}

export interface WebSubState {
  websubHub: string | null;
  websubTopic: string | null;
  websubSecret?: string | null;
  /** 'pending', 'subscribed', 'denied: …' or 'failed: …'. */
  websubState: string | null;
  websubExpiresAt?: Date | null;
  /** The key of the subscription's callback address; null: /websub/:feedId, as before keys. */
  websubCallbackKey?: string | null;
}

/**
 * A feed's subscription at a WebSub hub: the hub, the topic (the feed's address as the hub
 * knows it), and the key of the callback it was made with (null: a callback without one).
 */
export interface HeldWebSubscription {
  hub: string;
  topic: string;
  callbackKey: string | null;
}

/** The subscription a feed holds at its hub, or has asked for: what pausing or moving it leaves; null when none. */
export function heldWebSubscription(feed: WebSubState): HeldWebSubscription | null {
  return feed.websubHub && feed.websubTopic && feed.websubState
    ? { hub: feed.websubHub, topic: feed.websubTopic, callbackKey: feed.websubCallbackKey ?? null }
    : null;
}

/** Forgets what a feed's document was (its validators and digest): its next read is in full. */
export async function forgetFeedDocument(db: RadarDb, id: string): Promise<void> {
  await db.update(feeds).set({ etag: null, lastModified: null, contentHash: null }).where(eq(feeds.id, id));
}

/** Records where a feed's WebSub subscription stands. */
export async function setWebSubState(db: RadarDb, id: string, state: WebSubState): Promise<void> {
  await db.update(feeds).set(sealedSecrets(db, state)).where(eq(feeds.id, id));
}
