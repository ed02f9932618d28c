import type { Redis } from 'ioredis';
import { StorySchema, type Story } from '@radar/core';

/** How many recent stories the stream keeps for API nodes that restart. */
const STREAM_MAX_LENGTH = 10_000;

/** Appends a new story to the stream that every API node reads. */
export async function appendStory(redis: Redis, streamKey: string, story: Story): Promise<string> {
  const id = await redis.xadd(streamKey, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'story', JSON.stringify(story));
  return id ?? '';
}

export interface StreamEntry {
  streamId: string;
  story: Story;
}

/** The id of the newest entry, so a fresh reader starts from now. */
export async function latestStreamId(redis: Redis, streamKey: string): Promise<string> {
  const [entry] = await redis.xrevrange(streamKey, '+', '-', 'COUNT', 1);
  return entry?.[0] ?? '0-0';
}

/** Waits up to blockMs for entries after lastId. Entries that are not valid stories are skipped. */
export async function readStories(
  redis: Redis,
  streamKey: string,
  lastId: string,
  blockMs: number,
  count = 500,
): Promise<StreamEntry[]> {
  const result = await redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', streamKey, lastId);
  if (!result) return [];
  const entries: StreamEntry[] = [];
  for (const [, messages] of result) {
    for (const [streamId, fields] of messages) {
      const at = fields.indexOf('story');
      const parsed = StorySchema.safeParse(at >= 0 ? safeJson(fields[at + 1]) : null);
      if (parsed.success) entries.push({ streamId, story: parsed.data });
      else console.error(`story stream: skipped malformed entry ${streamId}`);
    }
  }
  return entries;
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** Appends several stories in one round trip, in order. */
export async function appendStories(redis: Redis, streamKey: string, stories: Story[]): Promise<void> {
  if (stories.length === 0) return;
  const pipeline = redis.pipeline();
  for (const story of stories) {
    pipeline.xadd(streamKey, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'story', JSON.stringify(story));
  }
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}
