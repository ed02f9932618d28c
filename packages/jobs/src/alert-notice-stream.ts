import type { Redis } from 'ioredis';
import { AlertNoticeSchema, type AlertNotice } from '@radar/core';
import { followStream, readStreamEntries, type StreamEntry, type StreamFollower } from './stream-follower.ts';

/** Live notices are for dashboards open now; the inbox in the database keeps them all. */
const NOTICE_STREAM_MAX_LENGTH = 1000;

/**
 * Appends an alert firing to the stream the API nodes read to show a toast on every open
 * dashboard (the notifier may run in another process than any API node).
 */
export async function appendAlertNotice(redis: Redis, streamKey: string, notice: AlertNotice): Promise<string> {
  const id = await redis.xadd(streamKey, 'MAXLEN', '~', NOTICE_STREAM_MAX_LENGTH, '*', 'notice', JSON.stringify(notice));
  return id ?? '';
}

/** Waits up to blockMs for notices after lastId; entries that are not valid notices are skipped. */
export async function readAlertNotices(
  redis: Redis,
  streamKey: string,
  lastId: string,
  blockMs: number,
): Promise<StreamEntry<AlertNotice>[]> {
  return readStreamEntries(redis, streamKey, 'notice', AlertNoticeSchema, lastId, blockMs, 200);
}

/** Follows alert firings from now on (API nodes show them on open dashboards). */
export function followAlertNotices(redis: Redis, streamKey: string, onNotice: (notice: AlertNotice) => void): Promise<StreamFollower> {
  return followStream(redis, streamKey, 'notice', AlertNoticeSchema, onNotice);
}
