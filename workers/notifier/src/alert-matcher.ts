import { AlertIndex } from '@radar/alerts';
import { parseQuery, triggerHasQuery, type QueryNode, type Story } from '@radar/core';
import { alertsVersion, listAlertRows, type AlertRow, type RadarDb } from '@radar/db';

export interface LiveAlert {
  id: string;
  query: QueryNode;
  row: AlertRow;
}

/** True when an alert may fire now: not muted, and not snoozed past `now`. */
export const isAlertActive = (row: Pick<AlertRow, 'muted' | 'snoozedUntil'>, now: Date): boolean =>
  !row.muted && (!row.snoozedUntil || row.snoozedUntil.getTime() <= now.getTime());

/**
 * The alerts in an index, kept in step with the database: before each batch of stories it
 * asks whether any alert changed (one cheap query) and rebuilds the index when one did.
 */
export class AlertMatcher {
  #index = new AlertIndex<LiveAlert>();
  #version: string | null = null;

  constructor(private readonly db: RadarDb) {}

  get size(): number {
    return this.#index.size;
  }

  async refresh(): Promise<void> {
    const version = await alertsVersion(this.db);
    if (version === this.#version) return;
    // feed alerts watch feeds, not stories: they have no query to match
    const rows = (await listAlertRows(this.db)).filter((row) => triggerHasQuery(row.trigger));
    // stored queries were validated when saved; a lenient read never throws on an old one
    this.#index = new AlertIndex(rows.map((row) => ({ id: row.id, query: parseQuery(row.query, { lenient: true }), row })));
    this.#version = version;
  }

  /** The active alerts whose query matches the story. */
  match(story: Story, now: Date): LiveAlert[] {
    return this.#index.match(story).filter((alert) => isAlertActive(alert.row, now));
  }
}
