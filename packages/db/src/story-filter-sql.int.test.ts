import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inArray } from 'drizzle-orm';
import { StoryFilterSchema, matchesFilter, parseQuery, type Story } from '@radar/core';
import type { Database } from './database.ts';
import { countFacets } from './facets.ts';
import { createFeed } from './feed-queries.ts';
import { newStoryId } from './ids.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import { stories } from './schema/index.ts';
import { queryCondition } from './story-filter-sql.ts';
import { listStories, saveStories, toStory, type NewStory } from './story-queries.ts';
import { editStoryTags } from './story-tag-edits.ts';

const SAMPLES: Partial<NewStory>[] = [
  { title: 'Ofcom opens age-verification probe', summary: "Instagram's teen accounts are next.", countries: ['GB'], companies: ['meta'], topics: ['child-safety'], lang: 'en-GB', sourceTitle: 'Süddeutsche Zeitung', url: 'https://www.sueddeutsche.de/a', sourceFolder: 'Régulateurs (EU)', relevant: true },
  { title: "L'Élysée veut une vérification de l'âge", summary: 'Arcom et TikTok.', countries: ['FR'], companies: ['tiktok'], topics: ['child-safety'], lang: 'fr', sourceTitle: 'Le Monde', url: 'https://www.lemonde.fr/b', sourceFolder: 'Press' },
  { title: 'Meta quarterly earnings beat forecasts', summary: 'Shares rose.', companies: ['meta'], lang: 'en', sourceTitle: 'Reuters', url: 'https://www.reuters.com/c' },
  { title: 'EU Commission fines Meta under the DMA', summary: 'Brussels acts on pay-or-consent.', countries: ['EU'], companies: ['meta'], topics: ['competition-antitrust'], lang: null, sourceTitle: 'Reuters', url: 'https://www.reuters.com/d', relevant: true },
  { title: 'Путин подписал закон о VPN', summary: 'Роскомнадзор блокирует.', countries: ['RU'], topics: ['censorship-shutdowns'], lang: 'ru', sourceTitle: 'Медуза', url: 'https://meduza.io/e', sourceFolder: 'Независимые СМИ', relevant: true },
  { title: 'Australia passes under-16 social media ban', summary: 'Age verification trials follow.', countries: ['AU'], topics: ['child-safety'], lang: 'en-AU', sourceTitle: 'ABC News', url: 'https://www.abc.net.au/f' },
];

const QUERIES = [
  '"age verification" country:GB OR country:AU',
  'company:meta country:EU -earnings',
  'company:meta -earnings',
  'elysee OR ofcom',
  '"verification de l age"',
  'путин',
  'роскомнадзор -ofcom',
  'vpn -роскомнадзор OR путин',
  'lang:en',
  '-lang:en',
  'lang:en-gb',
  'source:reuters',
  'source:suddeutsche',
  'source:lemonde.fr',
  'NOT (topic:child-safety OR company:meta)',
  '(age OR dma) -(australia OR ofcom)',
  'pay-or-consent',
  'age-verification',
  'under 16',
  'folder:press',
  'folder:"regulateurs eu"',
  'folder:"Régulateurs (EU)" OR folder:PRESS',
  '-folder:press company:meta',
  'folder:"независимые сми"',
  'is:policy',
  'company:meta is:policy',
  '-is:policy company:meta',
  'is:relevant OR country:AU',
  'is:corrected',
  '-is:corrected company:meta',
  'is:edited OR country:AU',
];

