import { z } from 'zod';
import { filterQuery } from './query/filter-query.ts';
import { matchesQuery, prepareStory, type QueryableStory } from './query/match-query.ts';
import { folderKey } from './query/search-words.ts';
import type { Story } from './story.ts';

const idList = (normalise: (id: string) => string) =>
  z
    .array(z.string().trim().min(1).max(64))
    .max(300)
    .default([])
    .transform((ids) => [...new Set(ids.map(normalise))].sort());
/** Folder names as typed, one per folder (folderKey), in order. */
const folderList = z
  .array(z.string().trim().min(1).max(100))
  .max(50)
  .default([])
  .transform((names) => {
    const byKey = new Map(names.filter((name) => folderKey(name) !== '').map((name) => [folderKey(name), name]));
    return [...byKey.values()].sort((a, b) => a.localeCompare(b));
  });
const upper = (id: string) => id.toUpperCase();
const lower = (id: string) => id.toLowerCase();

/**
 * What a dashboard, widget or feed asks for. Values within one field are alternatives
 * (FR or DE); fields combine with AND; an empty field does not restrict.
 */
export const StoryFilterSchema = z.object({
  countries: idList(upper),
  companies: idList(lower),
  topics: idList(lower),
  /** The folders the stories' feeds are kept in ("Regulators"). */
  folders: folderList,
  /** The feeds the stories came from, by id (a feed's stories in the stream). */
  feeds: idList((id) => id),
  /** The stories themselves, by id (the stories a reader saved). */
  ids: idList(lower),
  q: z.string().trim().max(500).default(''),
  relevantOnly: z.boolean().default(false),
});
export type StoryFilter = z.infer<typeof StoryFilterSchema>;
export type StoryFilterInput = z.input<typeof StoryFilterSchema>;

export const EMPTY_FILTER: StoryFilter = StoryFilterSchema.parse({});

/** A stable key for a filter, equal for filters that mean the same. */
export function filterKey(filter: StoryFilter): string {
  return JSON.stringify([filter.countries, filter.companies, filter.topics, filter.folders.map(folderKey), filter.feeds, filter.ids, filter.q, filter.relevantOnly]);
}

function overlaps(wanted: readonly string[], have: readonly string[]): boolean {
  return wanted.length === 0 || wanted.some((id) => have.includes(id));
}

type FilterableStory = QueryableStory & Pick<Story, 'relevant'> & Partial<Pick<Story, 'id'>>;

function inFolders(wanted: readonly string[], story: FilterableStory): boolean {
  if (wanted.length === 0) return true;
  // the story's folder key is folded once, with the rest of it, for every filter it meets
  const key = prepareStory(story).folder;
  return key !== '' && wanted.some((name) => folderKey(name) === key);
}

/** The one matcher used by the server fan-out, outbound feeds, alerts and the browser. */
export function matchesFilter(story: FilterableStory, filter: StoryFilter): boolean {
  return (
    overlaps(filter.countries, story.countries) &&
    overlaps(filter.companies, story.companies) &&
    overlaps(filter.topics, story.topics) &&
    inFolders(filter.folders, story) &&
    (filter.feeds.length === 0 || filter.feeds.includes(story.source?.feedId ?? '')) &&
    (filter.ids.length === 0 || (story.id !== undefined && filter.ids.includes(story.id))) &&
    (!filter.relevantOnly || story.relevant) &&
    (filter.q === '' || matchesQuery(prepareStory(story), filterQuery(filter.q)))
  );
}

function listParam(params: URLSearchParams, ...names: string[]): string[] {
  return names
    .flatMap((name) => params.getAll(name))
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

/**
 * Reads `?country=FR,DE&company=meta&topic=&folder=Regulators&feed=<id>&id=<story id>&q=&relevant=1` (repeatable or
 * comma lists; `folder` repeatable only, as a folder's name may hold a comma).
 */
export function filterFromSearchParams(params: URLSearchParams): StoryFilter {
  const relevant = params.get('relevant') ?? params.get('relevantOnly');
  return StoryFilterSchema.parse({
    countries: listParam(params, 'country', 'countries'),
    companies: listParam(params, 'company', 'companies'),
    topics: listParam(params, 'topic', 'topics'),
    folders: params.getAll('folder').map((name) => name.trim()).filter(Boolean),
    feeds: listParam(params, 'feed', 'feeds'),
    ids: listParam(params, 'id', 'ids'),
    q: params.get('q') ?? '',
    relevantOnly: relevant === '1' || relevant === 'true',
  });
}

/** Writes a filter in the query-string form that filterFromSearchParams reads. */
export function filterToSearchParams(filter: StoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.countries.length) params.set('country', filter.countries.join(','));
  if (filter.companies.length) params.set('company', filter.companies.join(','));
  if (filter.topics.length) params.set('topic', filter.topics.join(','));
  for (const folder of filter.folders) params.append('folder', folder);
  if (filter.feeds.length) params.set('feed', filter.feeds.join(','));
  if (filter.ids.length) params.set('id', filter.ids.join(','));
  if (filter.q) params.set('q', filter.q);
  if (filter.relevantOnly) params.set('relevant', '1');
  return params;
}
