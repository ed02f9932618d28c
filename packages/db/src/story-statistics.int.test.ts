import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { executeRows, type Database } from './database.ts';
import { createFeed } from './feed-queries.ts';
import { newStoryId } from './ids.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import { newOrChangedStories, saveStories, type NewStory } from './story-queries.ts';

describe.each<DatabaseKind>(['pglite', 'postgres'])('the stories table statistics on %s', (kind) => {
  let database: Database | undefined;
  afterAll(() => database?.close());

  // a new installation's first polls find an empty table; without statistics gathered as it
  // fills, the planner would read the whole table for each later poll's lookup
  test('are gathered as stories are stored, so a poll finds its stored copies by index', async () => {
    database = await openScratchDatabase(kind);
    const { db } = database;
    const feedId = (await createFeed(db, { url: 'https://news.example/feed.xml' })).id;
    // only what storing stories does gathers statistics here (autovacuum would, in its own time)
    await db.execute(sql`alter table stories set (autovacuum_enabled = false)`);
    const story = (key: string): NewStory => ({
      id: newStoryId(),
      feedId,
      dedupeKey: key,
      url: `https://news.example/${key}`,
      canonicalUrl: `https://news.example/${key}`,
      title: `Story ${key}`,
      // as long as real stories' summaries
      summary: 'A regulator said on Monday that the company had failed to meet its obligations, and that the case could lead to fines. '.repeat(4),
      sourceTitle: 'Example News',
      publishedAt: new Date('2026-11-30T10:00:00Z'),
    });
    const listed = Array.from({ length: 50 }, (_, i) => story(`new-${i}`));
    for (let poll = 0; poll < 8; poll++) expect((await newOrChangedStories(db, feedId, listed)).added).toHaveLength(50);
    for (let batch = 0; batch < 10; batch++) {
      await saveStories(
        db,
        Array.from({ length: 500 }, (_, i) => story(`old-${batch}-${i}`)),
      );
    }
    const read = await db.transaction(async (tx) => {
      expect((await newOrChangedStories(tx, feedId, listed)).added).toHaveLength(50);
      // what this transaction read of the table by scanning it whole
      return executeRows<{ seq_tup_read: string }>(tx, sql`select seq_tup_read from pg_stat_xact_user_tables where relname = 'stories'`);
    });
    expect(Number(read[0]?.seq_tup_read)).toBe(0);
  });
});
