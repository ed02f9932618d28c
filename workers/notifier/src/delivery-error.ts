import { UnrecoverableError } from 'bullmq';
import { FetchError } from '@radar/feeds';

/**
 * A send that failed. `permanent` ones are not retried: a refused address, a 4xx other
 * than 408/429, a rejected recipient. Others are retried with backoff.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';

  constructor(
    message: string,
    readonly permanent: boolean,
    /** The HTTP status or SMTP reply code, when there was one. */
    readonly responseStatus: number | null = null,
  ) {
    super(message);
  }
}

/**
 * A FetchError as a DeliveryError: bad or refused URLs and redirects will not fix themselves.
 * A webhook's address is a secret (Slack's and Teams' carry their key in the path): where the
 * error quotes it, its path and query are left out, whatever the scheme or host it is quoted with.
 */
export function fromFetchError(error: FetchError, address?: string): DeliveryError {
  const permanent = error.kind === 'invalid-url' || error.kind === 'blocked-address' || error.kind === 'too-many-redirects';
  const message =
    error.kind === 'too-many-redirects'
      ? `the receiver answered with a redirect (HTTP ${error.status ?? '3xx'}), and a webhook is not sent on to another address: give the channel the address it moved to`
      : error.message;
  return new DeliveryError(address ? withoutSecretPart(message, address) : message, permanent, error.status ?? null);
}

/** The message with the address's path and query (and any login in it) replaced by "…". */
function withoutSecretPart(message: string, address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return message.replaceAll(address, '…');
  }
  const secret = `${url.pathname}${url.search}`;
  let safe = message.replaceAll(address, `${url.origin}/…`).replaceAll(url.href, `${url.origin}/…`);
  if (secret.length > 1) safe = safe.replaceAll(secret, '/…');
  if (url.username || url.password) safe = safe.replaceAll(`${url.username}:${url.password}@`, '').replaceAll(`${url.username}@`, '');
  return safe;
}

/** The error BullMQ should see: UnrecoverableError stops the retries. */
export function forQueue(error: DeliveryError): Error {
  return error.permanent ? new UnrecoverableError(error.message) : error;
}
