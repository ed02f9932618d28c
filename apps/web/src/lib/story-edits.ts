import type { Mention, Story } from '@radar/core';

/**
 * The copy of a story to show when several are at hand (the one loaded with its details, the
 * stream's, one just saved): the latest an editor corrected, else the first there is.
 */
export function freshestCopy(...copies: (Story | null | undefined)[]): Story | undefined {
  let freshest: Story | undefined;
  for (const copy of copies) {
    if (!copy) continue;
    if (!freshest || (copy.tagsEditedAt ?? '') > (freshest.tagsEditedAt ?? '')) freshest = copy;
  }
  return freshest;
}

/** The reasons for tags the story still has: those for tags an editor took away go. */
export function mentionsOfTags(mentions: readonly Mention[], story: Pick<Story, 'countries' | 'companies' | 'topics'>): Mention[] {
  const tags = { country: story.countries, company: story.companies, topic: story.topics };
  return mentions.filter((mention) => tags[mention.kind].includes(mention.id));
}
