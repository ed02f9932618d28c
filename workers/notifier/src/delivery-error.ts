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

/** A FetchError as a DeliveryError: bad or refused URLs and redirects will not fix themselves. */
export function fromFetchError(error: FetchError): DeliveryError {
  const permanent = error.kind === 'invalid-url' || error.kind === 'blocked-address' || error.kind === 'too-many-redirects';
  return new DeliveryError(error.kind === 'too-many-redirects' ? `the receiver answered with a redirect: ${error.message}` : error.message, permanent, error.status ?? null);
}

/** The error BullMQ should see: UnrecoverableError stops the retries. */
export function forQueue(error: DeliveryError): Error {
  return error.permanent ? new UnrecoverableError(error.message) : error;
}
