import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The admin token: RADAR_ADMIN_TOKEN when set, else one generated once and kept in
 * DATA_DIR/admin-token (readable by the owner only), so it never appears in logs.
 */
export function resolveAdminToken(configured: string | undefined, dataDir: string): { token: string; file?: string } {
  if (configured) return { token: configured };
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), file };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file };
}
