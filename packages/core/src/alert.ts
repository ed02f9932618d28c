import { z } from 'zod';
import { HttpUrlSchema } from './feed.ts';
import { checkQuery, parseQuery } from './query/parse-query.ts';
import { hasRequiredTerm } from './query/required-terms.ts';
import { RisingSignalSchema, type RisingSignal } from './rising.ts';
import { TAG_KINDS } from './taxonomy.ts';
import { StorySchema, type Story } from './story.ts';

/** How an e-mail channel sends: each alert at once, or grouped hourly, daily or weekly. */
export const DIGEST_MODES = ['none', 'hourly', 'daily', 'weekly'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** Whether the runtime knows a time zone by this IANA name ("Europe/Brussels", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * When a daily or weekly digest goes out: an hour of the day in its readers' time zone
 * (weekly ones on Mondays). Hourly digests go out at each full hour of that zone.
 */
export const DigestTimeSchema = z.object({
  hour: z.number().int().min(0, 'the hour is 0 to 23').max(23, 'the hour is 0 to 23'),
  timeZone: z.string().max(64).refine(isTimeZone, 'the time zone is not one of the IANA time zones (such as Europe/Brussels or UTC)'),
});
export type DigestTime = z.infer<typeof DigestTimeSchema>;
/** A channel that names no time: the digest's hour before time zones could be chosen. */
export const DEFAULT_DIGEST_TIME: DigestTime = { hour: 7, timeZone: 'UTC' };

/** How a channel's digest goes out, in words: "daily digest at 08:00 Europe/Brussels", "weekly digest, Mondays at 07:00 UTC". */
export function digestPhrase(digest: Exclude<DigestMode, 'none'>, time: DigestTime = DEFAULT_DIGEST_TIME): string {
  if (digest === 'hourly') return 'hourly digest';
  const at = `${String(time.hour).padStart(2, '0')}:00 ${time.timeZone.replaceAll('_', ' ')}`;
  return digest === 'weekly' ? `weekly digest, Mondays at ${at}` : `daily digest at ${at}`;
}

/**
 * Alerts are for news: a story published longer ago than this before it was found (a feed's
 * back catalogue, read when the feed is added) is stored and listed but fires no alert.
 */
export const ALERT_NEWS_AGE_MS = 48 * 3_600_000;

/** An alert query: it must parse, and something must be required (not only exclusions). */
export const AlertQuerySchema = z
  .string()
  .trim()
  .min(1, 'the query is empty')
  .max(1000)
  .superRefine((query, context) => {
    const error = checkQuery(query);
    if (error) {
      context.addIssue({ code: 'custom', message: error.message, params: { start: error.start, end: error.end } });
    } else if (!hasRequiredTerm(parseQuery(query))) {
      context.addIssue({
        code: 'custom',
        message: 'the query needs a word, phrase or field that must appear: with exclusions alone it would fire on nearly every story',
      });
    }
  });

/** A delivery channel as given to POST /api/alerts. In-app notices need no channel: every alert has them. */
export const AlertChannelInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('webhook'), url: HttpUrlSchema, secret: z.string().min(8, 'the webhook secret needs at least 8 characters').max(500) }),
  z.object({ type: z.literal('slack'), url: HttpUrlSchema }),
  z.object({ type: z.literal('teams'), url: HttpUrlSchema }),
  z.object({
    type: z.literal('email'),
    to: z.string().trim().email().max(320),
    digest: z.enum(DIGEST_MODES).default('none'),
    /** When a daily or weekly digest goes out; DEFAULT_DIGEST_TIME when absent. */
    digestTime: DigestTimeSchema.optional(),
  }),
]);
export type AlertChannelInput = z.input<typeof AlertChannelInputSchema>;
export type AlertChannelSettings = z.infer<typeof AlertChannelInputSchema>;
/** A stored channel: its settings (secrets included) and a stable id deliveries refer to. */
export type AlertChannel = AlertChannelSettings & {
  id: string;
  /** Its address was sealed under another secret key and cannot be read: it must be entered again. */
  unreadable?: boolean;
};
export type AlertChannelType = AlertChannel['type'];

