import { describe, expect, it } from 'vitest';
import type { ParsedFeed, ParsedItem } from '@radar/feeds';
import { languageIdentifier } from '@radar/detect';
import { itemsToRead, storyDraft, storyFromItem, withLanguageOf } from './story-from-item.ts';

const now = new Date('2026-11-30T12:00:00Z');
const source = { feedId: 'feed-1', feedTitle: 'Policy Wire', feedUrl: 'https://wire.example/feed.xml' };
const feed: ParsedFeed = { title: 'Policy Wire', link: 'https://wire.example/', description: null, language: 'en-GB', updated: null, author: null, items: [] };
const item = (fields: Partial<ParsedItem>): ParsedItem => ({
  guid: null,
  title: 'Ofcom fines TikTok over age checks',
  link: null,
  published: '2026-11-30T10:00:00Z',
  updated: null,
  author: null,
  summary: 'The UK regulator Ofcom fined TikTok.',
  contentHtml: null,
  categories: [],
  ...fields,
});

describe('storyFromItem', () => {
  it('links to the publisher’s original article and keys it by its canonical address', () => {
    const story = storyFromItem(
      item({ link: 'https://feeds.proxy.example/~r/wire/123', originalLink: 'https://WIRE.example/ofcom-tiktok/?utm_source=rss&id=7' }),
      feed,
      source,
      now,
    )!;
    expect(story.url).toBe('https://WIRE.example/ofcom-tiktok/?utm_source=rss&id=7');
    expect(story.canonicalUrl).toBe('https://wire.example/ofcom-tiktok?id=7');
    expect(story.lang).toBe('en');
    expect(story.countries).toEqual(['GB']);
    expect(story.companies).toEqual(['tiktok']);
  });

  it('falls back to a web guid, then the feed’s site, and keeps no canonical address without an article link', () => {
    const byGuid = storyFromItem(item({ link: 'javascript:alert(1)', guid: 'https://wire.example/p/9' }), feed, source, now)!;
    expect(byGuid.url).toBe('https://wire.example/p/9');
    expect(byGuid.canonicalUrl).toBeNull();
    expect(storyFromItem(item({ guid: 'urn:uuid:1' }), feed, source, now)!.url).toBe('https://wire.example/');
    expect(storyFromItem(item({}), { ...feed, link: null }, source, now)!.url).toBe(source.feedUrl);
  });

  it("credits an aggregator's item to its outlet and links straight to the article", () => {
    const listed = item({
      title: 'EU opens case against a platform - Reuters',
      link: 'https://news.google.com/rss/articles/CBMi1',
      originalLink: 'https://reuters.example/dsa-1',
      outlet: 'Reuters',
      summary: 'EU opens case against a platform  Reuters',
    });
    const story = storyDraft(listed, feed, source, now)!;
    expect(story).toMatchObject({ title: 'EU opens case against a platform', sourceTitle: 'Reuters', url: 'https://reuters.example/dsa-1', summary: '' });
    // Google News's summary is its list of other outlets' headlines ("… View full coverage on Google News")
    const coverage = { ...listed, summary: 'EU opens case Reuters EU probes platform Politico View full coverage on Google News' };
    expect(storyDraft(coverage, feed, source, now)!.summary).toBe('');
    expect(storyFromItem(coverage, feed, source, now)!.companies).toEqual([]);
    // an item whose link hides the article (Google News since 2024) still names its outlet
    const opaque = storyDraft({ ...listed, originalLink: undefined, link: 'https://news.google.com/rss/articles/CBMiqAFBVV95?oc=5' }, feed, source, now)!;
    expect(opaque).toMatchObject({ title: 'EU opens case against a platform', sourceTitle: 'Reuters', url: 'https://news.google.com/rss/articles/CBMiqAFBVV95?oc=5', summary: '' });
    // a summary with more to say stays; a title without the outlet stays whole
    const bing = storyDraft(item({ title: 'A - B', originalLink: 'https://paper.example/a', outlet: 'Daily Paper', summary: 'What happened.' }), feed, source, now)!;
    expect(bing).toMatchObject({ title: 'A - B', sourceTitle: 'Daily Paper', summary: 'What happened.' });
    // an item of the publisher's own feed is credited to the feed
    expect(storyDraft(item({}), feed, source, now)!.sourceTitle).toBe('Policy Wire');
  });

  it("reads a story's language from its words when its feed declares none", async () => {
    const identify = await languageIdentifier();
    const french = item({ title: 'La CNIL inflige une amende à un réseau social', summary: "Le régulateur reproche à la plateforme d'avoir conservé les données des utilisateurs." });
    const undeclared = storyDraft(french, { ...feed, language: null }, source, now)!;
    expect(undeclared).toMatchObject({ lang: null, feedLanguage: null });
    expect(withLanguageOf(undeclared, identify)).toMatchObject({ lang: 'fr', feedLanguage: 'fr' });
    // a feed's own declaration wins
    expect(withLanguageOf(storyDraft(french, feed, source, now)!, identify)).toMatchObject({ lang: 'en', feedLanguage: 'en-GB' });
    // too little to tell: left unknown
    expect(withLanguageOf(storyDraft(item({ title: '12:30', summary: '' }), { ...feed, language: null }, source, now)!, identify).lang).toBeNull();
  });

  it('dates a story from the future now, titles an untitled one from its summary, and drops an empty one', () => {
    const future = storyFromItem(item({ published: '2027-01-01T00:00:00Z', link: 'https://wire.example/a' }), feed, source, now)!;
    expect(future.publishedAt).toEqual(now);
    // the draft says when its date is only the time it was seen, so a stored copy keeps its own
    expect(storyDraft(item({ published: '2027-01-01T00:00:00Z' }), feed, source, now)!.datedByFeed).toBe(false);
    expect(storyDraft(item({ published: null, updated: null }), feed, source, now)!.datedByFeed).toBe(false);
    expect(storyDraft(item({ published: 'not a date' }), feed, source, now)!.datedByFeed).toBe(false);
    expect(storyDraft(item({ published: '2026-11-29T08:00:00Z' }), feed, source, now)!.datedByFeed).toBe(true);
    // the dates publishing systems write for none (the Unix epoch, .NET's year 1) are none
    for (const placeholder of ['1970-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z']) {
      expect(storyDraft(item({ published: placeholder, updated: null }), feed, source, now)).toMatchObject({ datedByFeed: false, publishedAt: now });
      expect(storyDraft(item({ published: placeholder, updated: '2026-11-28T08:00:00Z' }), feed, source, now)!.publishedAt).toEqual(new Date('2026-11-28T08:00:00Z'));
    }
    // an archive's old date is a date
    expect(storyDraft(item({ published: '1987-06-01T00:00:00Z' }), feed, source, now)!.publishedAt).toEqual(new Date('1987-06-01T00:00:00Z'));
    expect(future).not.toHaveProperty('datedByFeed');
    // undated items further down the document are dated a little earlier, keeping the feed's order
    expect(storyDraft(item({ published: null }), feed, source, now, { position: 2 })!.publishedAt).toEqual(new Date(now.getTime() - 2));
    expect(storyDraft(item({ published: '2026-11-29T08:00:00Z' }), feed, source, now, { position: 2 })!.publishedAt).toEqual(new Date('2026-11-29T08:00:00Z'));
    expect(storyFromItem(item({ title: '  ' }), feed, source, now)!.title).toBe('The UK regulator Ofcom fined TikTok.');
    expect(storyFromItem(item({ title: null, summary: null }), feed, source, now)).toBeNull();
  });
});

