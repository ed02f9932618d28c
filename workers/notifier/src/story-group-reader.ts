import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { errorText, type Story } from '@radar/core';
import { readStoryEntry } from '@radar/jobs';

export interface StoryGroupReaderOptions {
  redis: Redis;
  streamKey: string;
  group: string;
  /** Unique per process, so a restarted notifier does not take over a crashed one's entries by name. */
  consumer?: string;
  /**
   * Handles one story; throwing leaves the entry pending, to be retried. backCatalogue: the
   * story was already in its feed, undated, when the feed was first read.
   */
  onStory: (story: Story, streamId: string, entry: { backCatalogue: boolean }) => Promise<void>;
  /** Called before each batch (e.g. to refresh the alert index). */
  beforeBatch?: () => Promise<void>;
  blockMs?: number;
  /** An entry pending this long with a consumer is taken over (that consumer crashed or hangs). */
  claimIdleMs?: number;
  /** Entries handed out more often than this are dropped as poison, with a log line. */
  maxDeliveries?: number;
}

export interface StoryGroupReader {
  readonly consumer: string;
  close(): Promise<void>;
}

type StreamMessages = [id: string, fields: string[]][];

/**
 * Reads the story stream as one member of a Redis consumer group: every story goes to one
 * notifier, is acknowledged only once handled, and entries a crashed notifier left pending
 * are taken over with XAUTOCLAIM. The group starts at the stream's end when first created.
 */
export async function startStoryGroupReader(options: StoryGroupReaderOptions): Promise<StoryGroupReader> {
  const { streamKey, group } = options;
  const consumer = options.consumer ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const blockMs = options.blockMs ?? 2000;
  const claimIdleMs = options.claimIdleMs ?? 60_000;
  const maxDeliveries = options.maxDeliveries ?? 10;
  const reader = options.redis.duplicate();
  const createGroup = async (from: '$' | '0') => {
    try {
      await reader.xgroup('CREATE', streamKey, group, from, 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  };
  await createGroup('$');

  const handle = async (messages: StreamMessages) => {
    if (messages.length === 0) return;
    await options.beforeBatch?.();
    for (const [id, fields] of messages) {
      const { story, backCatalogue } = readStoryEntry(fields);
      if (!story) {
        console.error(`notifier: dropped malformed stream entry ${id}`);
        await reader.xack(streamKey, group, id);
        continue;
      }
      try {
        await options.onStory(story, id, { backCatalogue });
        await reader.xack(streamKey, group, id);
      } catch (error) {
        // left pending: this or another notifier takes it over after claimIdleMs
        console.error(`notifier: story ${story.id} (${id}) failed: ${errorText(error)}`);
      }
    }
  };

  /** Drops entries that keep failing, then takes over the others that waited too long. */
  const claimStale = async () => {
    const pending = (await reader.xpending(streamKey, group, 'IDLE', claimIdleMs, '-', '+', 100)) as [string, string, number, number][];
    for (const [id, , , deliveries] of pending) {
      if (deliveries >= maxDeliveries) {
        console.error(`notifier: gave up on stream entry ${id} after ${deliveries} tries`);
        await reader.xack(streamKey, group, id);
      }
    }
    let cursor = '0-0';
    do {
      const [next, messages] = (await reader.xautoclaim(streamKey, group, consumer, claimIdleMs, cursor, 'COUNT', 100)) as [
        string,
        StreamMessages,
        string[]?,
      ];
      await handle(messages.filter(([, fields]) => fields !== null));
      cursor = next;
    } while (cursor !== '0-0');
  };

  let running = true;
  let lastClaim = 0;
  const loop = (async () => {
    while (running) {
      try {
        if (Date.now() - lastClaim >= Math.min(claimIdleMs, 30_000)) {
          lastClaim = Date.now();
          await claimStale();
        }
        const result = (await reader.xreadgroup('GROUP', group, consumer, 'COUNT', 100, 'BLOCK', blockMs, 'STREAMS', streamKey, '>')) as
          | [string, StreamMessages][]
          | null;
        for (const [, messages] of result ?? []) await handle(messages);
      } catch (error) {
        if (!running) break;
        if (String((error as Error).message).startsWith('NOGROUP')) {
          // Redis lost the stream (a restart without persistence): whatever the stream holds
          // now came after, so the group starts from its beginning; firing twice is a no-op
          console.warn(`notifier: the story stream's group was gone; created again`);
          await createGroup('0').catch(() => {});
          continue;
        }
        console.error(`notifier: story stream: ${errorText(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();

  return {
    consumer,
    async close() {
      running = false;
      reader.disconnect();
      await loop;
    },
  };
}
