import { expect, test } from 'vitest';
import { finishFeed } from './adapted-feed.ts';
import { parseJsonFeed } from './json-feed.ts';
import { FeedParseError } from './parsed-feed.ts';

const read = (json: unknown, baseUrl?: string) => finishFeed(parseJsonFeed(typeof json === 'string' ? json : JSON.stringify(json), { baseUrl }));

test('JSON Feed 1.0', () => {
  const feed = read({
    version: 'https://jsonfeed.org/version/1',
    title: 'Policy &amp; Tech',
    home_page_url: 'https://example.org/',
    feed_url: 'https://example.org/feed.json',
    author: { name: 'Desk' },
    items: [
      { id: 42, url: '/posts/42', title: 'DSA fine', content_html: '<p>The <a href="/eu">EU</a> fined X.<script>x()</script></p>', date_published: '2024-01-02T03:04:05+01:00', tags: ['eu', 'x'] },
      { id: 'b', content_text: 'Plain <text>', date_modified: '2024-01-03T00:00:00Z' },
    ],
  });
  expect(feed).toMatchObject({ title: 'Policy & Tech', link: 'https://example.org/', author: 'Desk', updated: null });
  expect(feed.items[0]).toEqual({
    guid: '42',
    title: 'DSA fine',
    link: 'https://example.org/posts/42',
    published: '2024-01-02T02:04:05.000Z',
    updated: null,
    author: 'Desk',
    summary: 'The EU fined X.',
    contentHtml: '<p>The <a href="https://example.org/eu">EU</a> fined X.</p>',
    categories: ['eu', 'x'],
  });
  expect(feed.items[1]).toMatchObject({ guid: 'b', contentHtml: 'Plain &lt;text&gt;', summary: 'Plain <text>', updated: '2024-01-03T00:00:00.000Z' });
});

test('JSON Feed 1.1: authors, language, summary', () => {
  const feed = read({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Blog',
    language: 'de_DE',
    authors: [{ name: 'Frank' }],
    items: [{ id: 'p1', url: 'https://example.de/p1', summary: 'Kurz', content_html: '<p>Lang</p>', authors: [{ name: 'Ann' }] }],
  });
  expect(feed.language).toBe('de_DE');
  expect(feed.author).toBe('Frank');
  expect(feed.items[0]).toMatchObject({ author: 'Ann', summary: 'Kurz', contentHtml: '<p>Lang</p>' });
});

test('RSS in JSON', () => {
  const feed = read({ rss: { version: '2.0', channel: { title: 'Scripting', link: 'http://s/', item: [{ description: 'Hi <b>there</b>', guid: 'http://s/1', pubDate: 'Mon, 26 Jun 2017 12:20:05 GMT' }] } } });
  expect(feed.items[0]).toMatchObject({ link: 'http://s/1', summary: 'Hi there', published: '2017-06-26T12:20:05.000Z' });
});

test('a truncated JSON feed keeps its whole items', () => {
  const feed = read('{"version": "https://jsonfeed.org/version/1", "items": [{"id": "1", "title": "One"}, {"id": "2", "title": "Tw');
  expect(feed.items.map((item) => item.title)).toEqual(['One', 'Tw']);
});

test('JSON that is not a feed is refused', () => {
  expect(() => read({ hello: 'world' })).toThrow(FeedParseError);
  expect(() => read('[1, 2')).toThrow(FeedParseError);
  expect(() => read('{nope')).toThrow(/invalid JSON feed/);
});

test('control characters a JSON feed holds, escaped or raw, are dropped (PostgreSQL stores no U+0000)', () => {
  const escaped = read({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'a\u0000b', url: 'https://example.org/\u0001x', title: 'DSA\u0000 fine\uffff', content_text: 'Te\u001bxt' }] });
  expect(escaped.items[0]).toMatchObject({ guid: 'ab', link: 'https://example.org/x', title: 'DSA fine', summary: 'Text' });
  const raw = read('{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "On\u0000e\u0007", "content_html": "<p>x\u0000y</p>"}]}');
  expect(raw.items[0]).toMatchObject({ guid: '1', title: 'One', contentHtml: '<p>xy</p>' });
});

test('a lone surrogate a JSON feed escapes becomes U+FFFD; an escaped pair is the character it spells', () => {
  const feed = read('{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "x\\udc00", "title": "A \\ud800B \\ud83d\\ude00 \\ude00\\ud83d", "content_text": "\\udbff"}]}');
  expect(feed.items[0]).toMatchObject({ guid: 'x\uFFFD', title: 'A \uFFFDB \u{1F600} \uFFFD\uFFFD', summary: '\uFFFD' });
});

test('the WebSub hub a JSON Feed names in hubs, with its own address', () => {
  const feed = (hubs: unknown, feedUrl = '/feed.json') =>
    parseJsonFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', feed_url: feedUrl, hubs, items: [] }), {
      baseUrl: 'https://news.example/moved/feed.json',
    }).webSub;
  expect(feed([{ type: 'rssCloud', url: 'https://cloud.example/' }, { type: 'WebSub', url: 'https://hub.example/' }])).toEqual({
    hub: 'https://hub.example/',
    self: 'https://news.example/feed.json',
  });
  expect(feed([{ type: 'websub', url: '/hub' }], 'ftp://news.example/feed.json')).toEqual({ hub: 'https://news.example/hub', self: null });
  expect(feed([{ type: 'WebSub', url: 'javascript:alert(1)' }])).toBeNull();
  expect(feed('https://hub.example/')).toBeNull();
  expect(feed(undefined)).toBeNull();
});
