import {
  AlertDeliverySchema,
  AlertPreviewSchema,
  AlertSchema,
  InboxPageSchema,
  type Alert,
  type AlertChannelInput,
  type AlertDelivery,
  type AlertTrigger,
  type AlertPreview,
  type InboxPage,
  type TagKind,
} from '@radar/core';
import { z } from 'zod';
import { ApiError } from './api-client.ts';

/** A refused query, with where it is wrong so the query box can underline it. */
export class QueryApiError extends ApiError {
  constructor(
    message: string,
    readonly position: { start: number; end: number },
  ) {
    super(400, message);
    this.name = 'QueryApiError';
  }
}

const ErrorBodySchema = z.object({
  error: z.string(),
  position: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
});

async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}, token?: string | null): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached.');
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBodySchema.safeParse(body);
    if (parsed.success && parsed.data.position) throw new QueryApiError(parsed.data.error, parsed.data.position);
    throw new ApiError(response.status, parsed.success ? parsed.data.error : `${response.status} ${response.statusText}`);
  }
  return schema.parse(body);
}

const json = (method: string, body?: unknown): RequestInit => ({ method, body: body === undefined ? undefined : JSON.stringify(body) });

export interface AlertDraft {
  name: string;
  query: string;
  trigger: AlertTrigger;
  risingKinds: TagKind[];
  channels: AlertChannelInput[];
}

export interface AlertChange {
  name?: string;
  query?: string;
  trigger?: AlertTrigger;
  risingKinds?: TagKind[];
  muted?: boolean;
  snoozedUntil?: string | null;
}

/** The alerts API: reads are open, writes need the admin token. */
export const alertsApi = {
  list: () => request('/api/alerts', z.object({ alerts: z.array(AlertSchema) })).then((answer) => answer.alerts),
  create: (draft: AlertDraft, token: string): Promise<Alert> => request('/api/alerts', AlertSchema, json('POST', draft), token),
  update: (id: string, change: AlertChange, token: string): Promise<Alert> =>
    request(`/api/alerts/${encodeURIComponent(id)}`, AlertSchema, json('PATCH', change), token),
  remove: (id: string, token: string) => request(`/api/alerts/${encodeURIComponent(id)}`, z.null(), json('DELETE'), token),
  /** What the query matched in the last 7 days; for a rising alert, also what is rising among those stories now. */
  preview: (query: string, trigger: AlertTrigger = 'story', risingKinds?: TagKind[]): Promise<AlertPreview> =>
    request('/api/alerts/preview', AlertPreviewSchema, json('POST', { query, trigger, ...(risingKinds ? { risingKinds } : {}) })),
  /** Sends a test message to one channel of an alert and answers the receiver's HTTP status (null for e-mail). */
  testChannel: (id: string, channelId: string, token: string): Promise<{ sent: boolean; status: number | null }> =>
    request(
      `/api/alerts/${encodeURIComponent(id)}/channels/${encodeURIComponent(channelId)}/test`,
      z.object({ sent: z.boolean(), status: z.number().int().nullable() }),
      json('POST', {}),
      token,
    ),
  deliveries: (id: string): Promise<AlertDelivery[]> =>
    request(`/api/alerts/${encodeURIComponent(id)}/deliveries`, z.object({ deliveries: z.array(AlertDeliverySchema) })).then((a) => a.deliveries),
  /** A page of the inbox, newest first: every alert's firings or one alert's, all or only the unread. */
  inbox: (options: { limit?: number; before?: string | null; alert?: string | null; unreadOnly?: boolean } = {}): Promise<InboxPage> => {
    const params = new URLSearchParams({ limit: String(options.limit ?? 50) });
    if (options.before) params.set('before', options.before);
    if (options.alert) params.set('alert', options.alert);
    if (options.unreadOnly) params.set('unread', '1');
    return request(`/api/inbox?${params}`, InboxPageSchema);
  },
  markRead: (ids: string[] | 'all', token: string) =>
    request('/api/inbox/read', z.object({ marked: z.number(), unread: z.number() }), json('POST', ids === 'all' ? { all: true } : { ids }), token),
};
