import { test, expect } from 'vitest';
import { announcedFeeds } from './announced-feeds.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const page = (head: string, body = '<p>Hello</p>') =>
  bytes(`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Site</title>${head}</head><body>${body}</body></html>`);

test('a WordPress page: its feed first, the comments feed after it, the REST API and oEmbed links ignored', () => {
  const html = page(`
    <link rel="alternate" type="application/rss+xml" title="Digital Rights &raquo; Comments Feed" href="https://rights.example/comments/feed/">
    <link rel="alternate" type="application/json" title="JSON" href="https://rights.example/wp-json/wp/v2/pages/7">
    <link rel="alternate" type="application/json+oembed" href="https://rights.example/wp-json/oembed/1.0/embed?url=x">
    <link rel="alternate" type="application/rss+xml" title="Digital Rights &raquo; Feed" href="https://rights.example/feed/">
    <link rel="alternate" hreflang="fr" href="https://rights.example/fr/">`);
  expect(announcedFeeds(html, 'text/html; charset=utf-8', 'https://rights.example/')).toEqual([
    { url: 'https://rights.example/feed/', title: 'Digital Rights » Feed', type: 'application/rss+xml' },
    { url: 'https://rights.example/comments/feed/', title: 'Digital Rights » Comments Feed', type: 'application/rss+xml' },
  ]);
});

test('relative addresses resolve against the page, or its <base>; entities in them are decoded', () => {
  const plain = page(`<LINK REL="Alternate" TYPE="application/atom+xml" HREF="../news/atom.xml?lang=en&amp;x=1">`);
  expect(announcedFeeds(plain, null, 'https://gov.example/press/index.html')?.map((feed) => feed.url)).toEqual([
    'https://gov.example/news/atom.xml?lang=en&x=1',
  ]);
  const based = page(`<base href="https://cdn.gov.example/en/"><link rel="alternate" type="application/feed+json" href="feed.json">`);
  expect(announcedFeeds(based, null, 'https://gov.example/')?.map((feed) => feed.url)).toEqual(['https://cdn.gov.example/en/feed.json']);
});

test('only http(s) addresses, each once; a type with parameters still counts', () => {
  const html = page(`
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
    <link rel="alternate feed" type="application/atom+xml; charset=utf-8" href="/atom">
    <link rel="alternate" type="application/atom+xml" href="https://news.example/atom">`);
  expect(announcedFeeds(html, 'text/html', 'https://news.example/')).toEqual([
    { url: 'https://news.example/atom', title: null, type: 'application/atom+xml' },
  ]);
});

test('control characters in a title are dropped (PostgreSQL stores no U+0000)', () => {
  const html = page('<link rel="alternate" type="application/rss+xml" title="\u0000Ministry\u0000 news\u0007" href="/feed">');
  expect(announcedFeeds(html, 'text/html', 'https://ministry.example/')).toEqual([
    { url: 'https://ministry.example/feed', title: 'Ministry news', type: 'application/rss+xml' },
  ]);
});

test('a page that announces no feed gives an empty list; a feed or other document is not a page', () => {
  expect(announcedFeeds(page('<link rel="stylesheet" href="/site.css">'), 'text/html', 'https://a.example/')).toEqual([]);
  expect(announcedFeeds(bytes('<?xml version="1.0"?><rss version="2.0"><channel/></rss>'), 'application/rss+xml', 'https://a.example/')).toBeNull();
  expect(announcedFeeds(bytes('{"version":"https://jsonfeed.org/version/1.1"}'), 'application/json', 'https://a.example/')).toBeNull();
});

test('a feed that moved and left a page behind: the address its refresh sends readers to comes after any feed it announces', () => {
  const moved = (content: string) => announcedFeeds(page(`<meta http-equiv="Refresh" content="${content}">`), 'text/html', 'https://blog.example/feed/');
  expect(moved('0; URL=https://www.blog.example/feed/')).toEqual([{ url: 'https://www.blog.example/feed/', title: null, type: '' }]);
  expect(moved("5;url='/blog/feed/'")?.map((feed) => feed.url)).toEqual(['https://blog.example/blog/feed/']);
  expect(moved('0;/atom.xml')?.map((feed) => feed.url)).toEqual(['https://blog.example/atom.xml']);
  // a page that refreshes itself, or somewhere no feed could be, names nothing
  expect(moved('30')).toEqual([]);
  expect(moved('0; url=javascript:alert(1)')).toEqual([]);
  // announced feeds first; only the first refresh counts, as in browsers
  const both = page(
    '<meta http-equiv="refresh" content="0; url=/new-home/"><meta http-equiv="refresh" content="0; url=/other/"><link rel="alternate" type="application/rss+xml" href="/rss">',
  );
  expect(announcedFeeds(both, 'text/html', 'https://blog.example/')?.map((feed) => feed.url)).toEqual(['https://blog.example/rss', 'https://blog.example/new-home/']);
});

test('a page served without a type is recognised by its markup, a Windows-1252 title read as such', () => {
  const html = new Uint8Array([
    ...bytes('<html><head><link rel="alternate" type="application/rss+xml" title="Caf'),
    0xe9,
    ...bytes('" href="/rss"></head></html>'),
  ]);
  expect(announcedFeeds(html, null, 'http://cafe.example/')).toEqual([{ url: 'http://cafe.example/rss', title: 'Café', type: 'application/rss+xml' }]);
});

test('a page announcing thousands of feeds yields the first 20, with titles of reasonable length', () => {
  const links = Array.from({ length: 5000 }, (_, i) => `<link rel="alternate" type="application/rss+xml" title="${'T'.repeat(1000)}" href="/feed/${i}">`).join('');
  const found = announcedFeeds(page(links), 'text/html', 'https://many.example/')!;
  expect(found.map((feed) => feed.url)).toEqual(Array.from({ length: 20 }, (_, i) => `https://many.example/feed/${i}`));
  expect(found.every((feed) => feed.title!.length === 200)).toBe(true);
});

test('a page made to cost (300,000 unclosed elements, links inside comments and scripts) is read in one pass', () => {
  const page = `<!DOCTYPE html><html><head><!-- <link rel="alternate" type="application/rss+xml" href="/commented.xml"> -->
    <script>document.write('<link rel="alternate" type="application/rss+xml" href="/scripted.xml">')</script>
    <link rel="alternate" type="application/rss+xml" title="News &amp; views" href="/feed.xml">${'<b>'.repeat(300_000)}`;
  expect(announcedFeeds(Buffer.from(page), 'text/html', 'https://site.example/')).toEqual([
    { url: 'https://site.example/feed.xml', title: 'News & views', type: 'application/rss+xml' },
  ]);
  // an HTML parser took 15 s on it (keeping every open element); a tenth of a second is plenty
}, 5_000);
