import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AlertChannel, AlertDelivery, DeliveryStatus, FeedProblem, FiringSubject, RisingSignal } from '@radar/core';
import { withOpenChannels } from './alert-secrets.ts';
import type { RadarDb } from './database.ts';
import { newStoryId as newId } from './ids.ts';
import { channelTarget } from './alert-queries.ts';
import { storedErrorText } from './stored-text.ts';
import { alertDeliveries, alertFirings, alerts, stories, type AlertDeliveryRow, type AlertFiringRow, type AlertRow } from './schema/index.ts';
import { toStory } from './story-queries.ts';

export interface NewFiring {
  alertId: string;
  /** `cluster:<id>` or `story:<id>`; `rising:<kind>:<id>:<UTC day>` for a rising alert; `feed:<id>:<ms>` for a feed alert. */
  eventKey: string;
  /** Null for a feed alert's firing, which tells of `feed` instead. */
  storyId: string | null;
  rising?: RisingSignal[] | null;
  feed?: FeedProblem | null;
  /** When it fired; the database's clock when absent. */
  firedAt?: Date;
}

/**
 * Records that an alert fired for an event, once: a second story of the same cluster, or
 * the same story processed again after a crash, finds the existing firing (`created: false`).
 */
export async function recordFiring(db: RadarDb, firing: NewFiring): Promise<{ firing: AlertFiringRow; created: boolean }> {
  const [inserted] = await db
    .insert(alertFirings)
    .values({ id: newId(), ...firing })
    .onConflictDoNothing({ target: [alertFirings.alertId, alertFirings.eventKey] })
    .returning();
  if (inserted) return { firing: inserted, created: true };
  const [existing] = await db
    .select()
    .from(alertFirings)
    .where(and(eq(alertFirings.alertId, firing.alertId), eq(alertFirings.eventKey, firing.eventKey)))
    .limit(1);
  if (!existing) throw new Error(`firing of alert ${firing.alertId} for ${firing.eventKey} vanished`);
  return { firing: existing, created: false };
}

/** The advisory lock class of the rising alert locks (a number no other lock of the product uses). */
const RISING_LOCK_CLASS = 4_208;

/**
 * Records a rising alert's firing for the values of `rising` it has not told of since
 * `since`, keyed by the first of them on `now`'s UTC day; null when it told of all of them.
 * A story that fired already (read again after a crash) finds its own firing. Two notifiers
 * reading two stories of one alert at once take turns (an advisory lock on the alert), so
 * each value is told once however the stories are shared out.
 */
export async function recordRisingFiring(
  db: RadarDb,
  firing: { alertId: string; storyId: string; rising: RisingSignal[]; since: Date; now: Date },
): Promise<{ firing: AlertFiringRow; created: boolean } | null> {
  return db.transaction(async (tx) => {
    const turn = tx as unknown as RadarDb;
    await turn.execute(sql`select pg_advisory_xact_lock(${RISING_LOCK_CLASS}, hashtext(${firing.alertId}))`);
    const untold: RisingSignal[] = [];
    for (const value of firing.rising) {
      const earlier = await lastRisingFiring(turn, firing.alertId, value, firing.since);
      if (earlier?.storyId === firing.storyId) return { firing: earlier, created: false };
      if (!earlier) untold.push(value);
    }
    const [first] = untold;
    if (!first) return null;
    const eventKey = `rising:${first.kind}:${first.id}:${firing.now.toISOString().slice(0, 10)}`;
    // fired at `now`, the clock the quiet day is measured on
    return recordFiring(turn, { alertId: firing.alertId, eventKey, storyId: firing.storyId, rising: untold, firedAt: firing.now });
  });
}

/** The alert's latest firing at `since` or later that told of a rising value (one of its `rising` values). */
export async function lastRisingFiring(db: RadarDb, alertId: string, value: Pick<RisingSignal, 'kind' | 'id'>, since: Date): Promise<AlertFiringRow | null> {
  const told = JSON.stringify([{ kind: value.kind, id: value.id }]);
  const [row] = await db
    .select()
    .from(alertFirings)
    .where(and(eq(alertFirings.alertId, alertId), gte(alertFirings.firedAt, since), sql`${alertFirings.rising} @> ${told}::jsonb`))
    .orderBy(desc(alertFirings.firedAt))
    .limit(1);
  return row ?? null;
}

export interface PlannedDelivery {
  channel: AlertChannel;
  /** Set for an e-mail digest: when its e-mail goes out. */
  dueAt: Date | null;
}

/** The firing's delivery rows, one per channel, created if missing (idempotent under retries). */
export async function ensureDeliveries(db: RadarDb, firing: AlertFiringRow, planned: PlannedDelivery[]): Promise<AlertDeliveryRow[]> {
  if (planned.length > 0) {
    await db
      .insert(alertDeliveries)
      .values(
        planned.map(({ channel, dueAt }) => ({
          id: newId(),
          firingId: firing.id,
          alertId: firing.alertId,
          channelId: channel.id,
          channelType: channel.type,
          target: channelTarget(channel),
          status: dueAt ? ('digest' as const) : ('pending' as const),
          dueAt,
        })),
      )
      .onConflictDoNothing({ target: [alertDeliveries.firingId, alertDeliveries.channelId] });
  }
  return db.select().from(alertDeliveries).where(eq(alertDeliveries.firingId, firing.id));
}

