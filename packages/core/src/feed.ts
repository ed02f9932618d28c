import { z } from 'zod';

/**
 * The longest address a feed, webhook or hub may have, in UTF-8 bytes. Feed addresses are
 * unique, and PostgreSQL indexes at most 2,704 bytes of a row; browsers, servers and the
 * sitemap protocol stop near 2,000 characters, so no real address comes near it.
 */
export const MAX_URL_BYTES = 2048;

/** The longest title a user may give a feed, and the longest folder name. */
export const MAX_FEED_TITLE_LENGTH = 300;
export const MAX_FOLDER_LENGTH = 100;

const utf8 = new TextEncoder();

/** Whether an address is short enough to keep (see MAX_URL_BYTES). */
export function fitsUrlLimit(url: string): boolean {
  // a character takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4)
  return url.length * 3 <= MAX_URL_BYTES || utf8.encode(url).length <= MAX_URL_BYTES;
}

/** Only http(s) URLs may be fed to the fetcher. */
export const HttpUrlSchema = z
  .string()
  .trim()
  .min(1, 'url is required')
  .refine(fitsUrlLimit, `url must be at most ${MAX_URL_BYTES} bytes long`)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'url must be an absolute http(s) URL');

/**
 * The login a feed behind a paywall or an intranet needs, sent as HTTP Basic authentication
 * to the feed's own origin only. The password is stored, never shown again.
 */
export const FeedLoginSchema = z.object({
  username: z.string().trim().min(1, 'login.username is required').max(200),
  password: z.string().max(500),
});
export type FeedLogin = z.infer<typeof FeedLoginSchema>;

/**
 * What a feed's requests call the reader (User-Agent) instead of the product's own name, for
 * a site that turns away feed readers it does not know. Printable ASCII, as HTTP allows.
 */
export const FeedUserAgentSchema = z
  .string()
  .trim()
  .min(1, 'userAgent may not be empty (null gives the feed back the product\'s own)')
  .max(300)
  .regex(/^[\x20-\x7e]+$/, 'userAgent may hold printable ASCII characters only');

export const FeedInputSchema = z.object({
  url: HttpUrlSchema,
  title: z.string().trim().max(MAX_FEED_TITLE_LENGTH).optional(),
  enabled: z.boolean().optional(),
  intervalSeconds: z.number().int().min(60).max(86_400).optional(),
  /**
   * The longest the feed may wait between polls, however rarely it publishes: a regulator whose
   * notices matter within minutes is read at least this often (a server's max-age still wins).
   * null lets the poller follow the feed's pace, up to MAX_ADAPTIVE_INTERVAL_SECONDS.
   */
  maxIntervalSeconds: z.number().int().min(60, 'maxIntervalSeconds must be at least 60 (a minute)').max(21_600, 'maxIntervalSeconds must be at most 21600 (6 hours)').nullable().optional(),
  /** The folder the feed is kept in ("Regulators"); empty or null for none. */
  folder: z.string().trim().max(MAX_FOLDER_LENGTH).nullable().optional(),
  /** null removes the login. */
  login: FeedLoginSchema.nullable().optional(),
  /** null gives the feed back the product's own User-Agent. */
  userAgent: FeedUserAgentSchema.nullable().optional(),
});
export type FeedInput = z.infer<typeof FeedInputSchema>;

/**
 * A feed address written with its login in it (`https://user:password@host/feed`, as feed
 * readers' exports carry them) as the address alone and the login beside it; a login given
 * on its own wins.
 * @example withLoginFromUrl({ url: 'https://ana:s3cret@news.example/feed' }) // { url: 'https://news.example/feed', login: { username: 'ana', password: 's3cret' } }
 */
export function withLoginFromUrl<T extends { url?: string; login?: FeedLogin | null }>(input: T): T & { login?: FeedLogin | null } {
  if (!input.url) return input;
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return input;
  }
  if (!url.username && !url.password) return input;
  const login = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  return { ...input, url: url.href, login: input.login === undefined ? login : input.login };
}

/** A user's change to a feed; a title of null (or empty) gives the feed back its own title. */
export const FeedUpdateSchema = FeedInputSchema.partial().extend({
  title: z.string().trim().max(MAX_FEED_TITLE_LENGTH).nullable().optional(),
});
export type FeedUpdate = z.infer<typeof FeedUpdateSchema>;

