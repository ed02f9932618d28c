import { expect, test } from 'vitest';
import { parseFeed } from './parse-feed.ts';
import { FeedParseError } from './parsed-feed.ts';

const newsSitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://ministry.example/press/2026/11/30/platform-code</loc>
    <lastmod>2026-11-30T10:15:00+01:00</lastmod>
    <news:news>
      <news:publication><news:name>Ministère du Numérique</news:name><news:language>fr</news:language></news:publication>
      <news:publication_date>2026-11-30T09:00:00+01:00</news:publication_date>
      <news:title><!-- headline -->Le ministère publie un code de conduite pour les plateformes &amp; les messageries</news:title>
      <news:keywords>plateformes, DSA , messageries</news:keywords>
    </news:news>
  </url>
  <url>
    <loc>/press/2026/11/29/age-checks</loc>
    <n:news>
      <n:publication><n:name>Ministère du Numérique</n:name><n:language>fr</n:language></n:publication>
      <n:publication_date>2026-11-29</n:publication_date>
      <n:title><![CDATA[Vérification de l'âge : <b>consultation</b> ouverte]]></n:title>
    </n:news>
  </url>
  <url><loc>https://ministry.example/press/</loc><lastmod>2026-11-30</lastmod></url>
</urlset>`;

test("a Google News sitemap's entries are stories: title, address, publication date, keywords; the publication names the feed", async () => {
  const feed = await parseFeed(newsSitemap, { baseUrl: 'https://ministry.example/news-sitemap.xml' });
  expect(feed).toMatchObject({ title: 'Ministère du Numérique', language: 'fr', link: 'https://ministry.example/' });
  expect(feed.items.map((item) => [item.title, item.link, item.published, item.categories])).toEqual([
    [
      'Le ministère publie un code de conduite pour les plateformes & les messageries',
      'https://ministry.example/press/2026/11/30/platform-code',
      '2026-11-30T08:00:00.000Z',
      ['plateformes', 'DSA', 'messageries'],
    ],
    // another prefix for the news namespace, a relative address, a date alone, markup in the title
    ["Vérification de l'âge : consultation ouverte", 'https://ministry.example/press/2026/11/29/age-checks', '2026-11-29T00:00:00.000Z', []],
  ]);
  expect(feed.items[0]!.updated).toBe('2026-11-30T09:15:00.000Z');
});

test('a sitemap of pages without news entries, or an index of sitemaps, is no feed, and says which address to give instead', async () => {
  const pages = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://ngo.example/</loc></url><url><loc>https://ngo.example/about</loc></url></urlset>`;
  await expect(parseFeed(pages)).rejects.toThrow(new FeedParseError('not a feed: a sitemap of 2 pages without news entries (only a Google News sitemap, with <news:news>, names its stories)'));
  await expect(parseFeed(pages.replace('<url><loc>https://ngo.example/about</loc></url>', ''))).rejects.toThrow('not a feed: a sitemap of 1 page without news entries');
  // 300,000 unclosed elements are refused before they are read
  await expect(parseFeed(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${'<url>'.repeat(300_000)}`)).rejects.toThrow('elements nested more than 1000 deep');
  const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://paper.example/sitemap-pages.xml</loc></sitemap>
    <sitemap><loc>https://paper.example/sitemap-news.xml</loc></sitemap></sitemapindex>`;
  await expect(parseFeed(index)).rejects.toThrow('not a feed: a sitemap index, which lists sitemaps: add its news sitemap instead (such as https://paper.example/sitemap-news.xml)');
  // an empty news sitemap (nothing published in the last two days) is a feed with no story yet
  const quiet = await parseFeed(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>`);
  expect(quiet.items).toEqual([]);
});
