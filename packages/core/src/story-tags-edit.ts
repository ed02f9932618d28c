import { z } from 'zod';
import { StorySchema, type Mention, type Story } from './story.ts';
import { isCompanyId, isCountryId, isTopicId } from './taxonomy.ts';

/** A list of taxonomy ids, each known, each once, sorted (the order stories keep them in). */
const tagIds = (known: (id: string) => boolean, what: string) =>
  z
    .array(z.string().max(80))
    .max(40)
    .superRefine((ids, context) => {
      const unknown = ids.filter((id) => !known(id));
      if (unknown.length > 0) context.addIssue({ code: 'custom', message: `not ${what} of the taxonomy: ${unknown.join(', ')}` });
    })
    .transform((ids) => [...new Set(ids)].sort());

/**
 * An editor's correction of a story's tags: only what it names changes. Countries are ISO
 * codes (and EU), companies and topics the taxonomy's ids; `relevant` says whether it is about
 * policy.
 */
export const StoryTagsEditSchema = z
  .object({
    countries: tagIds(isCountryId, 'a country'),
    companies: tagIds(isCompanyId, 'a company'),
    topics: tagIds(isTopicId, 'a topic'),
    relevant: z.boolean(),
  })
  .partial()
  .strict()
  .refine((edit) => Object.keys(edit).length > 0, 'name the tags to change: countries, companies, topics or relevant');
export type StoryTagsEdit = z.infer<typeof StoryTagsEditSchema>;

/** The reasons for tags the story still has: those for tags an editor took away go. */
export function mentionsOfTags(mentions: readonly Mention[], story: Pick<Story, 'countries' | 'companies' | 'topics'>): Mention[] {
  const tags = { country: story.countries, company: story.companies, topic: story.topics };
  return mentions.filter((mention) => tags[mention.kind].includes(mention.id));
}

/** A story's tags, as they were before an edit. */
export const StoryTagsSchema = StorySchema.pick({ countries: true, companies: true, topics: true, relevant: true });
export type StoryTags = z.infer<typeof StoryTagsSchema>;

/**
 * What an edit can change of a story, as it was before: its tags, and whether it was corrected
 * and pinned (null: it was not; absent: unchanged, as in edits sent before these were told).
 */
export const StoryBeforeEditSchema = StoryTagsSchema.extend({
  tagsEditedAt: z.string().nullable().optional(),
  pinnedAt: z.string().nullable().optional(),
});
export type StoryBeforeEdit = z.infer<typeof StoryBeforeEditSchema>;

/** The story as it was before an edit, for matching filters against. */
export function storyBeforeEdit(edit: { story: Story; before: StoryBeforeEdit }): Story {
  const { tagsEditedAt, pinnedAt, ...tags } = edit.before;
  const before: Story = { ...edit.story, ...tags };
  if (tagsEditedAt === null) delete before.tagsEditedAt;
  else if (tagsEditedAt !== undefined) before.tagsEditedAt = tagsEditedAt;
  if (pinnedAt === null) delete before.pinnedAt;
  else if (pinnedAt !== undefined) before.pinnedAt = pinnedAt;
  return before;
}

/**
 * A story an editor corrected or the team pinned, as the API nodes pass it to open dashboards:
 * the story now, and what changed as it was before, so a dashboard whose filter it no longer
 * matches drops it.
 */
export const StoryEditSchema = z.object({
  story: StorySchema,
  before: StoryBeforeEditSchema,
  /** Sent to a subscription: whether the story matches its filter now (it matched before when not). */
  matches: z.boolean().optional(),
});
export type StoryEdit = z.infer<typeof StoryEditSchema>;
