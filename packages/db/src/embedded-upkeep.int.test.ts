import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { executeRows, openDatabase, type Database } from './database.ts';
import { createFeed } from './feed-queries.ts';

let database: Database | undefined;
afterAll(() => database?.close());

const tableBytes = async (db: Database['db']) => Number((await executeRows<{ bytes: string }>(db, sql`select pg_table_size('stories') as bytes`))[0]!.bytes);

test('the embedded database is vacuumed and analysed on its own, as PGlite has no autovacuum', async () => {
  database = await openDatabase({ dataDir: 'memory://', secretKey: 'a key for this test only, long enough', upkeepEveryMs: 100 });
  const { db } = database;
  const feedId = (await createFeed(db, { url: 'https://news.example/feed.xml' })).id;
  await db.execute(sql`
    insert into stories (id, feed_id, dedupe_key, url, title, summary, published_at)
    select 's' || n, ${feedId}, 'k' || n, 'https://news.example/' || n, 'Story ' || n, repeat('Words of a summary. ', 40), now()
    from generate_series(1, 3000) as n`);
  await db.execute(sql`delete from stories`);
  const before = await tableBytes(db);
  expect(before).toBeGreaterThan(1_000_000);
  // the room of the deleted rows is given back, and the planner has statistics for the tables
  await expect.poll(() => tableBytes(db), { timeout: 10_000, interval: 100 }).toBeLessThan(before / 10);
  const analysed = await executeRows<{ n: number }>(db, sql`select count(*)::int as n from pg_stats where tablename = 'feeds'`);
  expect(analysed[0]!.n).toBeGreaterThan(0);
});
