import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { RadarDb } from './database.ts';

/** How a sealed value starts; a value without it was stored before secrets were sealed. */
export const SEALED = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals the secrets the database keeps (a feed's login password and WebSub secret, an alert's
 * webhook address and signing secret, Slack and Teams addresses) with AES-256-GCM under a key
 * derived from RADAR_SECRET_KEY, so a copy of the database (a backup, a dump handed to a
 * contractor) holds none of them in the clear.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(secretKey: string) {
    if (secretKey.length < 16) throw new Error('the secret key must be at least 16 characters (RADAR_SECRET_KEY)');
    this.#key = Buffer.from(hkdfSync('sha256', secretKey, 'policy-radar', 'feed secrets v1', 32));
  }

  /** A random key for a database nobody opens again (tests, benchmarks). */
  static throwaway(): SecretBox {
    return new SecretBox(randomBytes(32).toString('base64url'));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /**
   * The value sealed in `stored` (or `stored` itself, kept from before secrets were sealed);
   * null when it was sealed under another key, which no one can read any more.
   */
  open(stored: string): string | null {
    if (!isSealed(stored)) return stored;
    const bytes = Buffer.from(stored.slice(SEALED.length), 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED);

const boxes = new WeakMap<RadarDb, SecretBox>();

/** Seals and opens the secrets of `db` with `box` from now on. */
export function useSecretBox(db: RadarDb, box: SecretBox): void {
  boxes.set(db, box);
}

/** The box a database's secrets are sealed with (set when it is opened). */
export function secretBoxOf(db: RadarDb): SecretBox {
  const box = boxes.get(db);
  if (!box) throw new Error('this database was opened without a secret key');
  return box;
}