describe.each<DatabaseKind>(['pglite', 'postgres'])('queries in SQL agree with the matcher (%s)', (kind) => {
  let database: Database;
  let all: Story[];

  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    const feed = await createFeed(database.db, { url: 'https://news.example/feed.xml' });
    const rows = SAMPLES.map((sample, i) => ({
      id: newStoryId(),
      feedId: feed.id,
      dedupeKey: `s${i}`,
      url: `https://news.example/${i}`,
      title: '',
      sourceTitle: '',
      publishedAt: new Date(Date.UTC(2026, 10, 1, i)),
      ...sample,
    })) as NewStory[];
    await saveStories(database.db, rows);
    // an editor corrected one story's tags
    await editStoryTags(database.db, rows[2]!.id, { topics: ['competition-antitrust'] });
    all = (await database.db.select().from(stories)).map(toStory);
  });
  afterAll(() => database?.close());

  test.each(QUERIES)('%s', async (query) => {
    const tree = parseQuery(query);
    const inSql = (await database.db.select({ id: stories.id }).from(stories).where(queryCondition(tree))).map((r) => r.id).sort();
    const inJs = all.filter((story) => matchesFilter(story, StoryFilterSchema.parse({ q: query }))).map((s) => s.id).sort();
    expect(inSql).toEqual(inJs);
    expect(inJs.length, 'a query that matches nothing tests little').toBeGreaterThan(0);
  });

  test('the stories list and the facet counts filter by folder, as the matcher does', async () => {
    const filter = StoryFilterSchema.parse({ folders: ['press', 'régulateurs eu'] });
    const page = await listStories(database.db, filter);
    const inJs = all.filter((story) => matchesFilter(story, filter)).map((s) => s.id);
    expect(page.stories.map((s) => s.id).sort()).toEqual(inJs.sort());
    expect(inJs).toHaveLength(2);
    // each folder counted under the filter without its folders, so another folder shows what it would add
    const facets = await countFacets(database.db, filter);
    expect(facets.total).toBe(2);
    expect([...facets.folders].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'Press', count: 1 },
      { id: 'Régulateurs (EU)', count: 1 },
      { id: 'Независимые СМИ', count: 1 },
    ]);
    expect(facets.countries.map((c) => c.id).sort()).toEqual(['FR', 'GB']);
  });

  test('folders whose names differ only in case, accents or punctuation are counted as one, under the commoner spelling', async () => {
    const feed = await createFeed(database.db, { url: 'https://press.example/feed.xml' });
    await saveStories(database.db, [
      { id: newStoryId(), feedId: feed.id, dedupeKey: 'p1', url: 'https://press.example/1', title: 'One', sourceTitle: 'Press one', publishedAt: new Date(), sourceFolder: 'PRESS' },
      { id: newStoryId(), feedId: feed.id, dedupeKey: 'p2', url: 'https://press.example/2', title: 'Two', sourceTitle: 'Press one', publishedAt: new Date(), sourceFolder: 'press ' },
    ]);
    const facets = await countFacets(database.db, StoryFilterSchema.parse({}));
    const pressLike = facets.folders.filter((folder) => folder.id.trim().toLowerCase() === 'press');
    expect(pressLike).toHaveLength(1);
    expect(pressLike[0]!.count).toBe(3);
    expect((await listStories(database.db, StoryFilterSchema.parse({ folders: [pressLike[0]!.id] }))).stories).toHaveLength(3);
    await database.db.delete(stories).where(inArray(stories.feedId, [feed.id]));
  });

  test('the stories list filters by feed', async () => {
    const other = await createFeed(database.db, { url: 'https://other.example/feed.xml' });
    const id = newStoryId();
    await saveStories(database.db, [{ id, feedId: other.id, dedupeKey: 'other', url: 'https://other.example/1', title: 'Other feed story', sourceTitle: 'Other', publishedAt: new Date() }]);
    const page = await listStories(database.db, StoryFilterSchema.parse({ feeds: [other.id] }));
    expect(page.stories.map((s) => s.id)).toEqual([id]);
    expect((await listStories(database.db, StoryFilterSchema.parse({ feeds: [other.id], q: 'nothing' }))).stories).toEqual([]);
  });

  test('the stories list and the counts keep to the stories named by id, as the matcher does', async () => {
    const wanted = ['Ofcom', 'Путин'].map((start) => all.find((story) => story.title.startsWith(start))!.id);
    const filter = StoryFilterSchema.parse({ ids: wanted, countries: ['GB', 'RU', 'FR'] });
    const page = await listStories(database.db, filter);
    expect(page.stories.map((s) => s.id).sort()).toEqual(all.filter((story) => matchesFilter(story, filter)).map((s) => s.id).sort());
    expect(page.stories).toHaveLength(2);
    expect((await countFacets(database.db, filter)).total).toBe(2);
    expect((await listStories(database.db, StoryFilterSchema.parse({ ids: ['00000000-0000-0000-0000-000000000000'] }))).stories).toEqual([]);
  });

  test('the stories list filters by q in the full syntax', async () => {
    const page = await listStories(database.db, StoryFilterSchema.parse({ q: 'company:meta -earnings', countries: ['EU'] }));
    expect(page.stories.map((s) => s.title)).toEqual(['EU Commission fines Meta under the DMA']);
  });
});
