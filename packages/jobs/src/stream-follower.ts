import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { errorText } from '@radar/core';

export interface StreamEntry<T> {
  streamId: string;
  value: T;
}

/**
 * Waits up to blockMs for entries after lastId and reads the JSON in `field` of each with
 * the schema; entries that do not fit are skipped (and logged), never thrown.
 */
export async function readStreamEntries<T>(
  redis: Redis,
  streamKey: string,
  field: string,
  schema: z.ZodType<T>,
  lastId: string,
  blockMs: number,
  count = 500,
): Promise<StreamEntry<T>[]> {
  const result = await redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', streamKey, lastId);
  if (!result) return [];
  const entries: StreamEntry<T>[] = [];
  for (const [, messages] of result) {
    for (const [streamId, fields] of messages) {
      const value = entryField(fields, field, schema);
      if (value !== null) entries.push({ streamId, value });
      else console.error(`${streamKey}: skipped malformed entry ${streamId}`);
    }
  }
  return entries;
}

/** The JSON in a stream entry's field, read with the schema; null when it is missing or does not fit. */
export function entryField<T>(fields: string[], name: string, schema: z.ZodType<T>): T | null {
  // an entry's fields alternate name and value
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] !== name) continue;
    try {
      const parsed = schema.safeParse(JSON.parse(fields[i + 1]!));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The id of the newest entry, so a fresh reader starts from now. */
export async function latestStreamId(redis: Redis, streamKey: string): Promise<string> {
  const [entry] = await redis.xrevrange(streamKey, '+', '-', 'COUNT', 1);
  return entry?.[0] ?? '0-0';
}

export interface StreamFollower {
  close(): Promise<void>;
}

/**
 * Follows a stream from now on, on a connection of its own, handing each entry's value to
 * `onValue`. It keeps its own position, so a Redis hiccup resumes where it stopped.
 */
export async function followStream<T>(
  redis: Redis,
  streamKey: string,
  field: string,
  schema: z.ZodType<T>,
  onValue: (value: T) => void,
): Promise<StreamFollower> {
  const reader = redis.duplicate();
  let lastId = await latestStreamId(reader, streamKey);
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        for (const entry of await readStreamEntries(reader, streamKey, field, schema, lastId, 2000)) {
          lastId = entry.streamId;
          onValue(entry.value);
        }
      } catch (error) {
        if (!running) break;
        console.error(`${streamKey}: ${errorText(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    async close() {
      running = false;
      reader.disconnect();
      await loop;
    },
  };
}