describe('storyDraft of an untitled post', () => {
  it('takes its words as its title, not twice', () => {
    const short = storyDraft(item({ title: null, summary: 'Good morning Internet guzzlers!', link: 'https://blog.example/1' }), feed, source, now)!;
    expect([short.title, short.summary]).toEqual(['Good morning Internet guzzlers!', '']);
    const same = storyDraft(item({ title: 'bash - Expansão de Parâmetros', summary: 'bash - Expansão de Parâmetros', link: 'https://blog.example/2' }), feed, source, now)!;
    expect(same.summary).toBe('');
  });
});

describe('itemsToRead', () => {
  const dated = (day: number) => item({ guid: `d${day}`, published: `2026-11-${String(day).padStart(2, '0')}T08:00:00Z` });

  it('reads every item of a document that lists no more than the limit, in its order', () => {
    const items = [dated(3), dated(1), dated(2)];
    expect(itemsToRead(items, now, 3).map(({ item: read, position }) => [read.guid, position])).toEqual([
      ['d3', 0],
      ['d1', 1],
      ['d2', 2],
    ]);
  });

  it('reads the newest of a longer one, whatever its order, keeping their places; undated items count as first seen now', () => {
    // oldest first, as some archives list, with an undated item and one dated in the future
    const items = [dated(1), dated(2), dated(3), item({ guid: 'undated', published: null }), dated(4), item({ guid: 'future', published: '2027-01-01T00:00:00Z' })];
    expect(itemsToRead(items, now, 3).map(({ item: read, position }) => [read.guid, position])).toEqual([
      ['undated', 3],
      ['d4', 4],
      ['future', 5],
    ]);
    expect(itemsToRead(items, now, 4).map(({ item: read }) => read.guid)).toEqual(['d3', 'undated', 'd4', 'future']);
  });
});

describe('storyDraft of an item made to flood', () => {
  it('keeps a headline, a name and a link to the lengths real ones have', () => {
    const words = 'Ofcom fines a platform over age checks '.repeat(20_000);
    const draft = storyDraft(
      item({ title: words, summary: null, author: 'A. Writer '.repeat(10_000), link: `https://wire.example/${'a'.repeat(10_000)}`, outlet: 'Outlet '.repeat(10_000) }),
      feed,
      source,
      now,
    )!;
    expect(draft.title.length).toBeLessThanOrEqual(300);
    expect(draft.title.startsWith('Ofcom fines a platform over age checks Ofcom')).toBe(true);
    // the text the headline held is the summary
    expect(draft.summary!.length).toBeLessThanOrEqual(1200);
    expect(draft.summary!.length).toBeGreaterThan(1000);
    expect(draft.author!.length).toBeLessThanOrEqual(200);
    expect(draft.sourceTitle!.length).toBeLessThanOrEqual(200);
    // a link no browser would take is no link: the feed's site stands in
    expect(draft.url).toBe('https://wire.example/');
    expect(draft.canonicalUrl).toBeNull();
  });
});
