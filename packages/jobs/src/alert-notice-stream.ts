import type { Redis } from 'ioredis';
import { AlertNoticeSchema, type AlertNotice } from '@radar/core';

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

export interface AlertNoticeEntry {
  streamId: string;
  notice: AlertNotice;
}

/** Waits up to blockMs for notices after lastId; entries that are not valid notices are skipped. */
export async function readAlertNotices(redis: Redis, streamKey: string, lastId: string, blockMs: number): Promise<AlertNoticeEntry[]> {
  const result = await redis.xread('COUNT', 200, 'BLOCK', blockMs, 'STREAMS', streamKey, lastId);
  if (!result) return [];
  const entries: AlertNoticeEntry[] = [];
  for (const [, messages] of result) {
    for (const [streamId, fields] of messages) {
      const at = fields.indexOf('notice');
      let parsed: unknown = null;
      try {
        parsed = at >= 0 ? JSON.parse(fields[at + 1] ?? 'null') : null;
      } catch {
        parsed = null;
      }
      const notice = AlertNoticeSchema.safeParse(parsed);
      if (notice.success) entries.push({ streamId, notice: notice.data });
      else console.error(`alert notice stream: skipped malformed entry ${streamId}`);
    }
  }
  return entries;
}
