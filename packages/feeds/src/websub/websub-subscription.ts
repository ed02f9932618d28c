import { randomBytes } from 'node:crypto';
import { FetchError } from '../fetch/fetch-error.ts';
import { safeFetch } from '../fetch/safe-fetch.ts';

export const WEBSUB_LEASE_SECONDS = 7 * 24 * 3600;
/** A hub that refused a subscription (its publisher opted out, say) is asked again a day later. */
export const WEBSUB_ASK_AGAIN_AFTER_DENIAL_SECONDS = 24 * 3600;

export interface WebSubRequest {
  hub: string;
  topic: string;
  callback: string;
  mode: 'subscribe' | 'unsubscribe';
  secret?: string;
  allowPrivateAddresses: boolean;
}

export class WebSubError extends Error {
  override name = 'WebSubError';
}

export const newWebSubSecret = (): string => randomBytes(24).toString('hex');

/**
 * Asks a hub to (un)subscribe a callback to a topic. The hub answers 202 and then verifies
 * the intent with a GET to the callback, which the API answers.
 */
export async function requestWebSub(request: WebSubRequest): Promise<void> {
  const form = new URLSearchParams({
    'hub.mode': request.mode,
    'hub.topic': request.topic,
    'hub.callback': request.callback,
    'hub.lease_seconds': String(WEBSUB_LEASE_SECONDS),
  });
  if (request.secret) form.set('hub.secret', request.secret);
  let status: number;
  try {
    const response = await safeFetch(request.hub, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      timeoutMs: 15_000,
      maxBytes: 64 * 1024,
      allowPrivateAddresses: request.allowPrivateAddresses,
    });
    status = response.status;
  } catch (error) {
    if (error instanceof FetchError) throw new WebSubError(`hub ${request.hub}: ${error.message}`);
    throw error;
  }
  if (status < 200 || status >= 300) throw new WebSubError(`hub ${request.hub} answered HTTP ${status}`);
}
