import { companyName, countryName, EMPTY_FILTER, topicName, type Story, type StoryFilter } from '@radar/core';

type SubjectField = 'countries' | 'topics' | 'companies';
/** The fields a subject is made of, the first two a story has. */
const SUBJECT_FIELDS: readonly SubjectField[] = ['countries', 'topics', 'companies'];

/** How far back "Earlier on this" looks. */
export const RELATED_DAYS = 30;

/**
 * The filter of stories on the same subject as a story: its countries and its topics (a
 * story without topics: its companies; one without countries: its companies and its
 * topics). Two fields, so the subject is narrow ("Ghana, censorship"), never one alone
 * ("Ghana"); null for a story tagged with fewer.
 */
export function relatedFilter(story: Pick<Story, SubjectField>): StoryFilter | null {
  const fields = SUBJECT_FIELDS.filter((field) => story[field].length > 0).slice(0, 2);
  if (fields.length < 2) return null;
  const filter: StoryFilter = { ...EMPTY_FILTER };
  for (const field of fields) filter[field] = [...story[field]].sort();
  return filter;
}

/** The stories of a subject other than the story itself and the other reports of its event, newest first. */
export function otherStories(stories: readonly Story[], story: Pick<Story, 'id' | 'clusterId'>, limit: number): Story[] {
  const seen = new Set<string>();
  const others: Story[] = [];
  for (const candidate of stories) {
    if (candidate.id === story.id || (story.clusterId !== null && candidate.clusterId === story.clusterId)) continue;
    // one per event here too
    const event = candidate.clusterId ?? candidate.id;
    if (seen.has(event)) continue;
    seen.add(event);
    others.push(candidate);
    if (others.length === limit) break;
  }
  return others;
}

/** How a subject reads: "Ghana · Censorship & shutdowns", "France, Germany · Google". */
export function subjectLabel(filter: Pick<StoryFilter, SubjectField>): string {
  const names = { countries: countryName, topics: topicName, companies: companyName };
  return SUBJECT_FIELDS.filter((field) => filter[field].length > 0)
    .map((field) => filter[field].map((id) => names[field](id)).join(', '))
    .join(' · ');
}
