import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EMPTY_FILTER, type Mention } from '@radar/core';
import type { Database } from './database.ts';
import { createFeed } from './feed-queries.ts';
import { newStoryId } from './ids.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import { countFacets } from './facets.ts';
import { getStoryDetail, listStories, saveStories, type NewStory } from './story-queries.ts';
import { editStoryTags, pinStory, restoreDetectedTags } from './story-tag-edits.ts';

const mention = (kind: Mention['kind'], id: string, text: string, start: number): Mention => ({
  kind,
  id,
  field: 'title',
  start,
  end: start + text.length,
  text,
  rule: 'test',
});

describe.each<DatabaseKind>(['postgres', 'pglite'])("an editor's tags (%s)", (kind) => {
  let database: Database;
  let feedId: string;
  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    feedId = (await createFeed(database.db, { url: 'https://wire.example/feed.xml' })).id;
  });
  afterAll(() => database?.close());

  const title = 'Brazil court orders X blocked';
  const detected = (id: string, extra: Partial<NewStory> = {}): NewStory => ({
    id,
    feedId,
    dedupeKey: `item-${id}`,
    url: `https://news.example/${id}`,
    title,
    publishedAt: new Date('2026-11-30T10:00:00Z'),
    countries: ['BR'],
    companies: ['x'],
    topics: ['censorship-shutdowns'],
    relevant: false,
    mentions: [mention('country', 'BR', 'Brazil', 0), mention('company', 'x', 'X', 20)],
    ...extra,
  });

  test('replace what the edit names, drop the reasons for tags taken away, and say what the tags were', async () => {
    const id = newStoryId();
    await saveStories(database.db, [detected(id)]);
    const now = new Date('2026-12-01T08:00:00Z');
    const edit = await editStoryTags(database.db, id, { companies: [], topics: ['content-moderation', 'censorship-shutdowns'], relevant: true }, now);
    expect(edit?.before).toEqual({ countries: ['BR'], companies: ['x'], topics: ['censorship-shutdowns'], relevant: false, tagsEditedAt: null, pinnedAt: null });
    expect(edit?.story).toMatchObject({
      id,
      countries: ['BR'],
      companies: [],
      topics: ['content-moderation', 'censorship-shutdowns'],
      relevant: true,
      tagsEditedAt: now.toISOString(),
    });
    const detail = await getStoryDetail(database.db, id);
    expect(detail?.story).toMatchObject({ companies: [], relevant: true, tagsEditedAt: now.toISOString() });
    expect(detail?.mentions.map((m) => m.id)).toEqual(['BR']);
    expect(await editStoryTags(database.db, newStoryId(), { relevant: true })).toBeNull();
  });

  test("a story its feed republishes with a corrected title keeps the editor's tags; an unedited one takes the detector's", async () => {
    const [edited, untouched] = [newStoryId(), newStoryId()];
    await saveStories(database.db, [detected(edited), detected(untouched)]);
    await editStoryTags(database.db, edited, { countries: ['BR', 'US'], companies: [] });
    const corrected = 'Brazil court orders X blocked nationwide';
    const redetected = { title: corrected, countries: ['BR', 'PT'], companies: ['x', 'meta'], topics: ['content-moderation'], relevant: true };
    const again = [
      { ...detected(edited, redetected), id: newStoryId() },
      { ...detected(untouched, redetected), id: newStoryId() },
    ];
    again[0]!.mentions = [mention('country', 'BR', 'Brazil', 0), mention('country', 'PT', 'Brazil', 0), mention('company', 'x', 'X', 20)];
    expect((await saveStories(database.db, again)).updated).toBe(2);

    const kept = await getStoryDetail(database.db, edited);
    expect(kept?.story).toMatchObject({ title: corrected, countries: ['BR', 'US'], companies: [], topics: ['censorship-shutdowns'], relevant: false });
    expect(kept?.mentions.map((m) => `${m.kind}:${m.id}`)).toEqual(['country:BR']);
    const redone = await getStoryDetail(database.db, untouched);
    expect(redone?.story).toMatchObject({ title: corrected, countries: ['BR', 'PT'], companies: ['x', 'meta'], relevant: true });
    expect(redone?.story.tagsEditedAt).toBeUndefined();

    // undone: the detector's reading of the stored text, and the feed's next version is read again
    const read: { title: string; publisher: string }[] = [];
    const restored = await restoreDetectedTags(database.db, edited, (story) => {
      read.push({ title: story.title, publisher: story.publisher });
      return { countries: ['BR'], companies: ['x'], topics: ['content-moderation'], relevant: true, score: 0.9, mentions: [mention('company', 'x', 'X', 20)] };
    });
    expect(read).toEqual([{ title: corrected, publisher: '' }]);
    expect(restored?.before).toMatchObject({ countries: ['BR', 'US'], companies: [] });
    expect(restored?.story).toMatchObject({ countries: ['BR'], companies: ['x'], relevant: true, score: 0.9 });
    expect(restored?.story.tagsEditedAt).toBeUndefined();
    expect((await getStoryDetail(database.db, edited))?.mentions.map((m) => m.id)).toEqual(['x']);
    expect(await restoreDetectedTags(database.db, newStoryId(), () => ({ countries: [], companies: [], topics: [], relevant: false, score: 0, mentions: [] }))).toBeNull();
    await editStoryTags(database.db, edited, { countries: ['BR', 'US'], companies: [] });

    // the counts follow the editor
    const facets = await countFacets(database.db, { ...EMPTY_FILTER, q: 'nationwide' });
    expect(facets.countries).toEqual(
      expect.arrayContaining([
        { id: 'US', count: 1 },
        { id: 'PT', count: 1 },
        { id: 'BR', count: 2 },
      ]),
    );
  });

  test('the team pins a story: is:pinned lists it, a second pin keeps the first time, its feed republishing it keeps it pinned', async () => {
    const [picked, other] = [newStoryId(), newStoryId()];
    await saveStories(database.db, [detected(picked, { title: 'Pinned pick' }), detected(other, { title: 'Pinned not' })]);
    const first = new Date('2026-12-01T09:00:00Z');
    const pin = await pinStory(database.db, picked, true, first);
    expect(pin?.before.pinnedAt).toBeNull();
    expect(pin?.story.pinnedAt).toBe(first.toISOString());
    const again = await pinStory(database.db, picked, true, new Date('2026-12-01T10:00:00Z'));
    expect(again?.before.pinnedAt).toBe(first.toISOString());
    expect(again?.story.pinnedAt).toBe(first.toISOString());

    const pinnedIds = async () => (await listStories(database.db, { ...EMPTY_FILTER, q: 'pinned is:pinned' })).stories.map((story) => story.id);
    expect(await pinnedIds()).toEqual([picked]);
    expect((await listStories(database.db, { ...EMPTY_FILTER, q: 'pinned -is:pinned' })).stories.map((story) => story.id)).toEqual([other]);

    await saveStories(database.db, [{ ...detected(picked, { title: 'Pinned pick, updated' }), id: newStoryId() }]);
    expect((await getStoryDetail(database.db, picked))?.story).toMatchObject({ title: 'Pinned pick, updated', pinnedAt: first.toISOString() });

    const unpinned = await pinStory(database.db, picked, false);
    expect(unpinned?.before.pinnedAt).toBe(first.toISOString());
    expect(unpinned?.story.pinnedAt).toBeUndefined();
    expect(await pinnedIds()).toEqual([]);
    expect(await pinStory(database.db, newStoryId(), true)).toBeNull();
  });
});
