export type FetchErrorKind =
  | 'invalid-url'
  | 'blocked-address'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'network'
  | 'tls'
  /** The server answered something unreadable: bad compression, an empty feed body. */
  | 'bad-response'
  | 'http';

/**
 * What the caller should do about a failed fetch: try again soon (`retry`), wait longer
 * than usual, honouring `retryAfterSeconds` when given (`back-off`), or stop retrying this
 * attempt because repeating it cannot help (`give-up`); the next scheduled poll still runs.
 */
export type FetchDisposition = 'retry' | 'back-off' | 'give-up';

export interface FetchErrorDetails {
  /** The URL being fetched when the failure happened (after any redirects). */
  url?: string;
  /** Bytes that came over the wire before the fetch stopped. */
  bytesReceived?: number;
  /** Bytes of body after decompression before the fetch stopped. */
  bytesDecoded?: number;
  cause?: unknown;
}

/** A fetch that failed, classified so the poller can decide to retry, back off or give up. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly disposition: FetchDisposition;
  readonly url: string | undefined;
  readonly bytesReceived: number | undefined;
  readonly bytesDecoded: number | undefined;

  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
    details: FetchErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.disposition = dispositionOf(kind, status);
    this.url = details.url;
    this.bytesReceived = details.bytesReceived;
    this.bytesDecoded = details.bytesDecoded;
  }
}

/** The disposition for a kind of failure, after miniflux's response handler classes. */
export function dispositionOf(kind: FetchErrorKind, status?: number): FetchDisposition {
  switch (kind) {
    case 'timeout':
    case 'network':
    case 'bad-response':
      return 'retry';
    case 'http':
      if (status === 429 || status === 503) return 'back-off';
      if (status === 408 || (status !== undefined && status >= 500)) return 'retry';
      return 'give-up';
    default:
      // invalid-url, blocked-address, too-large, too-many-redirects, tls: the same
      // request will fail the same way until someone changes the feed or the server.
      return 'give-up';
  }
}
