import { X509Certificate } from 'node:crypto';
import { FetchError } from './fetch-error.ts';
import { presentedCertificate, type GuardedConnectionOptions } from './guarded-connection.ts';
import type { ProxyRoute } from './outbound-proxy.ts';

/**
 * Sites that send their certificate without the intermediate that signed it (a common slip
 * on public bodies' servers) fail Node's check with "unable to verify the first certificate",
 * where browsers fetch that intermediate from the address the certificate names (its
 * Authority Information Access "CA Issuers") and go on. The fetcher does the same: the
 * fetched certificate only helps build the chain, which must still end at a trusted root
 * (Node never trusts a chain that stops at an intermediate), and a self-issued one, which
 * would be a root of its own, is never taken.
 */

/** The verification failures a missing intermediate causes. */
const MISSING_ISSUER_CODES = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

/** Intermediates learned per origin, most recently learned last; a few hundred at most. */
const learned = new Map<string, string>();
const MOST_LEARNED = 500;
/** An issuer certificate is a kilobyte or two; anything far larger is not one. */
const MAX_ISSUER_BYTES = 64 * 1024;

/** True when a fetch failed because the site's certificate came without its issuer. */
export function isMissingIssuer(error: unknown): boolean {
  if (!(error instanceof FetchError) || error.kind !== 'tls') return false;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && MISSING_ISSUER_CODES.has(code);
}

/** The intermediate learned for an origin's certificate, as PEM, if any. */
export function learnedIssuerOf(origin: string): string | undefined {
  return learned.get(origin);
}

export interface IssuerFetch {
  (url: string, options: { maxBytes: number; signal: AbortSignal }): Promise<{ status: number; body: Uint8Array }>;
}

/**
 * Reads the certificate `url`'s site presents, fetches the issuer it names and keeps it for
 * the origin when it really issued that certificate. Returns whether one was learned; any
 * failure along the way is only a reason to give the original error.
 */
export async function learnMissingIssuer(
  url: URL,
  proxy: ProxyRoute | null,
  options: GuardedConnectionOptions,
  fetchIssuer: IssuerFetch,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    const leaf = await presentedCertificate(url, proxy, options, signal);
    for (const address of issuerAddresses(leaf).slice(0, 2)) {
      const response = await fetchIssuer(address, { maxBytes: MAX_ISSUER_BYTES, signal }).catch(() => null);
      if (!response || response.status !== 200) continue;
      const issuer = certificateIn(response.body);
      // A self-issued certificate would be trusted as a root of its own: whoever answers at
      // the issuer address (plain http, as a rule) could then vouch for any certificate.
      if (!issuer || !issuer.ca || issuer.subject === issuer.issuer || !leaf.checkIssued(issuer) || !leaf.verify(issuer.publicKey)) continue;
      learned.delete(url.origin);
      learned.set(url.origin, issuer.toString());
      if (learned.size > MOST_LEARNED) learned.delete(learned.keys().next().value!);
      return true;
    }
  } catch {
    // the site could not be reached again, or presented nothing usable
  }
  return false;
}

/**
 * The http(s) "CA Issuers" addresses of a certificate's Authority Information Access.
 * Node writes each as `CA Issuers - URI:<address>`, the address JSON-quoted when it holds
 * characters that could be mistaken for separators.
 */
export function issuerAddresses(certificate: X509Certificate): string[] {
  const addresses: string[] = [];
  for (const line of (certificate.infoAccess ?? '').split('\n')) {
    const match = /^CA Issuers - URI:(.+)$/.exec(line.trim());
    if (!match) continue;
    let address = match[1]!;
    if (address.startsWith('"')) {
      try {
        address = JSON.parse(address) as string;
      } catch {
        continue;
      }
    }
    if (/^https?:\/\//i.test(address)) addresses.push(address);
  }
  return addresses;
}

/** A certificate in DER or PEM form; null for anything else (a PKCS#7 bundle, a web page). */
function certificateIn(body: Uint8Array): X509Certificate | null {
  try {
    return new X509Certificate(Buffer.from(body));
  } catch {
    return null;
  }
}