/**
 * What fires an alert: `story`, each new story its query matches (once per event); `rising`,
 * a country, company or topic of the stories its query matches with far more stories in the
 * last 24 hours than usual (once a day for each); `feed`, a watched feed the poller paused
 * because it kept failing or flooded (once each time it is paused). A feed alert has no query.
 */
export const ALERT_TRIGGERS = ['story', 'rising', 'feed'] as const;
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];
const AlertTriggerSchema = z.enum(ALERT_TRIGGERS, { message: 'the trigger is story, rising or feed' });

/** Whether alerts of this trigger read a query (a feed alert watches feeds, not stories). */
export const triggerHasQuery = (trigger: AlertTrigger): boolean => trigger !== 'feed';

/** What is wrong with an alert's query for its trigger, or null: a feed alert has none, the others need one. */
export function alertQueryProblem(query: string, trigger: AlertTrigger): string | null {
  if (!triggerHasQuery(trigger)) return query.trim() === '' ? null : 'a feed alert has no query: it tells of every feed that stops working';
  const checked = AlertQuerySchema.safeParse(query);
  return checked.success ? null : (checked.error.issues[0]?.message ?? 'the query does not read');
}
const RisingKindsSchema = z
  .array(z.enum(TAG_KINDS, { message: 'each kind is country, company or topic' }))
  .min(1, 'a rising alert tells of at least one kind: country, company or topic')
  .transform((kinds) => TAG_KINDS.filter((kind) => kinds.includes(kind)));

const AlertFieldsSchema = z.object({
  name: z.string().trim().min(1, 'the alert needs a name').max(200),
  /** The stories it watches; empty for a feed alert, which has none. */
  query: z.string().trim().max(1000).default(''),
  trigger: AlertTriggerSchema.default('story'),
  /** For a rising alert: which kinds of value it tells of (every kind when absent). */
  risingKinds: RisingKindsSchema.default([...TAG_KINDS]),
  channels: z.array(AlertChannelInputSchema).max(10).default([]),
  muted: z.boolean().optional(),
  snoozedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
});

/** A new alert: its query must read and require something, unless it is a feed alert, which has none. */
export const AlertInputSchema = AlertFieldsSchema.superRefine((input, context) => {
  const problem = alertQueryProblem(input.query, input.trigger);
  if (problem) context.addIssue({ code: 'custom', path: ['query'], message: problem });
});
export type AlertInput = z.input<typeof AlertInputSchema>;

/**
 * A channel the alert already has, named by its id, kept as it is (its secrets unseen by
 * whoever edits it), an e-mail channel with a new digest or digest time if one is given.
 */
export const AlertChannelKeepSchema = z.object({
  type: z.literal('keep'),
  id: z.string().min(1).max(40),
  digest: z.enum(DIGEST_MODES).optional(),
  digestTime: DigestTimeSchema.optional(),
});
export type AlertChannelKeep = z.infer<typeof AlertChannelKeepSchema>;

/** A channel in a change to an alert: a new one, or one it has, kept. */
export const AlertChannelChangeSchema = z.discriminatedUnion('type', [...AlertChannelInputSchema.options, AlertChannelKeepSchema]);
export type AlertChannelChange = z.input<typeof AlertChannelChangeSchema>;

/**
 * A change to an alert: only what it names changes (no default fills in, so muting keeps
 * the channels); `channels`, when given, is the whole new list.
 */
export const AlertUpdateSchema = AlertFieldsSchema.extend({
  query: z.string().trim().max(1000),
  trigger: AlertTriggerSchema,
  risingKinds: RisingKindsSchema,
  channels: z.array(AlertChannelChangeSchema).max(10),
}).partial();
export type AlertUpdate = z.infer<typeof AlertUpdateSchema>;

