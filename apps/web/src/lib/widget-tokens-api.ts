import { StoryFilterSchema, type StoryFilter } from '@radar/core';
import { z } from 'zod';
import { ApiError } from './api-client.ts';

export const WidgetTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  origins: z.array(z.string()),
  filter: StoryFilterSchema,
  createdAt: z.string(),
});
export type WidgetToken = z.infer<typeof WidgetTokenSchema>;

const CreatedSchema = WidgetTokenSchema.extend({ token: z.string() });
const ListSchema = z.object({ widgetTokens: z.array(WidgetTokenSchema) });
const ErrorSchema = z.object({ error: z.string() });

async function call<T>(path: string, adminToken: string, schema: z.ZodType<T> | null, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', authorization: `Bearer ${adminToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached.');
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorSchema.safeParse(body);
    throw new ApiError(response.status, parsed.success ? parsed.data.error : `${response.status} ${response.statusText}`);
  }
  return schema ? schema.parse(body) : (undefined as T);
}

/** Widget tokens, all admin-only: the token itself comes back once, from `create`. */
export const widgetTokensApi = {
  list: (adminToken: string) => call('/api/widget-tokens', adminToken, ListSchema).then((answer) => answer.widgetTokens),
  create: (input: { name: string; origins: string[]; filter: StoryFilter }, adminToken: string) =>
    call('/api/widget-tokens', adminToken, CreatedSchema, { method: 'POST', body: JSON.stringify(input) }),
  revoke: (id: string, adminToken: string) =>
    call<void>(`/api/widget-tokens/${encodeURIComponent(id)}`, adminToken, null, { method: 'DELETE' }),
};
