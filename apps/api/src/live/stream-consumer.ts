import type { Redis } from 'ioredis';
import { latestStreamId, readStories } from '@radar/jobs';
import type { Story } from '@radar/core';

export interface StreamConsumer {
  close(): Promise<void>;
}

/**
 * Reads the story stream from now on and hands each story to `onStory`. It keeps its own
 * position, so a Redis hiccup resumes where it stopped instead of losing stories.
 */
export async function consumeStoryStream(
  redis: Redis,
  streamKey: string,
  onStory: (story: Story) => void,
): Promise<StreamConsumer> {
  const reader = redis.duplicate();
  let lastId = await latestStreamId(reader, streamKey);
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const entries = await readStories(reader, streamKey, lastId, 2000);
        for (const entry of entries) {
          lastId = entry.streamId;
          onStory(entry.story);
        }
      } catch (error) {
        if (!running) break;
        console.error(`story stream: ${(error as Error).message}`);
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