/** A channel as the API shows it: where it goes, without secrets (a Slack or Teams URL is one). */
export const AlertChannelViewSchema = z.object({
  id: z.string(),
  type: z.enum(['webhook', 'slack', 'teams', 'email']),
  target: z.string(),
  digest: z.enum(DIGEST_MODES).optional(),
  digestTime: DigestTimeSchema.optional(),
  signed: z.boolean().optional(),
  /** The channel's address was sealed under another secret key: nothing is sent until it is entered again. */
  unreadable: z.boolean().optional(),
});
export type AlertChannelView = z.infer<typeof AlertChannelViewSchema>;

export const AlertSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  trigger: z.enum(ALERT_TRIGGERS),
  risingKinds: z.array(z.enum(TAG_KINDS)),
  channels: z.array(AlertChannelViewSchema),
  muted: z.boolean(),
  snoozedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firedCount: z.number().int(),
  lastFiredAt: z.string().nullable(),
  unread: z.number().int(),
});
export type Alert = z.infer<typeof AlertSchema>;

/**
 * `pending` queued to send; `digest` waiting for its hourly, daily or weekly e-mail; `retrying`
 * failed and will be tried again; `delivered`; `failed` gave up.
 */
export const DELIVERY_STATUSES = ['pending', 'digest', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A feed the poller paused, as a feed alert tells of it. */
export const FeedProblemSchema = z.object({
  feedId: z.string(),
  title: z.string(),
  url: z.string(),
  /** Why the poller paused it, in words. */
  reason: z.string(),
  pausedAt: z.string(),
});
export type FeedProblem = z.infer<typeof FeedProblemSchema>;

/** What one firing tells of: a story (with what rose, for a rising alert's), or a feed that stopped working. */
export type FiringSubject = { story: Story; rising: RisingSignal[] | null; feed?: undefined } | { story?: undefined; rising?: undefined; feed: FeedProblem };

export const AlertDeliverySchema = z.object({
  id: z.string(),
  alertId: z.string(),
  firingId: z.string(),
  story: z.object({ id: z.string(), title: z.string(), url: z.string() }).nullable(),
  /** What rose, for a rising alert's delivery. */
  rising: z.array(RisingSignalSchema).nullable().optional(),
  /** The feed that stopped working, for a feed alert's delivery. */
  feed: FeedProblemSchema.nullable().optional(),
  channelId: z.string(),
  channelType: z.enum(['webhook', 'slack', 'teams', 'email']),
  target: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
  dueAt: z.string().nullable(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;

/** One alert firing: in the inbox, and sent live to open dashboards as the `alert` event. */
export const AlertNoticeSchema = z.object({
  id: z.string(),
  alert: z.object({ id: z.string(), name: z.string() }),
  /** The story it fired on: for a rising alert, the story that made the values rise; null for a feed alert. */
  story: StorySchema.nullable(),
  /** What rose, for a rising alert's firing: the values its story made rise, the most unusual first. */
  rising: z.array(RisingSignalSchema).nullable().optional(),
  /** The feed that stopped working, for a feed alert's firing. */
  feed: FeedProblemSchema.nullable().optional(),
  firedAt: z.string(),
  readAt: z.string().nullable(),
});
export type AlertNotice = z.infer<typeof AlertNoticeSchema>;

export const InboxPageSchema = z.object({
  items: z.array(AlertNoticeSchema),
  unread: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type InboxPage = z.infer<typeof InboxPageSchema>;

/** What an alert query would have matched: GET-free preview before saving. */
export const AlertPreviewSchema = z.object({
  stories: z.array(StorySchema),
  total: z.number().int(),
  /** For a rising alert: what is rising among those stories now, the most unusual first. */
  rising: z.array(RisingSignalSchema).optional(),
  since: z.string(),
  query: z.string(),
});
export type AlertPreview = z.infer<typeof AlertPreviewSchema>;
