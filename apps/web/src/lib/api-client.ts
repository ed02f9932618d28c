import {
  FacetsSchema,
  FeedAttentionSchema,
  FeedPollSchema,
  FeedSchema,
  FeedStoryStatsSchema,
  filterFromSearchParams,
  filterKey,
  filterToSearchParams,
  MentionSchema,
  StoryPageSchema,
  StorySchema,
  TeamViewSchema,
  type Facets,
  type Feed,
  type FeedAttention,
  type FeedPoll,
  type FeedStoryStats,
  type FeedUpdate,
  type Mention,
  type Story,
  type StoryFilter,
  type StoryPage,
  type StoryTagsEdit,
  type TeamView,
  type TeamViewInput,
} from '@radar/core';
import { z } from 'zod';
import { boundsParams, type TimeBounds } from './dashboard-query.ts';

/** An answer from the API that was not a success; `status` 0 when the server was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const ErrorBodySchema = z.object({ error: z.string() });

function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  if (Object.keys(init).length > 0) return readAnswer(fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } }), schema);
  // the same question asked twice at once (the overview's figures and the filter panel's counts of one view) is asked once
  const asked = readsInFlight.get(path);
  if (asked?.schema === schema) return asked.answer as Promise<T>;
  const answer = readAnswer(fetch(path, { headers: { accept: 'application/json' } }), schema).finally(() => {
    if (readsInFlight.get(path)?.answer === answer) readsInFlight.delete(path);
  });
  readsInFlight.set(path, { schema, answer });
  return answer;
}

/** Plain reads awaiting their answer, by path. */
const readsInFlight = new Map<string, { schema: z.ZodType<unknown>; answer: Promise<unknown> }>();

async function readAnswer<T>(answer: Promise<Response>, schema: z.ZodType<T>): Promise<T> {
  let response: Response;
  try {
    response = await answer;
  } catch {
    throw new ApiError(0, 'The server cannot be reached.');
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBodySchema.safeParse(body);
    throw new ApiError(response.status, parsed.success ? parsed.data.error : `${response.status} ${response.statusText}`);
  }
  return schema.parse(body);
}

const withQuery = (path: string, params: URLSearchParams) => {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
};

/** The filter's query string, with the time range's bounds (`after`, `until`) when it has them. */
const viewParams = (filter: StoryFilter, bounds: TimeBounds | null): URLSearchParams => boundsParams(filterToSearchParams(filter), bounds);

/** A page of stories with, per cluster of a listed story, how many outlets reported that event (all its reports). */
const DashboardStoryPageSchema = StoryPageSchema.extend({
  clusterOutlets: z.record(z.string(), z.number().int().nonnegative()).default({}),
});
export type DashboardStoryPage = StoryPage & { clusterOutlets: Record<string, number> };

/**
 * One page of stories matching a filter, newest first; `before` is the previous page's cursor,
 * `bounds` the time range.
 */
export function fetchStoryPage(filter: StoryFilter, before?: string | null, limit = 50, bounds: TimeBounds | null = null): Promise<DashboardStoryPage> {
  const params = viewParams(filter, bounds);
  if (before) params.set('before', before);
  params.set('limit', String(limit));
  const early = !before ? takeFirstPageRequest(params) : null;
  return early ? readAnswer(early, DashboardStoryPageSchema) : request(withQuery('/api/stories', params), DashboardStoryPageSchema);
}

declare global {
  interface Window {
    /** The first page of stories, asked for by app.html while the dashboard's code loads. */
    __radarFirstPage?: { url: string; response: Promise<Response> };
  }
}

/** The request app.html started for the first page, once, when it asks for the same stories. */
function takeFirstPageRequest(params: URLSearchParams): Promise<Response> | null {
  if (typeof window === 'undefined' || !window.__radarFirstPage) return null;
  const { url, response } = window.__radarFirstPage;
  delete window.__radarFirstPage;
  const started = new URL(url, window.location.href).searchParams;
  const same = (name: string) => (started.get(name) ?? '') === (params.get(name) ?? '');
  try {
    const sameFilter =
      filterKey(filterFromSearchParams(started)) === filterKey(filterFromSearchParams(params)) && ['limit', 'after', 'until', 'before'].every(same);
    return sameFilter ? response : null;
  } catch {
    return null;
  }
}

