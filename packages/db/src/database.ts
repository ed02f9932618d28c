import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from './schema/index.ts';
import { SecretBox, useSecretBox } from './secret-box.ts';
import { sealStoredChannels } from './alert-secrets.ts';
import { sealStoredSecrets } from './feed-secrets.ts';
import { startEmbeddedUpkeep } from './embedded-upkeep.ts';

export type RadarSchema = typeof schema;
/** The drizzle database, the same type whether PGlite or PostgreSQL is underneath. */
export type RadarDb = PgDatabase<PgQueryResultHKT, RadarSchema>;

export interface Database {
  db: RadarDb;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, an embedded PGlite is opened in dataDir. */
  databaseUrl?: string;
  /** Folder of the embedded database; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /**
   * What feeds' secrets (logins' passwords, WebSub secrets) are sealed with: RADAR_SECRET_KEY,
   * or the key kept in DATA_DIR; every process of one installation needs the same.
   */
  secretKey: string;
  /** How often an embedded database is vacuumed and analysed (PGlite has no autovacuum); an hour unless told. */
  upkeepEveryMs?: number;
  /** How long a PostgreSQL query may go unanswered before it fails (QUERY_TIMEOUT_MS unless told). */
  queryTimeoutMs?: number;
  /** How long connecting to PostgreSQL may take (CONNECT_TIMEOUT_MS unless told). */
  connectTimeoutMs?: number;
}

/**
 * A query PostgreSQL has not answered in two minutes fails, and its connection is dropped:
 * a server that froze, or a connection a firewall silently cut, would otherwise hold a
 * poller's job (and the pool's connections) forever. Migrations have no such limit.
 */
export const QUERY_TIMEOUT_MS = 120_000;
export const CONNECT_TIMEOUT_MS = 30_000;

const MIGRATION_LOCK = 0x7261646172; // 'radar'
const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Opens PostgreSQL when a URL is given, else PGlite in DATA_DIR, and brings the schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const shouldMigrate = options.migrate ?? true;
  const box = new SecretBox(options.secretKey);
  if (options.databaseUrl) {
    const connection = {
      connectionString: options.databaseUrl,
      connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      // the kernel probes an idle connection, so one cut without a word is noticed
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    };
    const pool = new pg.Pool({ ...connection, max: 10, query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS });
    pool.on('error', (error) => console.error('postgres pool error:', error.message));
    const db = drizzlePostgres(pool, { schema });
    if (shouldMigrate) {
      // a migration may rightly take longer than any query: it has connections of its own
      const migrator = new pg.Pool({ ...connection, max: 2 });
      migrator.on('error', (error) => console.error('postgres pool error:', error.message));
      const migratorDb = drizzlePostgres(migrator, { schema });
      try {
        // several processes may start at once (api, pollers): one migrates, the others wait
        const lock = await migrator.connect();
        try {
          await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
          await migratePostgres(migratorDb, { migrationsFolder });
          await sealStoredSecrets(migratorDb as unknown as RadarDb, box);
          await sealStoredChannels(migratorDb as unknown as RadarDb, box);
        } finally {
          await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
          lock.release();
        }
      } finally {
        await migrator.end();
      }
    }
    useSecretBox(db as unknown as RadarDb, box);
    return { db: db as unknown as RadarDb, kind: 'postgres', close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? './data';
  let location = 'memory://';
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    location = `${dataDir.replace(/\/$/, '')}/pglite`;
  }
  const client = await PGlite.create(location);
  const db = drizzlePglite(client, { schema });
  if (shouldMigrate) {
    await migratePglite(db, { migrationsFolder });
    await sealStoredSecrets(db as unknown as RadarDb, box);
    await sealStoredChannels(db as unknown as RadarDb, box);
  }
  useSecretBox(db as unknown as RadarDb, box);
  const upkeep = startEmbeddedUpkeep(client, options.upkeepEveryMs);
  return {
    db: db as unknown as RadarDb,
    kind: 'pglite',
    async close() {
      await upkeep.stop();
      await client.close();
    },
  };
}

/** Answers when the database takes queries; throws when it does not. */
export async function pingDatabase(db: RadarDb): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Runs raw SQL and answers its rows (node-postgres and PGlite both answer `{ rows }`). */
export async function executeRows<T>(db: RadarDb, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
