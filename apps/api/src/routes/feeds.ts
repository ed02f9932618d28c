import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { FeedInputSchema, feedNeedsAttention, HttpUrlSchema, FeedUpdateSchema, MAX_POLLS_PER_FEED, POLLS_KEPT_PER_FEED, withLoginFromUrl, type FeedAttention, type FeedStoryStats } from '@radar/core';
import { addFeeds, countFeedStories, createFeed, deleteFeed, DuplicateFeedError, getFeed, heldWebSubscription, listFeedPolls, listFeeds, toFeed, updateFeed } from '@radar/db';
import { exportOpml, fetchOpml, FetchError, OpmlError, readOpml, withIncludedLists, type OpmlReadResult } from '@radar/feeds';
import { adminAuth } from '../admin-auth.ts';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput, jsonBody } from '../api-error.ts';

/** An OPML file of a few thousand feeds is under a megabyte. */
const opmlBodyLimit = bodyLimit({
  maxSize: 5 * 1024 * 1024,
  onError: () => {
    throw new ApiError(413, 'the OPML file is larger than 5 MB');
  },
});

const OpmlAddressSchema = z.object({ url: HttpUrlSchema });

/**
 * The OPML list a request brings: its body as it is (the file's own encoding declaration, or the
 * request's charset, decides how it reads), or `{"url": …}` naming a published list, fetched
 * through the safe fetcher as feeds are; with the lists it includes read into it.
 */
async function requestedOpml(body: Uint8Array, contentType: string | undefined, allowPrivateAddresses: boolean): Promise<OpmlReadResult> {
  const firstByte = body.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  if (!contentType?.includes('json') || firstByte !== 0x7b) return withIncludedLists(readOpml(body, contentType), { allowPrivateAddresses });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new ApiError(400, 'the body must be JSON: {"url": "https://…"}');
  }
  const address = OpmlAddressSchema.safeParse(json);
  if (!address.success) throw invalidInput(address.error);
  try {
    return await withIncludedLists(await fetchOpml(address.data.url, { allowPrivateAddresses }), { allowPrivateAddresses });
  } catch (error) {
    if (error instanceof FetchError) throw new ApiError(422, `could not read the list at ${address.data.url}: ${error.message}`);
    throw error;
  }
}