const StoryDetailSchema = z.object({
  story: StorySchema,
  mentions: z.array(MentionSchema).default([]),
  cluster: z.array(StorySchema).default([]),
});
export interface StoryDetail {
  story: Story;
  mentions: Mention[];
  cluster: Story[];
}

/** A story with why it was tagged (mentions) and every outlet that reported the same event. */
export function fetchStoryDetail(id: string): Promise<StoryDetail> {
  return request(`/api/stories/${encodeURIComponent(id)}`, StoryDetailSchema);
}

/** How many stories match the filter, per country, company and topic, within the time range when given. */
export function fetchFacets(filter: StoryFilter, bounds: TimeBounds | null = null): Promise<Facets> {
  return request(withQuery('/api/facets', viewParams(filter, bounds)), FacetsSchema);
}

/** How many stories of a view were stored after the given one. */
export async function fetchStoredAfterCount(filter: StoryFilter, storedAfter: string, bounds: TimeBounds | null = null): Promise<number> {
  const params = viewParams(filter, bounds);
  params.set('stored_after', storedAfter);
  return (await request(withQuery('/api/stories/count', params), z.object({ count: z.number().int().nonnegative() }))).count;
}

const TimeCountsSchema = z.object({
  by: z.enum(['country', 'company']),
  bucket: z.enum(['hour', 'day']),
  buckets: z.array(z.string()),
  total: z.array(z.number()),
  series: z.array(z.object({ id: z.string(), total: z.number(), counts: z.array(z.number()) })),
  more: z.number(),
});
export type TimeCounts = z.infer<typeof TimeCountsSchema>;