/** A watched feed and its health, as GET /api/feeds shows it. */
export const FeedSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  siteUrl: z.string().nullable(),
  enabled: z.boolean(),
  intervalSeconds: z.number().int(),
  createdAt: z.string(),
  lastFetchAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastBytes: z.number().int().nullable(),
  lastItems: z.number().int().nullable(),
  errorCount: z.number().int(),
  nextPollAt: z.string().nullable(),
  /** The interval the poller settled on from how often the feed changes. */
  pollIntervalSeconds: z.number().int().nullable(),
  /** The longest the user lets the feed wait between polls; null: it follows the feed's pace. */
  maxIntervalSeconds: z.number().int().nullable().optional(),
  lastSuccessAt: z.string().nullable(),
  /** Set when the poller paused a feed that failed for days. */
  pausedReason: z.string().nullable(),
  /** When the poller paused it (with pausedReason). */
  pausedAt: z.string().nullable().optional(),
  /** WebSub push: 'subscribed', 'pending', 'failed', or null when the feed has no hub. */
  websub: z.object({ hub: z.string(), state: z.string().nullable(), expiresAt: z.string().nullable() }).nullable(),
  /** The web page given as the feed's address, which announced it, and the other feeds it announces. */
  foundOn: z
    .object({ page: z.string(), others: z.array(z.object({ url: z.string(), title: z.string().nullable() })) })
    .nullable()
    .optional(),
  /**
   * When a poll last found nothing but new stories: the feed published more than it lists
   * between two polls, and some stories were likely missed.
   */
  overflowedAt: z.string().nullable().optional(),
  /** The folder the feed is kept in, or null. */
  folder: z.string().nullable().optional(),
  /** The user name of the feed's login, if it has one (its password is never sent). */
  login: z.object({ username: z.string() }).nullable().optional(),
  /** The User-Agent the feed is read with instead of the product's own, or null. */
  userAgent: z.string().nullable().optional(),
  storyCount: z.number().int().optional(),
  /** When the feed's newest story was published (null: it has none), listed with storyCount. */
  newestStoryAt: z.string().nullable().optional(),
  /** When the feed's oldest story stored was published: with newestStoryAt and storyCount, its pace. */
  oldestStoryAt: z.string().nullable().optional(),
});
export type Feed = z.infer<typeof FeedSchema>;

export const DEFAULT_POLL_INTERVAL_SECONDS = 300;

/** The longest a feed that publishes rarely waits between polls, unless its user asks for less. */
export const MAX_ADAPTIVE_INTERVAL_SECONDS = 6 * 3600;

/**
 * The most items read from one document: a feed listing more (a whole archive, or a hostile
 * one listing 200,000 one-line items to flood every dashboard and alert) has its newest read.
 * Real news feeds list 10 to 300.
 */
export const MAX_ITEMS_READ_PER_DOCUMENT = 1000;

/**
 * Whether a feed needs someone: `failing` (watched, but its last poll failed) or `paused`
 * (stopped by the poller after failing for days, or answered 410 Gone); null otherwise.
 */
export function feedNeedsAttention(
  feed: Pick<Feed, 'enabled' | 'lastError' | 'lastStatus'> & Partial<Pick<Feed, 'pausedReason'>>,
): 'failing' | 'paused' | null {
  if (!feed.enabled) return feed.pausedReason ? 'paused' : null;
  return feed.lastError || (feed.lastStatus !== null && feed.lastStatus >= 400) ? 'failing' : null;
}

/** The start of the error of a feed whose address holds an OPML list of feeds, not a feed. */
export const OPML_LIST_ERROR = 'not a feed but an OPML list of feeds';

/** Whether a feed's last error says its address holds an OPML list: its feeds can be imported instead. */
export function isOpmlListError(lastError: string | null | undefined): boolean {
  return lastError?.includes(OPML_LIST_ERROR) ?? false;
}

/**
 * Whether an HTTP status is how sites turn away readers they do not know by name: a bare 403,
 * or mod_security's 406 on shared hosts. Such a feed may read with a browser's User-Agent.
 */
export function turnsAwayUnknownReaders(status: number | null | undefined): boolean {
  return status === 403 || status === 406;
}

