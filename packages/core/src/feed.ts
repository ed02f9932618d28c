import { z } from 'zod';

/** Only http(s) URLs may be fed to the fetcher. */
export const HttpUrlSchema = z
  .string()
  .trim()
  .min(1, 'url is required')
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'url must be an absolute http(s) URL');

export const FeedInputSchema = z.object({
  url: HttpUrlSchema,
  title: z.string().trim().max(300).optional(),
  enabled: z.boolean().optional(),
  intervalSeconds: z.number().int().min(60).max(86_400).optional(),
});
export type FeedInput = z.infer<typeof FeedInputSchema>;

/** A user's change to a feed; a title of null (or empty) gives the feed back its own title. */
export const FeedUpdateSchema = FeedInputSchema.partial().extend({
  title: z.string().trim().max(300).nullable().optional(),
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
  lastSuccessAt: z.string().nullable(),
  /** Set when the poller paused a feed that failed for days. */
  pausedReason: z.string().nullable(),
  /** WebSub push: 'subscribed', 'pending', 'failed', or null when the feed has no hub. */
  websub: z.object({ hub: z.string(), state: z.string().nullable(), expiresAt: z.string().nullable() }).nullable(),
  /** The web page given as the feed's address, which announced it, and the other feeds it announces. */
  foundOn: z
    .object({ page: z.string(), others: z.array(z.object({ url: z.string(), title: z.string().nullable() })) })
    .nullable()
    .optional(),
  storyCount: z.number().int().optional(),
  /** When the feed's newest story was published (null: it has none), listed with storyCount. */
  newestStoryAt: z.string().nullable().optional(),
});
export type Feed = z.infer<typeof FeedSchema>;

export const DEFAULT_POLL_INTERVAL_SECONDS = 300;
