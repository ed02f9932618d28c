import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AlertChannel, AlertTrigger, FeedProblem, RisingSignal, TagKind } from '@radar/core';
import { timestamptz } from './columns.ts';
import { stories } from './stories.ts';

export const alerts = pgTable('alerts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Empty for a feed alert, which watches feeds rather than stories. */
  query: text('query').notNull(),
  /** `story`: each new story the query matches; `rising`: a value of those stories rising; `feed`: a feed paused (see ALERT_TRIGGERS). */
  trigger: text('trigger').$type<AlertTrigger>().notNull().default('story'),
  /** Which kinds of value a rising alert tells of. */
  risingKinds: text('rising_kinds').array().$type<TagKind[]>().notNull().default(sql`'{country,company,topic}'::text[]`),
  /** Delivery channels with their secrets; the API never shows them back. */
  channels: jsonb('channels').$type<AlertChannel[]>().notNull().default([]),
  muted: boolean('muted').notNull().default(false),
  snoozedUntil: timestamptz('snoozed_until'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * An alert fired for one event. The unique (alert, event) key is what makes an alert fire
 * once per story cluster however many outlets report it, and however often a notifier retries.
 * It is also the inbox entry.
 */
export const alertFirings = pgTable(
  'alert_firings',
  {
    id: text('id').primaryKey(),
    alertId: text('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    /**
     * `cluster:<id>`, or `story:<id>` for a story that belongs to no cluster; for a rising
     * alert `rising:<kind>:<id>:<UTC day>` of the first value that rose; for a feed alert
     * `feed:<feed id>:<when it was paused, epoch ms>`.
     */
    eventKey: text('event_key').notNull(),
    /** The story it fired on; for a rising alert, the one that made the values rise; null for a feed alert. */
    storyId: text('story_id').references(() => stories.id, { onDelete: 'cascade' }),
    /** What rose, for a rising alert: the values the story made rise, the most unusual first. */
    rising: jsonb('rising').$type<RisingSignal[]>(),
    /** The feed that stopped working, as it was when paused, for a feed alert (kept when the feed is deleted). */
    feed: jsonb('feed').$type<FeedProblem>(),
    firedAt: timestamptz('fired_at').notNull().defaultNow(),
    readAt: timestamptz('read_at'),
  },
  (table) => [
    uniqueIndex('alert_firings_alert_event').on(table.alertId, table.eventKey),
    index('alert_firings_fired').on(table.firedAt.desc(), table.id.desc()),
    index('alert_firings_unread').on(table.alertId).where(sql`${table.readAt} is null`),
  ],
);

/** One message to one channel about one firing, with how sending it went. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: text('id').primaryKey(),
    firingId: text('firing_id')
      .notNull()
      .references(() => alertFirings.id, { onDelete: 'cascade' }),
    alertId: text('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').notNull(),
    channelType: text('channel_type').$type<AlertChannel['type']>().notNull(),
    /** Where it went, fit to show: a host, an e-mail address. */
    target: text('target').notNull(),
    status: text('status').$type<'pending' | 'digest' | 'retrying' | 'delivered' | 'failed'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    deliveredAt: timestamptz('delivered_at'),
    /** When a digest delivery's e-mail is due. */
    dueAt: timestamptz('due_at'),
  },
  (table) => [
    uniqueIndex('alert_deliveries_firing_channel').on(table.firingId, table.channelId),
    index('alert_deliveries_alert').on(table.alertId, table.createdAt.desc()),
    index('alert_deliveries_due_digests').on(table.dueAt).where(sql`${table.status} = 'digest'`),
  ],
);

export type AlertRow = typeof alerts.$inferSelect;
export type AlertFiringRow = typeof alertFirings.$inferSelect;
export type AlertDeliveryRow = typeof alertDeliveries.$inferSelect;
