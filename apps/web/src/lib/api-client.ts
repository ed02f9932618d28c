import {
  FacetsSchema,
  FeedSchema,
  filterToSearchParams,
  MentionSchema,
  StoryPageSchema,
  StorySchema,
  type Facets,
  type Feed,
  type FeedUpdate,
  type Mention,
  type Story,
  type StoryFilter,
  type StoryPage,
} from '@radar/core';
import { z } from 'zod';

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

async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
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

/** One page of stories matching a filter, newest first; `before` is the previous page's cursor. */
export function fetchStoryPage(filter: StoryFilter, before?: string | null, limit = 50): Promise<StoryPage> {
  const params = filterToSearchParams(filter);
  if (before) params.set('before', before);
  params.set('limit', String(limit));
  return request(withQuery('/api/stories', params), StoryPageSchema);
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

/** How many stories match the filter, per country, company and topic. */
export function fetchFacets(filter: StoryFilter): Promise<Facets> {
  return request(withQuery('/api/facets', filterToSearchParams(filter)), FacetsSchema);
}

const FeedListSchema = z.object({ feeds: z.array(FeedSchema) });
const FeedAnswerSchema = z.union([z.object({ feed: FeedSchema }).transform((answer) => answer.feed), FeedSchema]);
const AnySchema = z.unknown();

export function fetchFeeds(): Promise<Feed[]> {
  return request('/api/feeds', FeedListSchema).then((answer) => answer.feeds);
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
  update: (id: string, update: FeedUpdate, token: string) =>
    request(`/api/feeds/${encodeURIComponent(id)}`, AnySchema, writeInit('PATCH', token, update)),
  remove: (id: string, token: string) =>
    request(`/api/feeds/${encodeURIComponent(id)}`, AnySchema, writeInit('DELETE', token)),
  refresh: (id: string, token: string) =>
    request(`/api/feeds/${encodeURIComponent(id)}/refresh`, AnySchema, writeInit('POST', token)),
};
