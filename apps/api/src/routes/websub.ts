import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getFeed, setWebSubState, type FeedRow } from '@radar/db';
import { verifyHubSignature, WEBSUB_ASK_AGAIN_AFTER_DENIAL_SECONDS, WEBSUB_LEASE_SECONDS } from '@radar/feeds';
import type { ApiDeps } from '../api-deps.ts';

/** The longest lease kept from a hub's verification. */
const MAX_LEASE_SECONDS = 365 * 86_400;
/** As much as a polled feed may be; a push streaming more is refused as it arrives, not buffered. */
const pushBodyLimit = bodyLimit({ maxSize: 10 * 1024 * 1024, onError: (c) => c.body(null, 413) });

/**
 * The feed a callback address names, and whether the address is that of the subscription the
 * feed holds: /websub/:feedId/:key, or /websub/:feedId for one made before keys. A callback
 * of a hub or topic the feed has moved from is not.
 */
async function calledFeed(deps: ApiDeps, c: Context): Promise<{ feed: FeedRow | null; held: boolean }> {
  const feed = await getFeed(deps.db, c.req.param('feedId') ?? '');
  return { feed, held: feed !== null && sameKey(c.req.param('key') ?? null, feed.websubCallbackKey) };
}

/** Whether a callback's key is the one held, compared in constant time: the key is what a forger lacks. */
function sameKey(called: string | null, held: string | null): boolean {
  if (called === null || held === null) return called === held;
  const [a, b] = [Buffer.from(called), Buffer.from(held)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The WebSub callback, /websub/:feedId/:key: answers the hub's verification of intent (GET)
 * and takes pushed content (POST) whose X-Hub-Signature matches the feed's secret.
 */
export function webSubRoutes(deps: ApiDeps): Hono {
  return new Hono()
    .get('/:feedId/:key?', async (c) => {
      const { feed, held } = await calledFeed(deps, c);
      const mode = c.req.query('hub.mode');
      const topic = c.req.query('hub.topic');
      const challenge = c.req.query('hub.challenge');
      if (mode === 'denied') {
        // a denial counts only for the subscription a watched feed holds or has asked for
        if (feed && held && feed.enabled && feed.websubState !== null && topic === feed.websubTopic) {
          const reason = c.req.query('hub.reason') ?? 'no reason given';
          // asked again a day later, whatever the lease the refused subscription had
          await setWebSubState(deps.db, feed.id, {
            websubHub: feed.websubHub,
            websubTopic: feed.websubTopic,
            websubState: `denied: ${reason}`.slice(0, 500),
            websubExpiresAt: new Date(Date.now() + WEBSUB_ASK_AGAIN_AFTER_DENIAL_SECONDS * 1000),
          });
        }
        return c.body(null, 200);
      }
      if (mode === 'unsubscribe' && challenge) {
        // we only ever unsubscribe what we no longer want: a feed gone or paused, or a hub or
        // topic it has moved from; the subscription a watched feed holds is never given up
        const wanted = feed && feed.enabled && held && topic === feed.websubTopic;
        return wanted ? c.body(null, 404) : c.text(challenge);
      }
      if (mode !== 'subscribe' || !challenge || !feed || !held || !feed.enabled || topic !== feed.websubTopic || !feed.websubState) {
        return c.body(null, 404);
      }
      // the lease as the hub grants it: one that makes no sense is the lease asked for, and
      // one of ages is renewed within a year
      const granted = Number(c.req.query('hub.lease_seconds'));
      const lease = Number.isFinite(granted) && granted > 0 ? Math.min(granted, MAX_LEASE_SECONDS) : WEBSUB_LEASE_SECONDS;
      await setWebSubState(deps.db, feed.id, {
        websubHub: feed.websubHub,
        websubTopic: feed.websubTopic,
        websubState: 'subscribed',
        websubExpiresAt: new Date(Date.now() + lease * 1000),
      });
      return c.text(challenge, 200, { 'content-type': 'text/plain' });
    })
    .post('/:feedId/:key?', pushBodyLimit, async (c) => {
      const { feed, held } = await calledFeed(deps, c);
      // 410 tells the hub to drop a subscription for a feed that is gone, or paused (a paused
      // feed takes nothing in, and is subscribed again when resumed), or one the feed has left
      if (!feed || !held || !feed.enabled || !feed.websubSecret) return c.body(null, 410);
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (!verifyHubSignature(body, feed.websubSecret, c.req.header('x-hub-signature'))) {
        // the spec asks for a 2xx even then, so a forger learns nothing; the content is dropped
        console.warn(`websub: dropped a push for feed ${feed.id} with a bad signature`);
        return c.body(null, 202);
      }
      const intake = await deps.scheduler.ingestPushed(feed.id, body, c.req.header('content-type') ?? null);
      if (!intake.queued) return c.body(null, 429, { 'retry-after': String(intake.retryAfterSeconds) });
      return c.body(null, 202);
    });
}
