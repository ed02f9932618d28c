import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { AlertNotice } from '@radar/core';
import type { RadarDb } from './database.ts';
import { alertFirings, alerts, stories, type AlertFiringRow } from './schema/index.ts';
import { decodeCursor, encodeCursor, toStory } from './story-queries.ts';

const noticeColumns = { firing: alertFirings, alertName: alerts.name, story: stories };

function toNotice(row: { firing: AlertFiringRow; alertName: string; story: typeof stories.$inferSelect | null }): AlertNotice {
  return {
    id: row.firing.id,
    alert: { id: row.firing.alertId, name: row.alertName },
    story: row.story ? toStory(row.story) : null,
    rising: row.firing.rising,
    feed: row.firing.feed,
    firedAt: row.firing.firedAt.toISOString(),
    readAt: row.firing.readAt?.toISOString() ?? null,
  };
}

/** One firing as the inbox and the live `alert` event show it. */
export async function getAlertNotice(db: RadarDb, firingId: string): Promise<AlertNotice | null> {
  const [row] = await db
    .select(noticeColumns)
    .from(alertFirings)
    .innerJoin(alerts, eq(alerts.id, alertFirings.alertId))
    .leftJoin(stories, eq(stories.id, alertFirings.storyId))
    .where(eq(alertFirings.id, firingId))
    .limit(1);
  return row ? toNotice(row) : null;
}

export interface InboxOptions {
  alertId?: string;
  unreadOnly?: boolean;
  before?: string;
  limit?: number;
}

/** The alert inbox, newest first, with the cursor of the next page. */
export async function listInbox(db: RadarDb, options: InboxOptions = {}): Promise<{ items: AlertNotice[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const cursor = options.before ? decodeCursor(options.before) : undefined;
  const rows = await db
    .select(noticeColumns)
    .from(alertFirings)
    .innerJoin(alerts, eq(alerts.id, alertFirings.alertId))
    .leftJoin(stories, eq(stories.id, alertFirings.storyId))
    .where(
      and(
        options.alertId ? eq(alertFirings.alertId, options.alertId) : undefined,
        options.unreadOnly ? isNull(alertFirings.readAt) : undefined,
        cursor
          ? or(
              lt(alertFirings.firedAt, new Date(cursor.publishedAt)),
              and(eq(alertFirings.firedAt, new Date(cursor.publishedAt)), lt(alertFirings.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(alertFirings.firedAt), desc(alertFirings.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toNotice);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ publishedAt: last.firedAt, id: last.id }) : null };
}

export async function countUnread(db: RadarDb): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alertFirings).where(isNull(alertFirings.readAt));
  return Number(row?.n ?? 0);
}

/** Marks inbox entries read: the given ones, or all of them. Returns how many changed. */
export async function markInboxRead(db: RadarDb, ids: string[] | 'all'): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  const rows = await db
    .update(alertFirings)
    .set({ readAt: new Date() })
    .where(and(isNull(alertFirings.readAt), ids === 'all' ? undefined : inArray(alertFirings.id, ids)))
    .returning({ id: alertFirings.id });
  return rows.length;
}