/** The reader's time zone, whose days the charts count; UTC where the browser does not say. */
const readerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Stories over the range, in total and for the countries or companies with most stories: per
 * hour over three days or less, per day (the reader's days) beyond.
 */
export function fetchTimeCounts(filter: StoryFilter, by: TimeCounts['by'], bounds: TimeBounds | null, limit = 6): Promise<TimeCounts> {
  return request(withQuery('/api/stats/timeline', timelineParams(filter, by, bounds, limit)), TimeCountsSchema);
}

/** The CSV download of the same counts, a row per hour or day, with a column for each of up to 20 values. */
export const timelineCsvHref = (filter: StoryFilter, by: TimeCounts['by'], bounds: TimeBounds | null, limit = 20): string =>
  withQuery('/api/stats/timeline.csv', timelineParams(filter, by, bounds, limit));

function timelineParams(filter: StoryFilter, by: TimeCounts['by'], bounds: TimeBounds | null, limit: number): URLSearchParams {
  const params = viewParams(filter, bounds);
  params.set('by', by);
  params.set('limit', String(limit));
  params.set('bucket', 'auto');
  params.set('tz', readerTimeZone());
  return params;
}

const RisingValuesSchema = z.object({
  since: z.string(),
  baselineDays: z.number().int().nonnegative(),
  rising: z.array(
    z.object({
      kind: z.enum(['country', 'company', 'topic']),
      id: z.string(),
      recent: z.number().int().nonnegative(),
      usual: z.number().nonnegative(),
      /** Stories in each 24 hours of the baseline and the last day, oldest first. */
      daily: z.array(z.number().int().nonnegative()).optional(),
    }),
  ),
});
export type RisingValues = z.infer<typeof RisingValuesSchema>;
export type RisingValue = RisingValues['rising'][number];

/** The countries, companies and topics of a view with far more stories in the last day than usual. */
export function fetchRisingValues(filter: StoryFilter): Promise<RisingValues> {
  return request(withQuery('/api/stats/rising', filterToSearchParams(filter)), RisingValuesSchema);
}

const FeedListSchema = z.object({ feeds: z.array(FeedSchema) });
const FeedAnswerSchema = z.union([z.object({ feed: FeedSchema }).transform((answer) => answer.feed), FeedSchema]);
const AnySchema = z.unknown();

export function fetchFeeds(): Promise<Feed[]> {
  return request('/api/feeds', FeedListSchema).then((answer) => answer.feeds);
}

/** How many feeds are failing, and how many the poller paused. */
export function fetchFeedAttention(): Promise<FeedAttention> {
  return request('/api/feeds/attention', FeedAttentionSchema);
}

const FeedPollListSchema = z.object({ polls: z.array(FeedPollSchema) });

/** A feed's latest polls, newest first. */
export function fetchFeedPolls(feedId: string, limit?: number): Promise<FeedPoll[]> {
  const query = limit === undefined ? '' : `?limit=${limit}`;
  return request(`/api/feeds/${encodeURIComponent(feedId)}/polls${query}`, FeedPollListSchema).then((answer) => answer.polls);
}

/** Each feed's stories over the last `days`, and those about internet policy. */
export function fetchFeedStats(days = 30): Promise<FeedStoryStats> {
  return request(`/api/feeds/stats?days=${days}`, FeedStoryStatsSchema);
}

const writeInit = (method: string, token: string, body?: unknown): RequestInit => ({
  method,
  headers: {
    authorization: `Bearer ${token}`,
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** Admin writes: each needs the admin token and answers 401 without it. */
export const feedAdmin = {
  add: (url: string, token: string) => request('/api/feeds', FeedAnswerSchema, writeInit('POST', token, { url })),
  update: (id: string, update: FeedUpdate, token: string) => request(`/api/feeds/${encodeURIComponent(id)}`, AnySchema, writeInit('PATCH', token, update)),
  remove: (id: string, token: string) => request(`/api/feeds/${encodeURIComponent(id)}`, AnySchema, writeInit('DELETE', token)),
  refresh: (id: string, token: string) => request(`/api/feeds/${encodeURIComponent(id)}/refresh`, AnySchema, writeInit('POST', token)),
  /**
   * Adds the feeds of an OPML file, sent as it is (the server reads it in the encoding it
   * declares); those already watched or not http(s) come back as skipped.
   */
  importOpml: (opml: Blob, token: string) =>
    request('/api/feeds/import', OpmlImportSchema, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/x-opml' },
      body: opml,
    }),
  /** Adds the feeds of the OPML list published at an address, which the server fetches. */
  importOpmlFrom: (url: string, token: string) => request('/api/feeds/import', OpmlImportSchema, writeInit('POST', token, { url })),
};

const TeamViewListSchema = z.object({ views: z.array(TeamViewSchema) });

/** The team's dashboard views, by name. */
export function fetchTeamViews(): Promise<TeamView[]> {
  return request('/api/views', TeamViewListSchema).then((answer) => answer.views);
}

/** An editor's correction of a story's tags (admin write): the story as it is now. */
export function editStoryTags(id: string, edit: StoryTagsEdit, token: string): Promise<Story> {
  return request(`/api/stories/${encodeURIComponent(id)}`, StorySchema, writeInit('PATCH', token, edit));
}

/** Undoes an editor's corrections (admin write): the story with the tags the detector reads in it. */
export function restoreDetectedTags(id: string, token: string): Promise<Story> {
  return request(`/api/stories/${encodeURIComponent(id)}/tags`, StorySchema, writeInit('DELETE', token));
}

/** Pins a story for the team (`is:pinned`), or takes the pin off (admin write): the story as it is now. */
export function pinStory(id: string, pinned: boolean, token: string): Promise<Story> {
  return request(`/api/stories/${encodeURIComponent(id)}/pin`, StorySchema, writeInit(pinned ? 'PUT' : 'DELETE', token));
}

/** Sharing a view with the team and taking it back: admin writes. */
export const teamViewAdmin = {
  save: (view: TeamViewInput, token: string) => request('/api/views', TeamViewSchema, writeInit('POST', token, view)),
  remove: (id: string, token: string) => request(`/api/views/${encodeURIComponent(id)}`, AnySchema, writeInit('DELETE', token)),
};

const OpmlImportSchema = z.object({
  added: z.array(FeedSchema),
  skipped: z.array(z.object({ url: z.string(), reason: z.string() })),
});
