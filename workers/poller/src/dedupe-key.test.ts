import { expect, test } from 'vitest';
import type { ParsedItem } from '@radar/feeds';
import { canonicalUrl, dedupeKey, indexableUrl, MOST_INDEXED_BYTES, withDistinctKeys } from './dedupe-key.ts';

const item = (fields: Partial<ParsedItem>): ParsedItem => ({
  guid: null,
  title: null,
  link: null,
  published: null,
  updated: null,
  author: null,
  summary: null,
  contentHtml: null,
  categories: [],
  ...fields,
});

test('tracking parameters, fragments, trailing slashes and host case do not make a new story', () => {
  expect(canonicalUrl('https://News.Example.com/a/b/?utm_source=x&id=3&fbclid=y#top')).toBe(
    'https://news.example.com/a/b?id=3',
  );
  expect(canonicalUrl('javascript:alert(1)')).toBeNull();
});

test('a link escaped twice (&amp;amp;) and a host written fully qualified are the same article', () => {
  expect(canonicalUrl('https://agency.example/news?id=5&amp;utm_source=rss&amp;amp;utm_medium=feed')).toBe('https://agency.example/news?id=5');
  expect(canonicalUrl('https://agency.example/news?id=5&amp;page=2')).toBe(canonicalUrl('https://agency.example/news?page=2&id=5'));
  expect(canonicalUrl('https://agency.example./news/a')).toBe('https://agency.example/news/a');
});

test("http and https, with or without www., are one article; other hosts and ports are not", () => {
  const key = canonicalUrl('https://paper.example/2026/11/30/fine');
  for (const twin of ['http://paper.example/2026/11/30/fine', 'http://www.paper.example/2026/11/30/fine/', 'https://WWW.Paper.example/2026/11/30/fine']) {
    expect(canonicalUrl(twin), twin).toBe(key);
  }
  expect(canonicalUrl('https://news.paper.example/2026/11/30/fine')).not.toBe(key);
  expect(canonicalUrl('http://paper.example:8080/2026/11/30/fine')).not.toBe(key);
  // as the migration keyed the stories stored before (story-queries.int.test.ts)
  expect(canonicalUrl('http://www.com/a')).toBe('https://www.com/a');
  expect(canonicalUrl('https://www.gov.uk/f')).toBe('https://gov.uk/f');
  expect(canonicalUrl('http://wwwnews.example/g')).toBe('https://wwwnews.example/g');
});

test("a session a site puts in every link it lists is not part of the article's address", () => {
  const key = canonicalUrl('https://www.ministry.example/news/item.jsp?id=123');
  for (const variant of [
    'https://www.ministry.example/news/item.jsp;jsessionid=8F3A2C9D41B7E0F5A6C3D2E1F0A9B8C7?id=123',
    'https://www.ministry.example/news/item.jsp;jsessionid=0000AAAA.node2?id=123',
    'https://www.ministry.example/news/item.jsp?id=123&PHPSESSID=abc123',
    'https://www.ministry.example/news/item.jsp?CFID=9&CFTOKEN=77&id=123',
  ]) {
    expect(canonicalUrl(variant), variant).toBe(key);
  }
  // other path parameters and query parameters are the article's own
  expect(canonicalUrl('https://www.ministry.example/news/item.jsp;version=2?id=123')).not.toBe(key);
  expect(canonicalUrl('https://www.ministry.example/news/item.jsp?id=124')).not.toBe(key);
});

test('a fragment that names a post of its own on a page is kept; tracking and page sections are not', () => {
  expect(canonicalUrl('http://scripting.com/2017/06/26.html#a080605')).toBe('https://scripting.com/2017/06/26.html#a080605');
  expect(canonicalUrl('http://scripting.com/2017/06/26.html#a030658')).not.toBe(canonicalUrl('http://scripting.com/2017/06/26.html#a080605'));
  for (const fragment of ['xtor=RSS-3', 'ref=rss', 'utm_source=feed&utm_medium=rss', 'comments', 'respond', 'more-1234', 'Top', '']) {
    expect(canonicalUrl(`https://news.example/2024/story#${fragment}`), fragment).toBe('https://news.example/2024/story');
  }
});

