import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RadarConfig } from '@radar/core';
import { openDatabase, type Database } from '@radar/db';

/**
 * A secret of this installation: the one configured when set, else one generated once and
 * kept in DATA_DIR/`name` (readable by the owner only), so it never appears in logs.
 */
function keptSecret(name: string, bytes: number, configured: string | undefined, dataDir: string): { token: string; file?: string } {
  if (configured) return { token: configured };
  const file = join(dataDir, name);
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), file };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(bytes).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file };
}

/** The admin token: RADAR_ADMIN_TOKEN, else DATA_DIR/admin-token. */
export function resolveAdminToken(configured: string | undefined, dataDir: string): { token: string; file?: string } {
  return keptSecret('admin-token', 24, configured, dataDir);
}

/**
 * The key feeds' secrets are sealed with in the database: RADAR_SECRET_KEY, else
 * DATA_DIR/secret-key. Processes on several machines (docker-compose.yml) set the same
 * RADAR_SECRET_KEY; a copy of the database alone holds no secret in the clear.
 */
export function resolveSecretKey(configured: string | undefined, dataDir: string): { token: string; file?: string } {
  return keptSecret('secret-key', 32, configured, dataDir);
}

/** The configured database (PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR), its secrets sealed with this installation's key. */
export function openConfiguredDatabase(config: RadarConfig): Promise<Database> {
  const secretKey = resolveSecretKey(config.secretKey, config.dataDir).token;
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, secretKey });
}
