import { FetchError, safeFetch } from '@radar/feeds';
import { DeliveryError, fromFetchError } from './delivery-error.ts';

export interface PostWebhookOptions {
  headers?: Record<string, string>;
  allowPrivateAddresses: boolean;
  timeoutMs?: number;
}

/** What receivers answer is not read, only its status; a small limit keeps a hostile one cheap. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs a JSON body to a webhook through the safe fetcher (public addresses only unless
 * allowed, one deadline, no redirects). A 2xx answer is success; 408, 429 and 5xx are
 * retried; other answers and refused addresses are permanent failures.
 */
export async function postWebhook(url: string, body: string, options: PostWebhookOptions): Promise<number> {
  let status: number;
  try {
    const response = await safeFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: '*/*', ...options.headers },
      body,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxBytes: MAX_ANSWER_BYTES,
      maxRedirects: 0,
      allowPrivateAddresses: options.allowPrivateAddresses,
    });
    status = response.status;
  } catch (error) {
    if (error instanceof FetchError) {
      // an answer larger than we read is still an answer: the status line arrived
      if (error.kind === 'too-large' && error.status && error.status < 300) return error.status;
      throw fromFetchError(error, url);
    }
    throw error;
  }
  if (status >= 200 && status < 300) return status;
  const retried = status === 408 || status === 429 || status >= 500;
  throw new DeliveryError(`the receiver answered HTTP ${status}`, !retried, status);
}