test('the dedupe key prefers the guid, then the canonical link, then a content hash', () => {
  expect(dedupeKey(item({ guid: ' 123 ', link: 'https://a.example/x' }))).toBe('guid:123');
  expect(dedupeKey(item({ link: 'https://a.example/x/?utm_medium=rss' }))).toBe('url:https://a.example/x');
  expect(dedupeKey(item({ link: 'https://feeds.proxy.example/~r/abc', originalLink: 'https://a.example/x' }))).toBe('url:https://a.example/x');
  const hashed = dedupeKey(item({ title: 'Only a title' }));
  expect(hashed).toMatch(/^hash:[0-9a-f]{32}$/);
  expect(dedupeKey(item({ title: 'Only a title' }))).toBe(hashed);
  expect(dedupeKey(item({ title: 'Another title' }))).not.toBe(hashed);
});

test("a guid that is the site's home page names no article: the item is keyed by its link, read alone or with others", () => {
  for (const guid of ['https://agency.example/', 'https://agency.example', 'HTTP://Agency.example:8080/']) {
    expect(dedupeKey(item({ guid, link: 'https://agency.example/press/fine-a' }))).toBe('url:https://agency.example/press/fine-a');
  }
  // a page of the site, a query or a fragment name an article
  expect(dedupeKey(item({ guid: 'https://agency.example/?p=12', link: 'https://agency.example/press/x' }))).toBe('guid:https://agency.example/?p=12');
  expect(dedupeKey(item({ guid: 'https://agency.example/#12', link: 'https://agency.example/press/x' }))).toBe('guid:https://agency.example/#12');
  expect(dedupeKey(item({ guid: 'https://agency.example/press/x', link: 'https://agency.example/press/x' }))).toBe('guid:https://agency.example/press/x');
});

test('a guid or link too long to index is keyed by its hash; any shorter one is kept as it is', () => {
  const fits = 'g'.repeat(MOST_INDEXED_BYTES - 'guid:'.length);
  expect(dedupeKey(item({ guid: fits }))).toBe(`guid:${fits}`);
  const long = dedupeKey(item({ guid: `${fits}g` }));
  expect(long).toMatch(/^guid#sha256:[0-9a-f]{64}$/);
  expect(dedupeKey(item({ guid: `${fits}g` }))).toBe(long);
  expect(dedupeKey(item({ guid: `${fits}h` }))).not.toBe(long);
  // counted in bytes, as the index counts them: 700 three-byte characters are 2,100
  expect(dedupeKey(item({ guid: '数'.repeat(700) }))).toMatch(/^guid#sha256:/);
  expect(dedupeKey(item({ link: `https://a.example/${'p'.repeat(2_000)}` }))).toMatch(/^url#sha256:[0-9a-f]{64}$/);
  expect(indexableUrl(`https://a.example/${'p'.repeat(2_000)}`)).toBeNull();
  expect(indexableUrl('https://a.example/p')).toBe('https://a.example/p');
});

test("a guid a document gives several articles keys each by its address; one article listed twice stays one", () => {
  const home = 'guid:https://ministry.example/';
  const keys = withDistinctKeys([
    { dedupeKey: home, canonicalUrl: 'https://ministry.example/news/1' },
    { dedupeKey: home, canonicalUrl: 'https://ministry.example/news/2' },
    { dedupeKey: home, canonicalUrl: null },
    { dedupeKey: 'guid:7', canonicalUrl: 'https://ministry.example/news/7' },
    { dedupeKey: 'guid:7', canonicalUrl: 'https://ministry.example/news/7' },
    { dedupeKey: 'url:https://ministry.example/news/9', canonicalUrl: 'https://ministry.example/news/9' },
  ]).map((item) => item.dedupeKey);
  expect(keys).toEqual([
    'url:https://ministry.example/news/1',
    'url:https://ministry.example/news/2',
    home,
    'guid:7',
    'guid:7',
    'url:https://ministry.example/news/9',
  ]);
});
