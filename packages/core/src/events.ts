import { z } from 'zod';
import { StoryFilterSchema } from './story-filter.ts';
import type { AlertNotice } from './alert.ts';
import type { Story } from './story.ts';
import type { StoryEdit } from './story-tags-edit.ts';

/** Socket.IO `subscribe` payload: a filter, plus the id of the last story the client has. */
export const SubscribeRequestSchema = StoryFilterSchema.extend({
  since: z.string().max(64).optional(),
});
export type SubscribeRequest = z.input<typeof SubscribeRequestSchema>;

export type SubscribeAck = { ok: true; missed: number } | { ok: false; error: string };

export interface ServerToClientEvents {
  story: (story: Story) => void;
  /** An editor corrected a story's tags: sent to the dashboards whose filter it matched before or matches now. */
  'story-edited': (edit: StoryEdit) => void;
  /** An alert fired: every open dashboard shows a toast and counts it in the inbox. */
  alert: (notice: AlertNotice) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
}
