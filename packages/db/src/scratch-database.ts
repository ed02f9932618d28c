import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './database.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** The server that scratch PostgreSQL databases are created on (tests and benchmarks). */
export const scratchServerUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A throwaway, migrated database: an in-memory PGlite, or a new database on the PostgreSQL
 * server that is dropped on close. Tests and benchmarks use it so that runs never share rows.
 */
export async function openScratchDatabase(kind: DatabaseKind): Promise<Database & { url?: string }> {
  // nobody opens it again: its secrets are sealed under a key of its own
  const secretKey = randomBytes(32).toString('base64url');
  if (kind === 'pglite') return openDatabase({ dataDir: 'memory://', secretKey });
  const serverUrl = new URL(scratchServerUrl());
  const name = `radar_scratch_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl.href });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl.href);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.href, secretKey });
  return {
    ...database,
    url: url.href,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl.href });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
