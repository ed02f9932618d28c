import { and, asc, count, desc, eq, gte, max, sql } from 'drizzle-orm';
import type { Alert, AlertChannel, AlertTrigger, TagKind, AlertChannelView, QueryNode, Story } from '@radar/core';
import { sealedChannels, withOpenChannels } from './alert-secrets.ts';
import type { RadarDb } from './database.ts';
import { newStoryId as newAlertId } from './ids.ts';
import { alertFirings, alerts, stories, type AlertRow } from './schema/index.ts';
import { queryCondition } from './story-filter-sql.ts';
import { toStory } from './story-queries.ts';

/** Where a channel sends, fit to show to anyone: Slack and Teams URLs are secrets, so only their host shows. */
export function channelTarget(channel: AlertChannel): string {
  if (channel.type === 'email') return channel.to;
  if (channel.unreadable) return 'sealed under another secret key: enter it again';
  const url = new URL(channel.url);
  return channel.type === 'webhook' ? `${url.origin}${url.pathname}` : `${url.origin}/…`;
}

export function toChannelView(channel: AlertChannel): AlertChannelView {
  return {
    id: channel.id,
    type: channel.type,
    target: channelTarget(channel),
    ...(channel.type === 'email' ? { digest: channel.digest, ...(channel.digestTime ? { digestTime: channel.digestTime } : {}) } : {}),
    ...(channel.type === 'webhook' ? { signed: true } : {}),
    ...(channel.unreadable ? { unreadable: true } : {}),
  };
}

export interface AlertStats {
  firedCount: number;
  lastFiredAt: Date | null;
  unread: number;
}

/** The public shape of an alert: channels without their secrets. */
export function toAlert(row: AlertRow, stats: AlertStats = { firedCount: 0, lastFiredAt: null, unread: 0 }): Alert {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    trigger: row.trigger,
    risingKinds: row.risingKinds,
    channels: row.channels.map(toChannelView),
    muted: row.muted,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    firedCount: stats.firedCount,
    lastFiredAt: stats.lastFiredAt?.toISOString() ?? null,
    unread: stats.unread,
  };
}

export interface NewAlert {
  name: string;
  query: string;
  trigger?: AlertTrigger;
  risingKinds?: TagKind[];
  channels: AlertChannel[];
  muted?: boolean;
  snoozedUntil?: Date | null;
}

export async function createAlert(db: RadarDb, alert: NewAlert): Promise<AlertRow> {
  const [row] = await db
    .insert(alerts)
    .values({ id: newAlertId(), ...alert, channels: sealedChannels(db, alert.channels) })
    .returning();
  return withOpenChannels(db, row!);
}

export async function getAlert(db: RadarDb, id: string): Promise<AlertRow | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return row ? withOpenChannels(db, row) : null;
}

export async function getAlertStats(db: RadarDb, id: string): Promise<AlertStats> {
  const [row] = await db
    .select({
      firedCount: count(),
      lastFiredAt: max(alertFirings.firedAt),
      unread: sql<number>`count(*) filter (where ${alertFirings.readAt} is null)`,
    })
    .from(alertFirings)
    .where(eq(alertFirings.alertId, id));
  return { firedCount: Number(row?.firedCount ?? 0), lastFiredAt: row?.lastFiredAt ? new Date(row.lastFiredAt) : null, unread: Number(row?.unread ?? 0) };
}

/** Every alert with how often it fired and how many of its firings are unread, oldest first. */
export async function listAlerts(db: RadarDb): Promise<Alert[]> {
  const stats = db
    .select({
      alertId: alertFirings.alertId,
      firedCount: count().as('fired_count'),
      lastFiredAt: max(alertFirings.firedAt).as('last_fired_at'),
      unread: sql<number>`count(*) filter (where ${alertFirings.readAt} is null)`.as('unread'),
    })
    .from(alertFirings)
    .groupBy(alertFirings.alertId)
    .as('stats');
  const rows = await db
    .select({ alert: alerts, firedCount: stats.firedCount, lastFiredAt: stats.lastFiredAt, unread: stats.unread })
    .from(alerts)
    .leftJoin(stats, eq(stats.alertId, alerts.id))
    .orderBy(asc(alerts.createdAt), asc(alerts.id));
  return rows.map((r) =>
    toAlert(withOpenChannels(db, r.alert), {
      firedCount: Number(r.firedCount ?? 0),
      lastFiredAt: r.lastFiredAt ? new Date(r.lastFiredAt) : null,
      unread: Number(r.unread ?? 0),
    }),
  );
}

/** Every alert (or every one of a trigger) with its channels and secrets: what the notifier matches and delivers with. */
export async function listAlertRows(db: RadarDb, trigger?: AlertTrigger): Promise<AlertRow[]> {
  const rows = await db
    .select()
    .from(alerts)
    .where(trigger ? eq(alerts.trigger, trigger) : undefined)
    .orderBy(asc(alerts.id));
  return rows.map((row) => withOpenChannels(db, row));
}

/**
 * A value that changes whenever an alert is created, edited or deleted, so the notifier
 * knows when to rebuild its index without being told.
 */
export async function alertsVersion(db: RadarDb): Promise<string> {
  const [row] = await db.select({ n: count(), latest: max(alerts.updatedAt) }).from(alerts);
  const latest = row?.latest ? new Date(row.latest).toISOString() : '-';
  return `${Number(row?.n ?? 0)}|${latest}`;
}

export type AlertChanges = Partial<NewAlert>;

export async function updateAlert(db: RadarDb, id: string, changes: AlertChanges): Promise<AlertRow | null> {
  const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (changes.channels) values.channels = sealedChannels(db, changes.channels);
  const [row] = await db
    .update(alerts)
    .set({ ...values, updatedAt: sql`greatest(now(), ${alerts.updatedAt} + interval '1 millisecond')` })
    .where(eq(alerts.id, id))
    .returning();
  return row ? withOpenChannels(db, row) : null;
}

export async function deleteAlert(db: RadarDb, id: string): Promise<boolean> {
  const rows = await db.delete(alerts).where(eq(alerts.id, id)).returning({ id: alerts.id });
  return rows.length > 0;
}

export interface QueryPreview {
  stories: Story[];
  total: number;
}

/** What a query matches among stories published since `since`, newest first. */
export async function previewQuery(db: RadarDb, query: QueryNode, since: Date, limit = 50): Promise<QueryPreview> {
  const where = and(queryCondition(query), gte(stories.publishedAt, since));
  const [rows, total] = await Promise.all([
    db.select().from(stories).where(where).orderBy(desc(stories.publishedAt), desc(stories.id)).limit(limit),
    db.select({ n: count() }).from(stories).where(where),
  ]);
  return { stories: rows.map(toStory), total: Number(total[0]?.n ?? 0) };
}
