import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { getFeed, heldWebSubscription, setWebSubState, type FeedRow, type RadarDb } from '@radar/db';
import { isPublicAddress, newWebSubSecret, requestWebSub, WebSubError, type WebSubLinks } from '@radar/feeds';
import type { LeftWebSubscription } from '@radar/jobs';

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

/**
 * Where a hub reaches a feed's subscription: /websub/:feedId/:key, the key new with each hub
 * or topic, so that the callback tells the subscription a feed holds from one it has left
 * at the same topic; /websub/:feedId for a subscription made before keys (key null).
 */
export const webSubCallbackUrl = (publicUrl: string, feedId: string, key: string | null): string =>
  key ? `${publicUrl}/websub/${feedId}/${key}` : `${publicUrl}/websub/${feedId}`;

const newCallbackKey = (): string => randomBytes(12).toString('base64url');

/**
 * Whether a feed's hub pushes it: the hub confirmed a lease that has not lapsed (a hub that
 * no longer answers renewals stops pushing when it lapses), and WebSub is on here.
 */
export function pushedTo(feed: FeedRow, deps: WebSubDeps, now: Date): boolean {
  return Boolean(deps.publicUrl) && feed.websubState === 'subscribed' && (feed.websubExpiresAt?.getTime() ?? 0) > now.getTime();
}

/**
 * Keeps a feed subscribed at the hub it announces: subscribes when a hub appears or changes,
 * renews a day before the lease lapses, and retries a refused request hours later. A feed
 * that no longer announces a hub (links null) is not renewed there, and forgets it once the
 * lease has lapsed: not at the first read without the hub's link, which a CDN, or one server
 * of a pool, may leave out now and then.
 */
