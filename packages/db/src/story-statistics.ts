import { sql } from 'drizzle-orm';
import { errorText } from '@radar/core';
import { executeRows, type RadarDb } from './database.ts';

/**
 * When the stories table's statistics are gathered again: after 50 stories plus a tenth of
 * those it held at the last count, autovacuum's own rule.
 */
const BASE_STORIES = 50;
const SHARE_OF_TABLE = 0.1;
/**
 * And at most once a minute, as autovacuum looks: statistics gathered early describe the
 * table well as it grows (an article address is unique however many there are), and ANALYZE
 * reads up to 30,000 rows each time.
 */
const MIN_INTERVAL_MS = 60_000;

interface Tally {
  /** Stories this process inserted since it last gathered the statistics. */
  inserted: number;
  /** How many it takes to gather them again. */
  threshold?: number;
  /** When this process last gathered them (ms since the epoch). */
  gatheredAt?: number;
}

const tallies = new WeakMap<RadarDb, Tally>();

/**
 * Counts stories inserted, and gathers the stories table's statistics (ANALYZE) once enough
 * were. Without statistics PostgreSQL's planner guesses that each address of a poll's lookup
 * matches one row in 200, and reads the whole table for every poll. PGlite has no autovacuum
 * to gather them at all, and on PostgreSQL a new installation's first import outruns it (it
 * looks once a minute). A process counts its own inserts; several pollers each gather the
 * statistics now and then, which costs little (ANALYZE reads a sample of the table).
 */
export async function countInsertedStories(db: RadarDb, count: number): Promise<void> {
  if (count === 0) return;
  let tally = tallies.get(db);
  if (!tally) tallies.set(db, (tally = { inserted: 0 }));
  tally.inserted += count;
  if (tally.inserted < BASE_STORIES) return;
  tally.threshold ??= await thresholdNow(db);
  if (tally.inserted < tally.threshold) return;
  const now = Date.now();
  if (tally.gatheredAt !== undefined && now - tally.gatheredAt < MIN_INTERVAL_MS) return;
  tally.inserted = 0;
  tally.gatheredAt = now;
  try {
    // another process gathering them already is as good
    await db.execute(sql`analyze (skip_locked) stories`);
    tally.threshold = await thresholdNow(db);
  } catch (error) {
    // the stories are stored; a poll does not fail for the planner's figures
    console.warn(`gathering the stories table's statistics failed: ${errorText(error)}`);
  }
}

async function thresholdNow(db: RadarDb): Promise<number> {
  // reltuples: the rows the last statistics counted, -1 before any
  const [row] = await executeRows<{ reltuples: number }>(db, sql`select reltuples::float8 as reltuples from pg_class where oid = 'stories'::regclass`);
  return BASE_STORIES + SHARE_OF_TABLE * Math.max(row?.reltuples ?? 0, 0);
}
