import type { Redis } from 'ioredis';
import { setStoryLanguages, storiesWithoutLanguage, type RadarDb } from '@radar/db';
import { languageIdentifier } from '@radar/detect';

export interface LanguageBackfillOptions {
  db: RadarDb;
  redis: Redis;
  /** Redis key prefix of the backfill's progress and lock (shared by every poller). */
  keyPrefix: string;
  /** Stories read per round (default 200). */
  batchSize?: number;
  /** Asked between rounds: true stops the backfill (the poller is closing); it resumes at the next start. */
  stopped?: () => boolean;
}

/** How long one poller holds the backfill without a round: then another may take it over. */
const LOCK_SECONDS = 300;

/**
 * Gives a language to the stories stored before languages were read from stories' words (a
 * feed that declares none left them without: no badge, no `lang:` match in alerts), once per
 * installation: one poller at a time, a round of stories at a time, yielding to the polls in
 * between, resuming where it stopped after a restart. New stories get theirs when stored.
 */
export async function fillMissingLanguages(options: LanguageBackfillOptions): Promise<{ read: number; filled: number } | null> {
  const { db, redis, keyPrefix } = options;
  if (await redis.exists(`${keyPrefix}:done`)) return null;
  if ((await redis.set(`${keyPrefix}:lock`, '1', 'EX', LOCK_SECONDS, 'NX')) !== 'OK') return null;
  const identify = await languageIdentifier();
  let cursor = (await redis.get(`${keyPrefix}:cursor`)) ?? '';
  let read = 0;
  let filled = 0;
  try {
    for (;;) {
      if (options.stopped?.()) return { read, filled };
      const batch = await storiesWithoutLanguage(db, cursor, options.batchSize ?? 200);
      if (batch.length === 0) {
        await redis.set(`${keyPrefix}:done`, new Date().toISOString());
        return { read, filled };
      }
      const languages = batch.flatMap((story) => {
        const lang = identify(`${story.title}\n${story.summary ?? ''}`);
        return lang ? [{ id: story.id, lang }] : [];
      });
      filled += await setStoryLanguages(db, languages);
      read += batch.length;
      cursor = batch.at(-1)!.id;
      await redis.set(`${keyPrefix}:cursor`, cursor);
      await redis.expire(`${keyPrefix}:lock`, LOCK_SECONDS);
      // the polls come first
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await redis.del(`${keyPrefix}:lock`).catch(() => {});
  }
}
