import type { Redis } from 'ioredis';
import { StoryEditSchema, type StoryEdit } from '@radar/core';
import { followStream, type StreamFollower } from './stream-follower.ts';

/** Edits are for dashboards open now; the database keeps the tags. */
const EDIT_STREAM_MAX_LENGTH = 1000;

/** Appends an editor's correction of a story's tags to the stream every API node follows (the edit may reach any one of them). */
export async function appendStoryEdit(redis: Redis, streamKey: string, edit: StoryEdit): Promise<string> {
  const id = await redis.xadd(streamKey, 'MAXLEN', '~', EDIT_STREAM_MAX_LENGTH, '*', 'edit', JSON.stringify(edit));
  return id ?? '';
}

/** Follows corrections of stories' tags from now on (API nodes pass them to open dashboards). */
export function followStoryEdits(redis: Redis, streamKey: string, onEdit: (edit: StoryEdit) => void): Promise<StreamFollower> {
  return followStream(redis, streamKey, 'edit', StoryEditSchema, onEdit);
}
