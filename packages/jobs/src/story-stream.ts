import type { Redis } from 'ioredis';
import { z } from 'zod';
import { StorySchema, type Story } from '@radar/core';
import { entryField, followStream, readStreamEntries, type StreamEntry, type StreamFollower } from './stream-follower.ts';

/** How many recent stories the stream keeps for API nodes that restart. */
const STREAM_MAX_LENGTH = 10_000;
/**
 * How many polls' events the event stream keeps: a poller reads it from the moment it starts
 * (older stories it learns from the database), so only a reader's brief lag needs covering.
 */
const EVENT_STREAM_MAX_LENGTH = 1_000;

/** Appends a new story to the stream that every API node reads. */
export async function appendStory(redis: Redis, streamKey: string, story: Story): Promise<string> {
  const id = await redis.xadd(streamKey, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'story', JSON.stringify(story));
  return id ?? '';
}

/** Waits up to blockMs for stories after lastId; entries that are not valid stories are skipped. */
export async function readStories(
  redis: Redis,
  streamKey: string,
  lastId: string,
  blockMs: number,
  count = 500,
): Promise<StreamEntry<Story>[]> {
  return readStreamEntries(redis, streamKey, 'story', StorySchema, lastId, blockMs, count);
}

/** Follows the story stream from now on (API fan-out, pollers learning each other's events). */
export function followStories(redis: Redis, streamKey: string, onStory: (story: Story) => void): Promise<StreamFollower> {
  return followStream(redis, streamKey, 'story', StorySchema, onStory);
}

/**
 * What a poller tells the others of a story it streamed: its event and the features it was
 * clustered by, so they learn it without reading the story again.
 */
export const StoryEventSchema = z.object({
  id: z.string(),
  /** Publication time, ms since the epoch. */
  time: z.number(),
  countries: z.array(z.string()),
  companies: z.array(z.string()),
  clusterId: z.string(),
  /** The clusterer's feature list (StoryFeatureList of @radar/detect). */
  features: z.string(),
});
export type StoryEvent = z.infer<typeof StoryEventSchema>;

/** The events of one poll's stories travel as one entry. */
const StoryEventBatchSchema = z.array(StoryEventSchema);

/** Follows the story events from now on (pollers learning each other's clusters). */
export function followStoryEvents(redis: Redis, streamKey: string, onEvent: (event: StoryEvent) => void): Promise<StreamFollower> {
  return followStream(redis, streamKey, 'events', StoryEventBatchSchema, (events) => {
    for (const event of events) onEvent(event);
  });
}

/**
 * The stream entry's mark of a story that was already in its feed, undated, when the feed was
 * first read: dashboards list it like any other, the notifier fires no alert for it.
 */
const BACK_CATALOGUE_FIELD = 'back-catalogue';

/** A story as a poller streams it. */
export interface StreamedStory {
  story: Story;
  /** Undated and found on its feed's first read (see BACK_CATALOGUE_FIELD). */
  backCatalogue?: boolean;
}

/** Reads a story stream entry's fields; story is null when they hold no valid story. */
export function readStoryEntry(fields: string[]): { story: Story | null; backCatalogue: boolean } {
  return { story: entryField(fields, 'story', StorySchema), backCatalogue: entryField(fields, BACK_CATALOGUE_FIELD, z.literal(1)) === 1 };
}

/**
 * Appends several stories in one round trip, in order, with their events on the event
 * stream (as one entry) when given.
 */
export async function appendStories(
  redis: Redis,
  streamKey: string,
  stories: StreamedStory[],
  events?: { streamKey: string; events: StoryEvent[] },
): Promise<void> {
  if (stories.length === 0 && !events?.events.length) return;
  const pipeline = redis.pipeline();
  for (const { story, backCatalogue } of stories) {
    const mark = backCatalogue ? [BACK_CATALOGUE_FIELD, '1'] : [];
    pipeline.xadd(streamKey, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'story', JSON.stringify(story), ...mark);
  }
  if (events && events.events.length > 0) {
    pipeline.xadd(events.streamKey, 'MAXLEN', '~', EVENT_STREAM_MAX_LENGTH, '*', 'events', JSON.stringify(events.events));
  }
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}
