import { z } from 'zod';
import { filterQuery } from './query/filter-query.ts';
import { matchesQuery, prepareStory, type QueryableStory } from './query/match-query.ts';
import type { Story } from './story.ts';

const idList = (normalise: (id: string) => string) =>
  z
    .array(z.string().trim().min(1).max(64))
    .max(300)
    .default([])
    .transform((ids) => [...new Set(ids.map(normalise))].sort());
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
  q: z.string().trim().max(500).default(''),
  relevantOnly: z.boolean().default(false),
});
export type StoryFilter = z.infer<typeof StoryFilterSchema>;
export type StoryFilterInput = z.input<typeof StoryFilterSchema>;

export const EMPTY_FILTER: StoryFilter = StoryFilterSchema.parse({});

/** A stable key for a filter, equal for filters that mean the same. */
export function filterKey(filter: StoryFilter): string {
  return JSON.stringify([filter.countries, filter.companies, filter.topics, filter.q, filter.relevantOnly]);
}

function overlaps(wanted: readonly string[], have: readonly string[]): boolean {
  return wanted.length === 0 || wanted.some((id) => have.includes(id));
}

type FilterableStory = QueryableStory & Pick<Story, 'relevant'>;

/** The one matcher used by the server fan-out, outbound feeds, alerts and the browser. */
export function matchesFilter(story: FilterableStory, filter: StoryFilter): boolean {
  return (
    overlaps(filter.countries, story.countries) &&
    overlaps(filter.companies, story.companies) &&
    overlaps(filter.topics, story.topics) &&
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

/** Reads `?country=FR,DE&company=meta&topic=&q=&relevant=1` (repeatable or comma lists). */
export function filterFromSearchParams(params: URLSearchParams): StoryFilter {
  const relevant = params.get('relevant') ?? params.get('relevantOnly');
  return StoryFilterSchema.parse({
    countries: listParam(params, 'country', 'countries'),
    companies: listParam(params, 'company', 'companies'),
    topics: listParam(params, 'topic', 'topics'),
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
  if (filter.q) params.set('q', filter.q);
  if (filter.relevantOnly) params.set('relevant', '1');
  return params;
}
