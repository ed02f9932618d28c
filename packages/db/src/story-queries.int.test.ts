import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StoryFilterSchema } from '@radar/core';
import { sql } from 'drizzle-orm';
import { executeRows, type Database } from './database.ts';
import { createFeed, deleteFeed, DuplicateFeedError, getFeed, listFeeds, recordFetchSuccess } from './feed-queries.ts';
import { countFacets } from './facets.ts';
import { newStoryId } from './ids.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import {
  countClusterOutlets,
  getStoryDetail,
  hasUnstreamedStories,
  listStories,
  listStoriesAfter,
  markStoriesStreamed,
  newOrChangedStories,
  saveStories,
  type NewStory,
} from './story-queries.ts';

const filter = (input: Parameters<typeof StoryFilterSchema.parse>[0]) => StoryFilterSchema.parse(input);

describe.each<DatabaseKind>(['pglite', 'postgres'])('stories on %s', (kind) => {
  let database: Database;
  let feedId: string;

  const story = (key: string, overrides: Partial<NewStory> = {}): NewStory => ({
    id: newStoryId(),
    feedId,
    dedupeKey: key,
    url: `https://news.example/${key}`,
    title: `Story ${key}`,
    summary: '',
    sourceTitle: 'Example News',
    publishedAt: new Date('2026-11-01T10:00:00Z'),
    ...overrides,
  });

  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    feedId = (await createFeed(database.db, { url: 'https://news.example/feed.xml' })).id;
  });
  afterAll(() => database?.close());

  test('a feed URL can be added once', async () => {
    await expect(createFeed(database.db, { url: 'https://news.example/feed.xml' })).rejects.toBeInstanceOf(
      DuplicateFeedError,
    );
  });

  test('saving the same item twice stores it once; a corrected title updates the row', async () => {
    const first = await saveStories(database.db, [story('a'), story('b')]);
    expect(first.inserted.map((r) => r.dedupeKey).sort()).toEqual(['a', 'b']);
    const again = await saveStories(database.db, [story('a'), story('b')]);
    expect(again).toEqual({ inserted: [], updated: 0 });
    const corrected = await saveStories(database.db, [story('a', { title: 'Story a, corrected' })]);
    expect(corrected).toEqual({ inserted: [], updated: 1 });
    const page = await listStories(database.db, filter({ q: 'corrected' }));
    expect(page.stories.map((s) => s.title)).toEqual(['Story a, corrected']);
  });

  test('an item whose guid changed but whose article URL is stored updates that story', async () => {
    const url = 'https://news.example/2026/guid-change';
    const first = await saveStories(database.db, [story('guid-1', { canonicalUrl: url, title: 'Before' })]);
    expect(first.inserted).toHaveLength(1);
    const again = await saveStories(database.db, [story('guid-2', { canonicalUrl: url, title: 'After' })]);
    expect(again).toEqual({ inserted: [], updated: 1 });
    const twiceInOneBatch = await saveStories(database.db, [
      story('guid-3', { canonicalUrl: 'https://news.example/2026/twice' }),
      story('guid-4', { canonicalUrl: 'https://news.example/2026/twice' }),
      story('guid-3'),
    ]);
    expect(twiceInOneBatch.inserted.map((r) => r.dedupeKey)).toEqual(['guid-3']);
    const titles = (await listStories(database.db, filter({ q: 'after' }))).stories.map((s) => s.title);
    expect(titles).toEqual(['After']);
  });

  test('a story whose link is corrected is known by its new address from then on, in its feed and in others', async () => {
    const typo = 'https://news.example/2026/ofcom-fines-platfrom';
    const fixed = 'https://news.example/2026/ofcom-fines-platform';
    await saveStories(database.db, [story('slug-fix', { url: typo, canonicalUrl: typo })]);
    expect(await saveStories(database.db, [story('slug-fix', { url: fixed, canonicalUrl: fixed })])).toEqual({ inserted: [], updated: 1 });
    // listed under a new guid at its corrected address, it is the same story
    const relisted = story('slug-fix-2', { url: fixed, canonicalUrl: fixed, title: 'Story slug-fix' });
    expect(await newOrChangedStories(database.db, feedId, [relisted])).toEqual({ added: [], changed: [], elsewhere: [], storedSince: [] });
    expect(await saveStories(database.db, [relisted])).toEqual({ inserted: [], updated: 0 });
    // another feed listing it is told it is stored elsewhere
    const other = (await createFeed(database.db, { url: 'https://news.example/section.xml' })).id;
    expect(await newOrChangedStories(database.db, other, [story('section-1', { feedId: other, url: fixed, canonicalUrl: fixed })])).toMatchObject({
      added: [],
      elsewhere: [{ dedupeKey: 'section-1' }],
    });
    const stored = await executeRows<{ url: string }>(database.db, sql`select url from stories where canonical_url in (${typo}, ${fixed})`);
    expect(stored).toEqual([{ url: fixed }]);
  });

  test('a document read before the one a story was last written from, stored after it, undoes no correction', async () => {
    const early = new Date('2026-11-02T09:00:00Z');
    const late = new Date('2026-11-02T09:00:05Z');
    await saveStories(database.db, [story('late-read', { title: 'Old headline', readAt: early })]);
    expect(await saveStories(database.db, [story('late-read', { title: 'Corrected headline', readAt: late })])).toEqual({ inserted: [], updated: 1 });
    const stale = story('late-read', { title: 'Old headline', readAt: early });
    expect((await newOrChangedStories(database.db, feedId, [stale])).changed).toEqual([]);
    expect(await saveStories(database.db, [stale])).toEqual({ inserted: [], updated: 0 });
    // a later read corrects it again, and one with no time of reading (an import) as before
    expect(await saveStories(database.db, [story('late-read', { title: 'Corrected twice', readAt: new Date(late.getTime() + 1000) })])).toEqual({ inserted: [], updated: 1 });
    expect(await saveStories(database.db, [story('late-read', { title: 'Imported' })])).toEqual({ inserted: [], updated: 1 });
    const stored = await executeRows<{ title: string; read_at: Date }>(database.db, sql`select title, read_at from stories where dedupe_key = 'late-read'`);
    expect(stored.map((row) => [row.title, new Date(row.read_at).getTime()])).toEqual([['Imported', late.getTime() + 1000]]);
  });

  test('two items of one document that are one stored story, one by its guid and one by its address, update it once', async () => {
    const url = 'https://news.example/2026/one-story-two-ways';
    await saveStories(database.db, [story('guid-way', { canonicalUrl: url, title: 'First' })]);
    // the guid's item lost its link (nothing to know it by but the guid); another item has the link
    const saved = await saveStories(database.db, [
      story('guid-way', { canonicalUrl: null, title: 'Second' }),
      story(`url:${url}`, { canonicalUrl: url, title: 'Third' }),
    ]);
    expect(saved).toEqual({ inserted: [], updated: 1 });
    const stored = await executeRows<{ title: string }>(database.db, sql`select title from stories where dedupe_key in ('guid-way', ${`url:${url}`})`);
    expect(stored).toEqual([{ title: 'Second' }]);
  });

  test('a document polled again yields only its new and changed items, by key or by article URL', async () => {
    const own = (await createFeed(database.db, { url: 'https://news.example/versions.xml' })).id;
    const item = (key: string, overrides: Partial<NewStory> = {}) => story(key, { feedId: own, ...overrides });
    const url = 'https://news.example/2026/versions';
    await saveStories(database.db, [item('v-1'), item('v-2', { canonicalUrl: url })]);
    // a batch without article URLs works; an item stored under another feed is new here
    expect(await newOrChangedStories(database.db, own, [item('v-1'), item('v-3')])).toMatchObject({ added: [{ dedupeKey: 'v-3' }], changed: [] });
    const fresh = await newOrChangedStories(database.db, own, [
      item('v-1', { summary: 'now with a summary' }),
      item('v-2-renamed', { canonicalUrl: url, url: 'https://news.example/v-2', title: 'Story v-2' }),
      // listed again under its old guid with a new date: the first listing counts
      item('v-2', { canonicalUrl: url, publishedAt: new Date('2026-11-01T11:00:00Z') }),
    ]);
    expect(fresh).toMatchObject({ added: [], changed: [{ dedupeKey: 'v-1' }] });
    expect(await newOrChangedStories(database.db, feedId, [item('v-1')])).toMatchObject({ added: [{ dedupeKey: 'v-1' }], changed: [] });
    // given the feed's last read, the stories stored after it are named: a poll's that did not finish
    const beforeStored = new Date(Date.now() - 60_000);
    expect((await newOrChangedStories(database.db, own, [item('v-1'), item('v-3')], beforeStored)).storedSince.map((s) => s.dedupeKey)).toEqual(['v-1']);
    expect((await newOrChangedStories(database.db, own, [item('v-1'), item('v-3')], new Date(Date.now() + 60_000))).storedSince).toEqual([]);
    // an item the feed gives no date is dated when it is seen: that date changes nothing, and a
    // copy changed otherwise keeps the date stored
    const stored = new Date('2026-11-01T10:00:00Z');
    await saveStories(database.db, [item('undated', { publishedAt: stored })]);
    const seenLater = { publishedAt: new Date('2026-11-02T10:00:00Z'), datedByFeed: false };
    expect(await newOrChangedStories(database.db, own, [{ ...item('undated'), ...seenLater }])).toEqual({ added: [], changed: [], elsewhere: [], storedSince: [] });
    const retitled = await newOrChangedStories(database.db, own, [{ ...item('undated', { title: 'Retitled' }), ...seenLater }]);
    expect(retitled.changed.map((s) => [s.title, s.publishedAt])).toEqual([['Retitled', stored]]);
    expect(await newOrChangedStories(database.db, own, [{ ...item('undated'), ...seenLater, datedByFeed: true }])).toMatchObject({ changed: [{ dedupeKey: 'undated' }] });
    // keys and addresses with the characters arrays quote are found as they are
    const odd = 'guid:{"a,b"}\\ \'c\' NULL';
    await saveStories(database.db, [item(odd, { canonicalUrl: 'https://news.example/a,b?x="{y}"' })]);
    expect(await newOrChangedStories(database.db, own, [item(odd, { canonicalUrl: 'https://news.example/a,b?x="{y}"' })])).toEqual({ added: [], changed: [], elsewhere: [], storedSince: [] });
  });

  test("a new item whose article another feed stored, or a deleted feed did, is set apart, not added", async () => {
    const first = (await createFeed(database.db, { url: 'https://news.example/world.xml' })).id;
    const second = (await createFeed(database.db, { url: 'https://news.example/technology.xml' })).id;
    const shared = 'https://news.example/2026/11/30/regulator-fines-platform';
    await saveStories(database.db, [story('world-1', { feedId: first, canonicalUrl: shared })]);
    const listed = [
      story('tech-1', { feedId: second, canonicalUrl: shared }),
      story('tech-2', { feedId: second, canonicalUrl: 'https://news.example/2026/11/30/chip-export-rules' }),
      story('tech-3', { feedId: second }),
    ];
    const found = await newOrChangedStories(database.db, second, listed);
    expect(found.added.map((s) => s.dedupeKey)).toEqual(['tech-2', 'tech-3']);
    expect(found.elsewhere.map((s) => s.dedupeKey)).toEqual(['tech-1']);
    expect(found.changed).toEqual([]);

    // the feed that stored it is deleted (its stories stay) and added again: nothing twice
    await deleteFeed(database.db, first);
    const again = (await createFeed(database.db, { url: 'https://news.example/world.xml' })).id;
    const relisted = await newOrChangedStories(database.db, again, [story('world-1', { feedId: again, canonicalUrl: shared })]);
    expect(relisted).toMatchObject({ added: [], elsewhere: [{ dedupeKey: 'world-1' }] });
  });

  test('two feeds storing one article at once store it once, whichever comes first', async () => {
    const world = (await createFeed(database.db, { url: 'https://paper.example/world.xml' })).id;
    const tech = (await createFeed(database.db, { url: 'https://paper.example/tech.xml' })).id;
    const article = (n: number) => `https://paper.example/2026/11/30/article-${n}`;
    const listing = (feed: string, n: number) => [
      story(`${feed}-${n}`, { feedId: feed, canonicalUrl: article(n) }),
      story(`${feed}-own-${n}`, { feedId: feed, canonicalUrl: `${article(n)}-${feed}` }),
    ];
    // both looked before either stored: each finds the shared article new
    const seen = [await newOrChangedStories(database.db, world, listing(world, 1)), await newOrChangedStories(database.db, tech, listing(tech, 1))];
    expect(seen.map((found) => found.added.length)).toEqual([2, 2]);
    const [first, second] = [await saveStories(database.db, seen[0]!.added), await saveStories(database.db, seen[1]!.added)];
    expect(first.inserted).toHaveLength(2);
    expect(second.inserted.map((row) => row.canonicalUrl)).toEqual([`${article(1)}-${tech}`]);
    // stored at the same moment, for many articles at once
    const batches = [world, tech].map((feed) => Array.from({ length: 20 }, (_, n) => listing(feed, n + 10)).flat());
    const saved = await Promise.all(batches.map((batch) => saveStories(database.db, batch)));
    expect(saved[0]!.inserted.length + saved[1]!.inserted.length).toBe(60);
    const copies = await executeRows<{ url: string; copies: number }>(
      database.db,
      sql`select canonical_url as url, count(*)::int as copies from stories where canonical_url like 'https://paper.example/%' group by 1`,
    );
    expect(copies).toHaveLength(21 + 21 * 2);
    expect(copies.filter((row) => row.copies !== 1)).toEqual([]);
    // two copies of one article, as stored before articles were kept once: each feed's copy is
    // still updated when its item changes
    await database.db.execute(sql`update stories set canonical_url = ${article(1)} where dedupe_key = ${`${tech}-own-1`}`);
    expect(await saveStories(database.db, [story(`${world}-1`, { feedId: world, canonicalUrl: article(1), title: 'Retitled' })])).toEqual({ inserted: [], updated: 1 });
  });

  test('a good fetch records the feed health; a title the user gave stays, a site once known stays', async () => {
    const named = (await createFeed(database.db, { url: 'https://news.example/named.xml', title: 'My name for it' })).id;
    const unnamed = (await createFeed(database.db, { url: 'https://news.example/unnamed.xml' })).id;
    const nextPollAt = new Date('2026-11-30T12:05:00.123Z');
    const fetch = { status: 200, latencyMs: 42, bytes: 1234, items: 7, etag: '"v1"', lastModified: null, pollIntervalSeconds: 300, nextPollAt };
    await recordFetchSuccess(database.db, named, { ...fetch, title: 'Publisher Title', siteUrl: 'https://news.example/' });
    await recordFetchSuccess(database.db, unnamed, { ...fetch, title: 'Publisher Title', siteUrl: 'https://news.example/' });
    await recordFetchSuccess(database.db, unnamed, { ...fetch, status: 203, title: null, siteUrl: null });
    expect(await getFeed(database.db, named)).toMatchObject({ title: 'My name for it', siteUrl: 'https://news.example/', lastStatus: 200 });
    const health = (await getFeed(database.db, unnamed))!;
    expect(health).toMatchObject({ title: 'Publisher Title', siteUrl: 'https://news.example/', lastStatus: 203, lastLatencyMs: 42, lastBytes: 1234, lastItems: 7, etag: '"v1"', lastModified: null, pollIntervalSeconds: 300, errorCount: 0, lastError: null });
    expect(health.nextPollAt).toEqual(nextPollAt);
    expect(health.lastSuccessAt).toEqual(health.lastFetchAt);
    expect(Date.now() - health.lastFetchAt!.getTime()).toBeLessThan(60_000);
  });

  test('a feed has unstreamed stories until they are marked streamed', async () => {
    const own = (await createFeed(database.db, { url: 'https://news.example/stream.xml' })).id;
    const saved = await saveStories(database.db, [story('s-1', { feedId: own }), story('s-2', { feedId: own })]);
    expect(await hasUnstreamedStories(database.db, own, 0)).toBe(true);
    // the poll that stored them knows of two: it looks for a third; one that knows of one finds another
    expect(await hasUnstreamedStories(database.db, own, 2)).toBe(false);
    expect(await hasUnstreamedStories(database.db, own, 1)).toBe(true);
    await markStoriesStreamed(database.db, [{ id: saved.inserted[0]!.id, newClusterId: 'event-1' }, { id: saved.inserted[1]!.id }]);
    expect(await hasUnstreamedStories(database.db, own, 0)).toBe(false);
    // a story streamed with a cluster it was stored without keeps that cluster
    expect((await getStoryDetail(database.db, saved.inserted[0]!.id))?.story.clusterId).toBe('event-1');
    expect((await getStoryDetail(database.db, saved.inserted[1]!.id))?.story.clusterId).toBeNull();
  });

  test('filters, facets, pagination and resume agree with the matcher', async () => {
    const marker = newStoryId();
    await saveStories(database.db, [
      story('fr', { countries: ['FR'], companies: ['meta'], topics: ['content-moderation'], relevant: true, title: 'Élysée presses Meta', publishedAt: new Date('2026-11-02T10:00:00Z') }),
      story('de', { countries: ['DE'], companies: ['google'], title: 'Berlin fines Google', publishedAt: new Date('2026-11-03T10:00:00Z') }),
      story('both', { countries: ['DE', 'FR'], companies: ['google', 'meta'], title: 'Paris and Berlin', publishedAt: new Date('2026-11-04T10:00:00Z') }),
    ]);
    const ids = async (f: Parameters<typeof filter>[0]) =>
      (await listStories(database.db, filter(f))).stories.map((s) => s.url.split('/').pop());
    expect(await ids({ countries: ['FR'] })).toEqual(['both', 'fr']);
    expect(await ids({ countries: ['FR', 'DE'], companies: ['google'] })).toEqual(['both', 'de']);
    expect(await ids({ relevantOnly: true })).toEqual(['fr']);
    expect(await ids({ q: 'berlin -paris' })).toEqual(['de']);
    expect(await ids({ q: 'elysee' })).toEqual(['fr']);

    const facets = await countFacets(database.db, filter({ countries: ['FR'] }));
    expect(facets.total).toBe(2);
    expect(facets.countries).toEqual([
      { id: 'DE', count: 2 },
      { id: 'FR', count: 2 },
    ]);
    expect(facets.companies).toEqual([
      { id: 'meta', count: 2 },
      { id: 'google', count: 1 },
    ]);

    const first = await listStories(database.db, filter({}), { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listStories(database.db, filter({}), { limit: 2, before: first.nextCursor! });
    const seen = [...first.stories, ...second.stories].map((s) => s.id);
    expect(new Set(seen).size).toBe(seen.length);

    const missed = await listStoriesAfter(database.db, marker, filter({ countries: ['FR'] }));
    expect(missed.map((s) => s.url.split('/').pop())).toEqual(['fr', 'both']);
  });

  test('story detail carries mentions and the cluster', async () => {
    const [row] = (await saveStories(database.db, [story('detail', { clusterId: 'c1', mentions: [{ kind: 'country', id: 'FR', field: 'title', start: 0, end: 6, text: 'France', rule: 'country-name' }] })])).inserted;
    await saveStories(database.db, [story('detail-2', { clusterId: 'c1' })]);
    const detail = await getStoryDetail(database.db, row!.id);
    expect(detail?.mentions[0]?.id).toBe('FR');
    expect(detail?.cluster).toHaveLength(2);
  });

  test('outlets per cluster: distinct feeds among every report of the event, whatever the filter', async () => {
    const other = (await createFeed(database.db, { url: 'https://other.example/feed.xml' })).id;
    await saveStories(database.db, [
      story('event-1', { clusterId: 'event', countries: ['FR'] }),
      // the same outlet filing the event twice (an update under a new link) is one outlet
      story('event-1-update', { clusterId: 'event', countries: ['FR'] }),
      story('event-2', { clusterId: 'event', feedId: other, countries: ['DE'] }),
      story('alone', { clusterId: 'alone' }),
    ]);
    expect(await countClusterOutlets(database.db, ['event', 'alone', 'event', 'nothing-stored'])).toEqual({ event: 2, alone: 1 });
    expect(await countClusterOutlets(database.db, [])).toEqual({});
  });

  test("a feed's count of stories and its newest and oldest move as its stories are stored, not as they are stored again", async () => {
    const counted = (await createFeed(database.db, { url: 'https://news.example/counted.xml' })).id;
    const listed = async () => (await listFeeds(database.db)).find((feed) => feed.id === counted)!;
    expect(await listed()).toMatchObject({ storyCount: 0, newestStoryAt: null, oldestStoryAt: null });
    const at = (day: number) => new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00Z`);
    const batch = [3, 1, 2].map((day) => story(`counted-${day}`, { feedId: counted, publishedAt: at(day) }));
    await saveStories(database.db, batch);
    expect(await listed()).toMatchObject({ storyCount: 3, newestStoryAt: at(3).toISOString(), oldestStoryAt: at(1).toISOString() });
    // the same stories again, one of them retitled: nothing more counted
    await saveStories(database.db, [...batch.slice(1), { ...batch[0]!, id: newStoryId(), title: 'Retitled' }]);
    await saveStories(database.db, [story('counted-9', { feedId: counted, publishedAt: at(9) })]);
    expect(await listed()).toMatchObject({ storyCount: 4, newestStoryAt: at(9).toISOString(), oldestStoryAt: at(1).toISOString() });

    // a database from before the counts: the migration that adds them counts what is stored
    await database.db.execute(sql`update feeds set story_count = 0, newest_story_at = null, oldest_story_at = null`);
    const migration = readFileSync(new URL('../migrations/0012_feed_story_counts.sql', import.meta.url), 'utf8');
    await database.db.execute(sql.raw(migration.split('--> statement-breakpoint').at(-1)!));
    expect(await listed()).toMatchObject({ storyCount: 4, newestStoryAt: at(9).toISOString(), oldestStoryAt: at(1).toISOString() });
  });

  test('stories stored before articles were keyed as https: without www. are keyed so by the migration (as the poller keys them now)', async () => {
    const keyed = (await createFeed(database.db, { url: 'https://paper.example/keyed.xml' })).id;
    // canonical addresses as stored before: scheme and www. as the feed wrote them
    const before: Record<string, string> = {
      'http://www.paper.example/2026/a': 'https://paper.example/2026/a',
      'https://www.paper.example/2026/b?id=3': 'https://paper.example/2026/b?id=3',
      'http://paper.example:8080/c': 'https://paper.example:8080/c',
      'https://paper.example/d': 'https://paper.example/d',
      'http://www.com/e': 'https://www.com/e',
      'https://www.gov.uk/f': 'https://gov.uk/f',
      'http://scripting.com/2017/06/26.html#a080605': 'https://scripting.com/2017/06/26.html#a080605',
      'http://wwwnews.example/g': 'https://wwwnews.example/g',
    };
    await saveStories(
      database.db,
      Object.keys(before).map((address, i) => story(`keyed-${i}`, { feedId: keyed, url: address, canonicalUrl: address })),
    );
    const migration = readFileSync(new URL('../migrations/0013_story_canonical_scheme.sql', import.meta.url), 'utf8');
    await database.db.execute(sql.raw(migration));
    const rows = await executeRows<{ url: string; canonical_url: string }>(database.db, sql`select url, canonical_url from stories where feed_id = ${keyed}`);
    expect(Object.fromEntries(rows.map((row) => [row.url, row.canonical_url]))).toEqual(before);
    // another feed's copy of the article, keyed the new way, is the story already stored
    const other = (await createFeed(database.db, { url: 'https://paper.example/other.xml' })).id;
    const saved = await saveStories(database.db, [story('other-a', { feedId: other, url: 'https://paper.example/2026/a', canonicalUrl: 'https://paper.example/2026/a' })]);
    expect(saved.inserted).toEqual([]);
  });

  test('deleting a feed keeps its stories and lists health', async () => {
    const list = await listFeeds(database.db);
    expect(list[0]?.storyCount).toBeGreaterThan(0);
    expect(await hasUnstreamedStories(database.db, feedId, 0)).toBe(true);
    expect(await deleteFeed(database.db, feedId)).toBe(true);
    expect((await listStories(database.db, filter({}))).stories.length).toBeGreaterThan(0);
    // nothing of the deleted feed waits to be streamed
    expect(await hasUnstreamedStories(database.db, feedId, 0)).toBe(false);
  });
});
