import { z } from 'zod';

export const StorySourceSchema = z.object({
  feedId: z.string(),
  title: z.string(),
  /** The folder the feed is kept in ("Regulators"), when it is in one. */
  folder: z.string().optional(),
});

/** Why a story was tagged: a span of its text and the rule that fired. */
export const MentionSchema = z.object({
  kind: z.enum(['country', 'company', 'topic']),
  id: z.string(),
  field: z.enum(['title', 'summary']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  rule: z.string(),
});
export type Mention = z.infer<typeof MentionSchema>;

/** A story as sent everywhere: REST, Socket.IO, webhooks, widgets. */
export const StorySchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  summary: z.string(),
  source: StorySourceSchema,
  publishedAt: z.string(),
  ingestedAt: z.string(),
  lang: z.string().nullable(),
  countries: z.array(z.string()),
  companies: z.array(z.string()),
  topics: z.array(z.string()),
  relevant: z.boolean(),
  score: z.number().min(0).max(1),
  clusterId: z.string().nullable(),
  /** When an editor last corrected its tags (countries, companies, topics, policy or not); absent while they are the detector's. */
  tagsEditedAt: z.string().optional(),
  /** When the team pinned it (`is:pinned`): a pick for colleagues and intranet widgets; absent when not pinned. */
  pinnedAt: z.string().optional(),
});
export type Story = z.infer<typeof StorySchema>;

export const StoryPageSchema = z.object({
  stories: z.array(StorySchema),
  nextCursor: z.string().nullable(),
});
export type StoryPage = z.infer<typeof StoryPageSchema>;

export const FacetCountSchema = z.object({ id: z.string(), count: z.number().int() });
export const FacetsSchema = z.object({
  total: z.number().int(),
  countries: z.array(FacetCountSchema),
  companies: z.array(FacetCountSchema),
  topics: z.array(FacetCountSchema),
  /** Per folder its feeds are kept in, by the folder's name. */
  folders: z.array(FacetCountSchema).default([]),
});
export type Facets = z.infer<typeof FacetsSchema>;