/** What a feed's error advises when its site may turn away readers it does not know by name. */
export const READ_AS_BROWSER_ADVICE = "try reading it with a browser's User-Agent";

/**
 * Whether a feed's last failure suggests reading it with a browser's User-Agent: a 403 or 406,
 * or a web page in place of the feed, which some sites show readers they do not know.
 */
export function mayReadAsBrowser(feed: { lastStatus: number | null; lastError: string | null }): boolean {
  return turnsAwayUnknownReaders(feed.lastStatus) || (feed.lastError?.includes(READ_AS_BROWSER_ADVICE) ?? false);
}

/** How many feeds need someone, as GET /api/feeds/attention answers (the dashboard's Feeds tab shows it). */
export const FeedAttentionSchema = z.object({ failing: z.number().int(), paused: z.number().int() });
export type FeedAttention = z.infer<typeof FeedAttentionSchema>;

/**
 * What one poll of a feed found: `read` (a document read, its items stored), `unchanged`
 * (304 Not Modified, or the very bytes of the last read) or `failed`; `pushed` when a WebSub
 * hub sent the document. GET /api/feeds/:id/polls lists a feed's latest, newest first.
 */
export const FeedPollSchema = z.object({
  at: z.string(),
  outcome: z.enum(['read', 'unchanged', 'failed']),
  pushed: z.boolean(),
  status: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  /** How many items the document listed (null when none was read). */
  items: z.number().int().nullable(),
  newStories: z.number().int(),
  updatedStories: z.number().int(),
  /** Why a failed poll failed; beside a read, what went wrong that the read stands without (a page of older items unread). */
  error: z.string().nullable(),
});
export type FeedPoll = z.infer<typeof FeedPollSchema>;

/**
 * How many of a feed's polls are kept at the least: at 5-minute polling, 16 hours; a slower
 * feed's, days. Beyond them, every poll of the last POLLS_KEPT_HOURS is kept too (a feed
 * polled every minute keeps last night's), up to MAX_POLLS_PER_FEED.
 */
export const POLLS_KEPT_PER_FEED = 200;
export const POLLS_KEPT_HOURS = 24;
export const MAX_POLLS_PER_FEED = 1500;

/**
 * How many stories each feed published over the last `days`, and how many of them are about
 * internet policy (the detector's relevance): what a team weighs when it prunes its feeds.
 * GET /api/feeds/stats answers it; feeds with no story in the range are left out.
 */
export const FeedStoryStatsSchema = z.object({
  since: z.string(),
  days: z.number().int(),
  feeds: z.array(z.object({ feedId: z.string(), stories: z.number().int(), policyStories: z.number().int() })),
});
export type FeedStoryStats = z.infer<typeof FeedStoryStatsSchema>;

/**
 * Where a feed's WebSub push stands, read from its `websub` (whose state is 'subscribed',
 * 'pending', 'denied: <the hub's reason>' or 'failed: <why>'): pushed, lapsed (a lease not
 * renewed), asked for, refused or unavailable; `hub` is the hub's host, `reason` what the hub
 * or the request said, and `askedAgain` whether the hub is asked again later. Null when the
 * feed names no hub, or is paused.
 */
export interface WebSubStanding {
  kind: 'pushed' | 'lapsed' | 'asked' | 'refused' | 'unavailable';
  hub: string;
  reason: string | null;
  askedAgain: boolean;
}

export function webSubStanding(websub: Feed['websub'], now: number): WebSubStanding | null {
  if (!websub?.state) return null;
  const hub = URL.canParse(websub.hub) ? new URL(websub.hub).host : websub.hub;
  const askedAgain = websub.expiresAt !== null;
  if (websub.state === 'subscribed') {
    const lapsed = askedAgain && Date.parse(websub.expiresAt!) <= now;
    return { kind: lapsed ? 'lapsed' : 'pushed', hub, reason: null, askedAgain };
  }
  if (websub.state === 'pending') return { kind: 'asked', hub, reason: null, askedAgain };
  const refused = /^denied: (.*)$/s.exec(websub.state);
  if (refused) return { kind: 'refused', hub, reason: refused[1]!, askedAgain };
  return { kind: 'unavailable', hub, reason: websub.state.replace(/^failed: /, ''), askedAgain };
}
