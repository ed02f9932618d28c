import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from './database.ts';
import { createFeed, getFeed, pauseFeed, setWebSubState, updateFeed } from './feed-queries.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'radar-websub-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('a feed paused, by its user or by the poller, forgets its WebSub subscription and keeps the hub it had, to leave it and to subscribe again on resume', async () => {
  const { db, close } = await openDatabase({ dataDir, secretKey: 'this installation key is long enough' });
  try {
    const feed = await createFeed(db, { url: 'https://ministry.example/feed' });
    const subscribe = () =>
      setWebSubState(db, feed.id, {
        websubHub: 'https://hub.example/',
        websubTopic: 'https://ministry.example/feed',
        websubSecret: 'push-secret',
        websubState: 'subscribed',
        websubExpiresAt: new Date(Date.now() + 86_400_000),
      });
    const kept = { websubHub: 'https://hub.example/', websubTopic: 'https://ministry.example/feed', websubSecret: 'push-secret' };

    await subscribe();
    await pauseFeed(db, feed.id, 'failing for 3 days: HTTP 503');
    expect(await getFeed(db, feed.id)).toMatchObject({ enabled: false, websubState: null, websubExpiresAt: null, ...kept });

    await updateFeed(db, feed.id, { enabled: true });
    await subscribe();
    await updateFeed(db, feed.id, { title: 'Ministry news' });
    expect((await getFeed(db, feed.id))?.websubState).toBe('subscribed');
    await updateFeed(db, feed.id, { enabled: false });
    expect(await getFeed(db, feed.id)).toMatchObject({ enabled: false, websubState: null, websubExpiresAt: null, ...kept });
  } finally {
    await close();
  }
});