/** "policy-radar-feeds.opml", or for a folder "policy-radar-regulators-eu.opml": ASCII, safe in a header. */
export function opmlFileName(folder: string | null): string {
  const slug = (folder ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return folder === null ? 'policy-radar-feeds.opml' : `policy-radar-${slug || 'folder'}.opml`;
}

export function feedRoutes(deps: ApiDeps): Hono {
  const requireAdmin = adminAuth(deps.adminToken);
  return new Hono()
    .get('/', async (c) => c.json({ feeds: await listFeeds(deps.db) }))
    .get('/export.opml', async (c) => {
      // ?folder=Regulators: one folder's feeds, to share with a partner
      const folder = c.req.query('folder')?.trim() || null;
      const opml = exportOpml(await listFeeds(deps.db), folder);
      if (opml === null) throw new ApiError(404, `no feed is in the folder ${folder}`);
      return c.body(opml, 200, {
        'content-type': 'text/x-opml; charset=utf-8',
        'content-disposition': `attachment; filename="${opmlFileName(folder)}"`,
      });
    })
    .post('/import', requireAdmin, opmlBodyLimit, async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      let opml;
      try {
        opml = await requestedOpml(bytes, c.req.header('content-type'), deps.allowPrivateAddresses ?? false);
      } catch (error) {
        if (error instanceof OpmlError) throw new ApiError(400, error.message);
        throw error;
      }
      const { added, skipped } = await addFeeds(
        deps.db,
        opml.feeds.map((feed) => withLoginFromUrl({ url: feed.url, title: feed.title ?? undefined, folder: feed.category, userAgent: feed.userAgent })),
      );
      for (const feed of added) await deps.scheduler.sync(feed);
      return c.json({ added: added.map((feed) => toFeed(feed)), skipped: [...opml.skipped, ...skipped] });
    })
    .get('/attention', async (c) => {
      const attention: FeedAttention = { failing: 0, paused: 0 };
      for (const feed of await listFeeds(deps.db)) {
        const need = feedNeedsAttention(feed);
        if (need) attention[need] += 1;
      }
      return c.json(attention);
    })
    .get('/stats', async (c) => {
      const days = c.req.query('days') === undefined ? 30 : Number(c.req.query('days'));
      if (!Number.isInteger(days) || days < 1 || days > 365) throw new ApiError(400, 'days must be a whole number from 1 to 365');
      const since = new Date(Date.now() - days * 86_400_000);
      const stats: FeedStoryStats = { since: since.toISOString(), days, feeds: await countFeedStories(deps.db, since) };
      return c.json(stats);
    })
    .get('/:id', async (c) => {
      const feed = await getFeed(deps.db, c.req.param('id'));
      if (!feed) throw new ApiError(404, 'no feed with that id');
      return c.json(toFeed(feed));
    })
    .get('/:id/polls', async (c) => {
      const limitParam = c.req.query('limit');
      const limit = limitParam === undefined ? POLLS_KEPT_PER_FEED : Number(limitParam);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_POLLS_PER_FEED) {
        throw new ApiError(400, `limit must be a whole number from 1 to ${MAX_POLLS_PER_FEED}`);
      }
      const feed = await getFeed(deps.db, c.req.param('id'));
      if (!feed) throw new ApiError(404, 'no feed with that id');
      return c.json({ polls: await listFeedPolls(deps.db, feed.id, limit) });
    })
    .post('/', requireAdmin, async (c) => {
      const input = FeedInputSchema.safeParse(await jsonBody(c.req));
      if (!input.success) throw invalidInput(input.error);
      try {
        // a login written in the address is kept beside it, never in it
        const feed = await createFeed(deps.db, withLoginFromUrl(input.data));
        await deps.scheduler.sync(feed);
        return c.json(toFeed(feed), 201);
      } catch (error) {
        if (error instanceof DuplicateFeedError) {
          return c.json({ error: error.message, feed: toFeed(error.existing) }, 409);
        }
        throw error;
      }
    })
    .patch('/:id', requireAdmin, async (c) => {
      const patch = FeedUpdateSchema.safeParse(await jsonBody(c.req));
      if (!patch.success) throw invalidInput(patch.error);
      const before = patch.data.enabled === false ? await getFeed(deps.db, c.req.param('id')) : null;
      let feed;
      try {
        feed = await updateFeed(deps.db, c.req.param('id'), withLoginFromUrl(patch.data));
      } catch (error) {
        if (error instanceof DuplicateFeedError) return c.json({ error: error.message, feed: toFeed(error.existing) }, 409);
        throw error;
      }
      if (!feed) throw new ApiError(404, 'no feed with that id');
      await deps.scheduler.sync(feed);
      // a feed paused leaves its WebSub hub, through the poller
      if (before?.enabled) await deps.scheduler.leaveHub(before.id, heldWebSubscription(before));
      return c.json(toFeed(feed));
    })
    .delete('/:id', requireAdmin, async (c) => {
      const id = c.req.param('id');
      const feed = await getFeed(deps.db, id);
      if (!feed || !(await deleteFeed(deps.db, id))) throw new ApiError(404, 'no feed with that id');
      await deps.scheduler.remove(id);
      await deps.scheduler.leaveHub(id, heldWebSubscription(feed));
      return c.body(null, 204);
    })
    .post('/:id/refresh', requireAdmin, async (c) => {
      const feed = await getFeed(deps.db, c.req.param('id'));
      if (!feed) throw new ApiError(404, 'no feed with that id');
      const jobId = await deps.scheduler.pollNow(feed.id);
      return c.json({ queued: true, jobId }, 202);
    });
}
