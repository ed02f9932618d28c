import { getFeed, heldWebSubscription, setWebSubState, type FeedRow, type HeldWebSubscription, type RadarDb } from '@radar/db';
import { newWebSubSecret, requestWebSub, WebSubError, type WebSubLinks } from '@radar/feeds';

/** Leases are renewed this long before they lapse. */
export const RENEW_BEFORE_MS = 24 * 3600 * 1000;
/** How long a subscription request may wait for the hub's verification before it is sent again. */
const PENDING_FOR_MS = 3600 * 1000;
/** How long after a refused or failed request the hub is asked again. */
const RETRY_FAILED_AFTER_MS = 6 * 3600 * 1000;
/** With push working, polling goes on this slowly as a safety net. */
export const SAFETY_NET_INTERVAL_SECONDS = 3600;

export interface WebSubDeps {
  db: RadarDb;
  /** Where hubs reach this server; without it WebSub is off. */
  publicUrl?: string;
  allowPrivateAddresses: boolean;
}

export const webSubCallbackUrl = (publicUrl: string, feedId: string): string => `${publicUrl}/websub/${feedId}`;

/**
 * Keeps a feed subscribed at the hub it announces: subscribes when a hub appears or changes,
 * renews a day before the lease lapses, and retries a refused request hours later.
 */
export async function keepWebSubscription(
  feed: FeedRow,
  links: WebSubLinks | null,
  deps: WebSubDeps,
  now: Date,
): Promise<void> {
  if (!deps.publicUrl || !links) return;
  const same = feed.websubHub === links.hub && feed.websubTopic === links.self;
  const until = feed.websubExpiresAt?.getTime() ?? 0;
  if (same && feed.websubState === 'subscribed' && until - now.getTime() > RENEW_BEFORE_MS) return;
  if (same && feed.websubState !== 'subscribed' && feed.websubState !== null && until > now.getTime()) return;

  const secret = same && feed.websubSecret ? feed.websubSecret : newWebSubSecret();
  await setWebSubState(deps.db, feed.id, {
    websubHub: links.hub,
    websubTopic: links.self,
    websubSecret: secret,
    // a renewal keeps the subscription live until the hub confirms
    websubState: same && feed.websubState === 'subscribed' ? 'subscribed' : 'pending',
    websubExpiresAt: same && feed.websubState === 'subscribed' ? feed.websubExpiresAt : new Date(now.getTime() + PENDING_FOR_MS),
  });
  try {
    await requestWebSub({
      hub: links.hub,
      topic: links.self,
      callback: webSubCallbackUrl(deps.publicUrl, feed.id),
      mode: 'subscribe',
      secret,
      allowPrivateAddresses: deps.allowPrivateAddresses,
    });
  } catch (error) {
    if (!(error instanceof WebSubError)) throw error;
    await setWebSubState(deps.db, feed.id, {
      websubHub: links.hub,
      websubTopic: links.self,
      websubState: `failed: ${error.message}`.slice(0, 500),
      websubExpiresAt: new Date(now.getTime() + RETRY_FAILED_AFTER_MS),
    });
  }
  // the topic a feed has moved from (its address changed, or its self link) is left; should
  // its hub not hear, the lease lapses, and what it pushes meanwhile fails the new secret
  const held = heldWebSubscription(feed);
  if (held && held.topic !== links.self) {
    await unsubscribe(webSubCallbackUrl(deps.publicUrl, feed.id), held, deps.allowPrivateAddresses).catch((error: unknown) => {
      if (!(error instanceof WebSubError)) throw error;
    });
  }
}

/** Asks a hub to stop pushing a topic to a feed's callback; the hub then verifies with the callback. */
function unsubscribe(callback: string, subscription: HeldWebSubscription, allowPrivateAddresses: boolean): Promise<void> {
  return requestWebSub({ ...subscription, callback, mode: 'unsubscribe', allowPrivateAddresses });
}

/**
 * Unsubscribes a feed, paused or deleted, at its hub, which then verifies with the callback
 * (the API confirms only for a feed no longer watched, or a topic it has moved from). Nothing
 * is sent for a feed resumed meanwhile. A hub that cannot be reached throws, for the job to be
 * tried again; after that the callback's 410 to the hub's next push ends the subscription.
 */
export async function leaveWebSubscription(feedId: string, subscription: HeldWebSubscription, deps: WebSubDeps): Promise<void> {
  if (!deps.publicUrl) return;
  const feed = await getFeed(deps.db, feedId);
  if (feed?.enabled) return;
  await unsubscribe(webSubCallbackUrl(deps.publicUrl, feedId), subscription, deps.allowPrivateAddresses);
}
