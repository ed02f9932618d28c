import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@radar/core';
import { latestStreamId, readAlertNotices } from '@radar/jobs';

export interface AlertNoticeRelay {
  close(): Promise<void>;
}

/**
 * Relays alert firings from the notifier (through the notice stream) to every open
 * dashboard as the `alert` event: a toast and the inbox count.
 */
export async function relayAlertNotices(
  redis: Redis,
  streamKey: string,
  io: Server<ClientToServerEvents, ServerToClientEvents>,
): Promise<AlertNoticeRelay> {
  const reader = redis.duplicate();
  let lastId = await latestStreamId(reader, streamKey);
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        for (const entry of await readAlertNotices(reader, streamKey, lastId, 2000)) {
          lastId = entry.streamId;
          io.emit('alert', entry.notice);
        }
      } catch (error) {
        if (!running) break;
        console.error(`alert notices: ${(error as Error).message}`);
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
