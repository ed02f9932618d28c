import { createHmac, timingSafeEqual } from 'node:crypto';

const ALGORITHMS: Record<string, string> = { sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/** Checks `X-Hub-Signature: sha256=<hex>` against the HMAC of the raw body with our secret. */
export function verifyHubSignature(body: Uint8Array, secret: string, header: string | null | undefined): boolean {
  const match = /^(sha1|sha256|sha384|sha512)=([0-9a-f]+)$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac(ALGORITHMS[match[1]!.toLowerCase()]!, secret).update(body).digest();
  const given = Buffer.from(match[2]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
