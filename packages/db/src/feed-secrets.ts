import { eq, notLike, or } from 'drizzle-orm';
import type { RadarDb } from './database.ts';
import { feeds, type FeedRow } from './schema/index.ts';
import { isSealed, SEALED, secretBoxOf, type SecretBox } from './secret-box.ts';

type FeedSecrets = Partial<Pick<FeedRow, 'loginPassword' | 'websubSecret'>>;

/** `values` with the feed secrets among them sealed, as they are written. */
export function sealedSecrets<T extends FeedSecrets>(db: RadarDb, values: T): T {
  const box = secretBoxOf(db);
  const sealed = { ...values };
  if (typeof values.loginPassword === 'string') sealed.loginPassword = box.seal(values.loginPassword);
  if (typeof values.websubSecret === 'string') sealed.websubSecret = box.seal(values.websubSecret);
  return sealed;
}

let warnedUnreadable = false;

/**
 * A feed row as read, with its secrets opened; a secret sealed under another key reads as
 * none (its login is refused and must be given again; its WebSub subscription is renewed).
 */
export function withOpenSecrets(db: RadarDb, row: FeedRow): FeedRow {
  if (row.loginPassword === null && row.websubSecret === null) return row;
  const box = secretBoxOf(db);
  const loginPassword = row.loginPassword === null ? null : box.open(row.loginPassword);
  const websubSecret = row.websubSecret === null ? null : box.open(row.websubSecret);
  if (!warnedUnreadable && ((row.loginPassword !== null && loginPassword === null) || (row.websubSecret !== null && websubSecret === null))) {
    warnedUnreadable = true;
    console.warn('feed secrets sealed under another secret key cannot be read: was RADAR_SECRET_KEY (or DATA_DIR/secret-key) changed?');
  }
  return { ...row, loginPassword, websubSecret };
}

/** Seals the secrets stored in the clear before secrets were sealed; answers how many feeds had some. */
export async function sealStoredSecrets(db: RadarDb, box: SecretBox): Promise<number> {
  // after the first opening there are none: every start reads no row
  const rows = await db
    .select({ id: feeds.id, loginPassword: feeds.loginPassword, websubSecret: feeds.websubSecret })
    .from(feeds)
    .where(or(notLike(feeds.loginPassword, `${SEALED}%`), notLike(feeds.websubSecret, `${SEALED}%`)));
  let sealed = 0;
  for (const row of rows) {
    const values: FeedSecrets = {};
    if (row.loginPassword !== null && !isSealed(row.loginPassword)) values.loginPassword = box.seal(row.loginPassword);
    if (row.websubSecret !== null && !isSealed(row.websubSecret)) values.websubSecret = box.seal(row.websubSecret);
    if (Object.keys(values).length === 0) continue;
    await db.update(feeds).set(values).where(eq(feeds.id, row.id));
    sealed += 1;
  }
  return sealed;
}