/** A firing's subject from its row and joined story; null when the story it told of is gone. */
function subjectOf(story: typeof stories.$inferSelect | null, rising: RisingSignal[] | null, feed: FeedProblem | null): FiringSubject | null {
  if (feed) return { feed };
  return story ? { story: toStory(story), rising } : null;
}

export type DeliveryContext = { delivery: AlertDeliveryRow; alert: AlertRow } & FiringSubject;

/** A delivery with its alert (channels and secrets) and what it tells of: what a delivery job sends. */
export async function getDeliveryContext(db: RadarDb, id: string): Promise<DeliveryContext | null> {
  const [row] = await db
    .select({ delivery: alertDeliveries, alert: alerts, story: stories, rising: alertFirings.rising, feed: alertFirings.feed })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .innerJoin(alertFirings, eq(alertFirings.id, alertDeliveries.firingId))
    .leftJoin(stories, eq(stories.id, alertFirings.storyId))
    .where(eq(alertDeliveries.id, id))
    .limit(1);
  const subject = row && subjectOf(row.story, row.rising, row.feed);
  return row && subject ? { delivery: row.delivery, alert: withOpenChannels(db, row.alert), ...subject } : null;
}

export interface DeliveryAttempt {
  status: Extract<DeliveryStatus, 'delivered' | 'retrying' | 'failed'>;
  /** The HTTP status or SMTP reply code, when there was one. */
  responseStatus: number | null;
  error: string | null;
}

/** Logs one attempt on one or more deliveries (a digest covers several). */
export async function recordDeliveryAttempt(db: RadarDb, ids: string[], attempt: DeliveryAttempt): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(alertDeliveries)
    .set({
      status: attempt.status,
      attempts: sql`${alertDeliveries.attempts} + 1`,
      lastStatus: attempt.responseStatus,
      lastError: storedErrorText(attempt.error),
      updatedAt: new Date(),
      ...(attempt.status === 'delivered' ? { deliveredAt: new Date() } : {}),
    })
    .where(inArray(alertDeliveries.id, ids));
}

/** An alert's deliveries, newest first, with the story each was about. */
export async function listDeliveries(db: RadarDb, alertId: string, limit = 100): Promise<AlertDelivery[]> {
  const rows = await db
    .select({ delivery: alertDeliveries, storyId: stories.id, title: stories.title, url: stories.url, rising: alertFirings.rising, feed: alertFirings.feed })
    .from(alertDeliveries)
    .innerJoin(alertFirings, eq(alertFirings.id, alertDeliveries.firingId))
    .leftJoin(stories, eq(stories.id, alertFirings.storyId))
    .where(eq(alertDeliveries.alertId, alertId))
    .orderBy(desc(alertDeliveries.createdAt), desc(alertDeliveries.id))
    .limit(Math.min(Math.max(limit, 1), 500));
  return rows.map(({ delivery: d, storyId, title, url, rising, feed }) => ({
    id: d.id,
    alertId: d.alertId,
    firingId: d.firingId,
    story: storyId ? { id: storyId, title: title ?? '', url: url ?? '' } : null,
    rising,
    feed,
    channelId: d.channelId,
    channelType: d.channelType,
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    dueAt: d.dueAt?.toISOString() ?? null,
  }));
}

export interface DueDigest {
  alertId: string;
  channelId: string;
  /** The latest due time among its deliveries: the digest's window end. */
  dueAt: Date;
}

/** Digest e-mails whose time has come: one per alert and channel. */
export async function listDueDigests(db: RadarDb, now: Date): Promise<DueDigest[]> {
  const rows = await db
    .select({ alertId: alertDeliveries.alertId, channelId: alertDeliveries.channelId, dueAt: sql<string>`max(${alertDeliveries.dueAt})` })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.status, 'digest'), lte(alertDeliveries.dueAt, now)))
    .groupBy(alertDeliveries.alertId, alertDeliveries.channelId);
  return rows.map((r) => ({ alertId: r.alertId, channelId: r.channelId, dueAt: new Date(r.dueAt) }));
}

export interface DigestContext {
  alert: AlertRow;
  deliveries: ({ delivery: AlertDeliveryRow; firedAt: Date } & FiringSubject)[];
}

/** The deliveries one digest e-mail carries: waiting, due by `upTo`, for one alert's channel, oldest first. */
export async function getDigestContext(db: RadarDb, alertId: string, channelId: string, upTo: Date): Promise<DigestContext | null> {
  const rows = await db
    .select({ delivery: alertDeliveries, alert: alerts, story: stories, firedAt: alertFirings.firedAt, rising: alertFirings.rising, feed: alertFirings.feed })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .innerJoin(alertFirings, eq(alertFirings.id, alertDeliveries.firingId))
    .leftJoin(stories, eq(stories.id, alertFirings.storyId))
    .where(
      and(
        eq(alertDeliveries.alertId, alertId),
        eq(alertDeliveries.channelId, channelId),
        inArray(alertDeliveries.status, ['digest', 'retrying']),
        lte(alertDeliveries.dueAt, upTo),
      ),
    )
    .orderBy(asc(alertFirings.firedAt), asc(alertDeliveries.id));
  const first = rows[0];
  if (!first) return null;
  return {
    alert: withOpenChannels(db, first.alert),
    deliveries: rows.flatMap((r) => {
      const subject = subjectOf(r.story, r.rising, r.feed);
      return subject ? [{ delivery: r.delivery, firedAt: r.firedAt, ...subject }] : [];
    }),
  };
}