export async function keepWebSubscription(
  feed: FeedRow,
  links: WebSubLinks | null,
  deps: WebSubDeps,
  now: Date,
): Promise<void> {
  if (!deps.publicUrl) {
    // WebSub is off here: no lease is renewed, so none is counted on; the hub and topic are
    // kept, for the feed to subscribe again once it is on
    if (feed.websubState !== null) {
      await setWebSubState(deps.db, feed.id, { websubHub: feed.websubHub, websubTopic: feed.websubTopic, websubState: null, websubExpiresAt: null });
    }
    return;
  }
  // a paused feed read by hand ("refresh now") takes no pushes: it is subscribed when resumed
  if (!feed.enabled) return;
  const until = feed.websubExpiresAt?.getTime() ?? 0;
  if (!links) {
    if ((feed.websubHub || feed.websubTopic) && until <= now.getTime()) {
      await setWebSubState(deps.db, feed.id, NO_SUBSCRIPTION);
    }
    return;
  }
  const same = feed.websubHub === links.hub && feed.websubTopic === links.self;
  if (same && feed.websubState === 'subscribed' && until - now.getTime() > RENEW_BEFORE_MS) return;
  if (same && feed.websubState !== 'subscribed' && feed.websubState !== null && until > now.getTime()) return;
  if (same && feed.websubState === 'pending') {
    // a hub that took the request but never checked with us could not reach the callback (an
    // address only this network knows, as a rule): said on the feed, and asked again hours
    // later, not every hour
    const unheard = `the hub ${links.hub} took the request but did not check it with ${deps.publicUrl} within an hour: can hubs reach RADAR_PUBLIC_URL from the internet?`;
    await setWebSubState(deps.db, feed.id, {
      websubHub: feed.websubHub,
      websubTopic: feed.websubTopic,
      websubState: `failed: ${unheard}`.slice(0, 500),
      websubExpiresAt: new Date(now.getTime() + RETRY_FAILED_AFTER_MS),
    });
    return;
  }

  // a lease that lapsed is asked for again, not renewed: the hub pushes nothing meanwhile
  const renewing = same && feed.websubState === 'subscribed' && until > now.getTime();
  const secret = same && feed.websubSecret ? feed.websubSecret : newWebSubSecret();
  // a renewal keeps its callback; a subscription at another hub or topic gets its own, and
  // so does one made before callbacks had keys (its callback, the feed's id alone, is left)
  const callbackKey = same && feed.websubCallbackKey ? feed.websubCallbackKey : newCallbackKey();
  await setWebSubState(deps.db, feed.id, {
    websubHub: links.hub,
    websubTopic: links.self,
    websubSecret: secret,
    websubCallbackKey: callbackKey,
    // a renewal keeps the subscription live until the hub confirms
    websubState: renewing ? 'subscribed' : 'pending',
    websubExpiresAt: renewing ? feed.websubExpiresAt : new Date(now.getTime() + PENDING_FOR_MS),
  });
  try {
    await requestWebSub({
      hub: links.hub,
      topic: links.self,
      callback: webSubCallbackUrl(deps.publicUrl, feed.id, callbackKey),
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
  // the hub or topic a feed has moved from (its address changed, or its self or hub link) is
  // left, at the callback it was subscribed with; should the hub not hear, what it pushes
  // there is answered 410, and the lease lapses
  const held = heldWebSubscription(feed);
  if (held && held.callbackKey !== callbackKey) {
    await unsubscribe(deps.publicUrl, feed.id, held, deps.allowPrivateAddresses).catch((error: unknown) => {
      if (!(error instanceof WebSubError)) throw error;
    });
  }
}

/** A feed's WebSub columns with no subscription, nor hub or topic to subscribe at. */
const NO_SUBSCRIPTION = {
  websubHub: null,
  websubTopic: null,
  websubSecret: null,
  websubState: null,
  websubExpiresAt: null,
  websubCallbackKey: null,
} as const;

/** Asks a hub to stop pushing a topic to a feed's callback; the hub then verifies with the callback. */
function unsubscribe(publicUrl: string, feedId: string, subscription: LeftWebSubscription, allowPrivateAddresses: boolean): Promise<void> {
  return requestWebSub({
    hub: subscription.hub,
    topic: subscription.topic,
    callback: webSubCallbackUrl(publicUrl, feedId, subscription.callbackKey ?? null),
    mode: 'unsubscribe',
    allowPrivateAddresses,
  });
}

/**
 * Unsubscribes a feed, paused or deleted, at its hub, which then verifies with the callback
 * (the API confirms only for a feed no longer watched, or a topic it has moved from). Nothing
 * is sent for a feed resumed meanwhile. A hub that cannot be reached throws, for the job to be
 * tried again; after that the callback's 410 to the hub's next push ends the subscription.
 */
export async function leaveWebSubscription(feedId: string, subscription: LeftWebSubscription, deps: WebSubDeps): Promise<void> {
  if (!deps.publicUrl) return;
  const feed = await getFeed(deps.db, feedId);
  if (feed?.enabled) return;
  // a job queued by a process from before callbacks had keys names none: a paused feed's row
  // still has it (a deleted feed's subscription ends at the 410 to the hub's next push)
  const callbackKey = subscription.callbackKey !== undefined ? subscription.callbackKey : (feed?.websubCallbackKey ?? null);
  await unsubscribe(deps.publicUrl, feedId, { ...subscription, callbackKey }, deps.allowPrivateAddresses);
}

/** Names that lead nowhere from the internet: this machine's, or a private network's. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|corp)$/i;

/**
 * What the poller says of WebSub as it starts: off, or on at an address, with a warning when
 * that address is one hubs on the internet cannot reach (this machine, a private network), for
 * then no subscription is ever confirmed.
 * @example webSubStartNote('http://localhost:3000') // { line: 'WebSub: hubs push to http://localhost:3000/websub/', warning: '…' }
 */
export function webSubStartNote(publicUrl: string | undefined): { line: string; warning: string | null } {
  if (!publicUrl) return { line: 'WebSub off (set RADAR_PUBLIC_URL for hubs to push feeds): feeds are polled', warning: null };
  const host = new URL(publicUrl).hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  const local = isIP(host) ? !isPublicAddress(host) : !host.includes('.') || LOCAL_NAME.test(host);
  return {
    line: `WebSub: hubs push to ${publicUrl}/websub/`,
    warning: local ? `RADAR_PUBLIC_URL (${publicUrl}) is an address hubs on the internet cannot reach: no subscription will be confirmed, and feeds are polled` : null,
  };
}
