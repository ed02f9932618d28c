import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { createFeed, executeRows, newStoryId, openScratchDatabase, saveStories, type Database } from '@radar/db';
import { canonicalUrl } from './dedupe-key.ts';

let database: Database;

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
});
afterAll(() => database?.close());

test('stories stored before articles were keyed as https without www are keyed so by the migration, as the poller keys them now', async () => {
  const feedId = (await createFeed(database.db, { url: 'https://paper.example/feed.xml' })).id;
  // canonical addresses as they were stored before: scheme and www. as the feed wrote them
  const before = [
    'http://www.paper.example/2026/a',
    'https://www.paper.example/2026/b?id=3',
    'http://paper.example:8080/c',
    'https://paper.example/d',
    'http://www.com/e',
    'https://www.gov.uk/f',
    'http://scripting.com/2017/06/26.html#a080605',
    'http://wwwnews.example/g',
  ];
  await saveStories(
    database.db,
    before.map((address, i) => ({ id: newStoryId(), feedId, dedupeKey: `k${i}`, url: address, canonicalUrl: address, title: `Story ${i}`, summary: '', sourceTitle: 'Paper', publishedAt: new Date('2026-11-01T10:00:00Z') })),
  );
  const migration = readFileSync(new URL('../../../packages/db/migrations/0013_story_canonical_scheme.sql', import.meta.url), 'utf8');
  await database.db.execute(sql.raw(migration));
  const rows = await executeRows<{ url: string; canonical_url: string }>(database.db, sql`select url, canonical_url from stories`);
  const keyed = new Map(rows.map((row) => [row.url, row.canonical_url]));
  for (const address of before) expect(keyed.get(address), address).toBe(canonicalUrl(address));
  expect(keyed.get('http://www.paper.example/2026/a')).toBe('https://paper.example/2026/a');
});
