import { afterAll, beforeAll, expect, test } from 'vitest';
import { addFeeds, createFeed, DuplicateFeedError, getFeed, moveFeed, updateFeed } from './feed-queries.ts';
import { openScratchDatabase } from './scratch-database.ts';
import type { Database } from './database.ts';

let database: Database;
beforeAll(async () => {
  database = await openScratchDatabase('pglite');
});
afterAll(async () => {
  await database?.close();
});

test('a feed is watched once, whatever form its address is given in: http or https, www. or not, a trailing slash', async () => {
  const eff = await createFeed(database.db, { url: 'https://www.eff.org/rss/updates.xml' });
  for (const twin of ['http://eff.org/rss/updates.xml', 'https://EFF.org/rss/updates.xml/', 'https://www.eff.org/rss/updates.xml']) {
    await expect(createFeed(database.db, { url: twin }), twin).rejects.toThrow(new DuplicateFeedError(eff));
  }
  // another section of the site is another feed
  const deeplinks = await createFeed(database.db, { url: 'https://www.eff.org/rss/updates.xml?type=deeplinks' });

  // an import skips the feeds watched and the twins within it, and adds the rest once
  const imported = await addFeeds(database.db, [
    { url: 'http://www.eff.org/rss/updates.xml' },
    { url: 'https://noyb.eu/en/feed' },
    { url: 'http://noyb.eu/en/feed/' },
    { url: 'https://edri.org/feed/' },
  ]);
  expect(imported.added.map((feed) => feed.url)).toEqual(['https://noyb.eu/en/feed', 'https://edri.org/feed/']);
  expect(imported.skipped).toEqual([
    { url: 'http://www.eff.org/rss/updates.xml', reason: 'already watched' },
    { url: 'http://noyb.eu/en/feed/', reason: 'already watched' },
  ]);

  // a feed may be given another form of its own address; not that of another feed
  expect((await updateFeed(database.db, eff.id, { url: 'https://eff.org/rss/updates.xml' }))?.url).toBe('https://eff.org/rss/updates.xml');
  await expect(updateFeed(database.db, deeplinks.id, { url: 'http://www.eff.org/rss/updates.xml' })).rejects.toThrow(DuplicateFeedError);
  // the poller moving a feed to where it moved for good: its own twin is a move, another feed's is not
  const moved = (await getFeed(database.db, eff.id))!;
  expect(await moveFeed(database.db, moved, 'https://www.eff.org/rss/updates.xml', { forgetDocument: false })).toEqual({ moved: true });
  expect((await getFeed(database.db, eff.id))?.url).toBe('https://www.eff.org/rss/updates.xml');
  expect(await moveFeed(database.db, deeplinks, 'https://eff.org/rss/updates.xml/', { forgetDocument: false })).toMatchObject({ moved: false, existing: { id: eff.id } });
});
