import type { PGlite } from '@electric-sql/pglite';
import { errorText } from '@radar/core';

/** How often the embedded database is looked after. */
export const EMBEDDED_UPKEEP_EVERY_MS = 60 * 60_000;

export interface EmbeddedUpkeep {
  /** Stops the upkeep, after the round under way if any. */
  stop(): Promise<void>;
}

/**
 * PGlite runs no autovacuum, so the embedded database does its work on a timer: VACUUM makes
 * the room of deleted rows (stories leaving the outbox once streamed, poll history pruned)
 * usable again, and ANALYZE keeps the planner's statistics true to the tables. PGlite runs
 * one statement at a time, so queries wait for a round; it reads little more than what
 * changed since the last (the pages VACUUM knows are clean are skipped; ANALYZE reads a sample).
 */
export function startEmbeddedUpkeep(client: PGlite, everyMs = EMBEDDED_UPKEEP_EVERY_MS): EmbeddedUpkeep {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = client
      .exec('vacuum (analyze)')
      .then(
        () => undefined,
        (error: Error) => console.warn(`the embedded database's upkeep (vacuum, analyze) failed: ${errorText(error)}`),
      )
      .finally(() => (running = null));
  }, everyMs);
  // a command that opened the database to run and leave is not held up by it
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
