import { afterAll, describe, expect, test } from 'vitest';
import { errorReport, errorText } from '@radar/core';
import { createFeed } from './feed-queries.ts';
import { feeds } from './schema/index.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import type { Database } from './database.ts';

describe.each<DatabaseKind>(['pglite', 'postgres'])('a failed query as a log tells it (%s)', (kind) => {
  let database: Database;
  afterAll(async () => database?.close());

  test("the query's start and the database's reason, never the values it was given", async () => {
    database = await openScratchDatabase(kind);
    const feed = await createFeed(database.db, { url: 'https://wire.example/feed' });
    // the same id again: the insert fails, holding a login and an address in its values
    const failure = await database.db
      .insert(feeds)
      .values({ id: feed.id, url: 'https://paid.example/feed?token=tok-123', loginUsername: 'ana-secret-user' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    // the query builder's own message lists the values
    expect((failure as Error).message).toContain('tok-123');
    const text = errorText(failure);
    expect(text).toMatch(/^failed query: insert into "feeds" \(.+…: duplicate key value violates unique constraint "feeds_pkey"$/);
    const report = errorReport(failure);
    expect(report.startsWith(`${text}\n`)).toBe(true);
    expect(report).toMatch(/\n\s+at /);
    for (const told of [text, report]) expect(told).not.toMatch(/tok-123|ana-secret-user|paid\.example/);
  });
});

test('an error without a query is its message and its causes; anything else thrown is told as text', () => {
  expect(errorText(new Error('poll failed', { cause: new Error('connection reset') }))).toBe('poll failed: connection reset');
  expect(errorText('plain words')).toBe('plain words');
  expect(errorText(new Error('outer', { cause: 'inner' }))).toBe('outer: inner');
});
