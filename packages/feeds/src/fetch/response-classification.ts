import { FetchError } from './fetch-error.ts';
import { parseRetryAfter } from './retry-after.ts';

/** What a final (post-redirect) response means for the caller, after miniflux's response handler. */
export type ResponseClass =
  | { outcome: 'ok' }
  | { outcome: 'not-modified' }
  | { outcome: 'error'; error: FetchError };

export interface ClassifiableResponse {
  status: number;
  url: string;
  headers: Headers;
}

/**
 * 2xx is ok, 304 is not modified, anything else is a FetchError of kind 'http' carrying
 * the status, a disposition (429/503 back off, other 5xx and 408 retry, the rest give up)
 * and, on 429 and 503, the Retry-After delay in seconds.
 */
export function classifyResponse(response: ClassifiableResponse, now: number = Date.now()): ResponseClass {
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'ok' };
  if (status === 304) return { outcome: 'not-modified' };
  const retryAfter =
    status === 429 || status === 503 ? (parseRetryAfter(response.headers.get('retry-after'), now) ?? undefined) : undefined;
  const error = new FetchError('http', `${describeStatus(status)} (HTTP ${status}) from ${response.url}`, status, retryAfter, {
    url: response.url,
  });
  return { outcome: 'error', error };
}

/** Throws the classified FetchError unless the response is 2xx or 304. */
export function assertSuccessfulResponse(response: ClassifiableResponse): void {
  const result = classifyResponse(response);
  if (result.outcome === 'error') throw result.error;
}

function describeStatus(status: number): string {
  switch (status) {
    case 401:
      return 'access unauthorized';
    case 403:
      return 'access forbidden';
    case 404:
      return 'resource not found';
    case 406:
      return 'not acceptable';
    case 410:
      return 'gone for good';
    case 451:
      // a feed blocked where this server stands, by a court or a government (RFC 7725)
      return 'unavailable for legal reasons';
    case 408:
      return 'request timeout';
    case 429:
      return 'too many requests';
    case 500:
      return 'remote server error';
    case 502:
      return 'bad gateway';
    case 503:
      return 'service unavailable';
    case 504:
      return 'gateway timeout';
    default:
      if (status >= 300 && status < 400) return 'redirect that was not followed';
      return 'unexpected status code';
  }
}
