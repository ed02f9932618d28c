import { createHmac } from 'node:crypto';
import { expect, test } from 'vitest';
import { discoverWebSub } from './websub-discovery.ts';
import { verifyHubSignature } from './websub-signature.ts';

test('the hub and self links are found in Atom, in RSS atom:link, and in the Link header', () => {
  const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><link rel="hub" href="https://hub.example/"/><link rel="self" href="/feed.atom"/><entry><link rel="hub" href="https://wrong.example/"/></entry></feed>`;
  expect(discoverWebSub(atom, 'https://news.example/x')).toEqual({ hub: 'https://hub.example/', self: 'https://news.example/feed.atom' });
  const rss = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link rel='hub' href='https://pubsubhubbub.appspot.com'/><item/></channel></rss>`;
  expect(discoverWebSub(rss, 'https://news.example/rss')).toEqual({ hub: 'https://pubsubhubbub.appspot.com/', self: 'https://news.example/rss' });
  const header = '<https://hub.example/h>; rel="hub", <https://news.example/canonical>; rel="self"';
  expect(discoverWebSub('<rss/>', 'https://news.example/rss', header)).toEqual({ hub: 'https://hub.example/h', self: 'https://news.example/canonical' });
});

test('no hub, or a hub that is not http(s), means no WebSub', () => {
  expect(discoverWebSub('<rss><channel><link>https://a</link></channel></rss>', 'https://a/rss')).toBeNull();
  expect(discoverWebSub('<feed><link rel="hub" href="javascript:alert(1)"/></feed>', 'https://a/rss')).toBeNull();
});

test('a hub or topic address longer than any real one is not kept', () => {
  const long = `https://hub.example/${'h'.repeat(2_100)}`;
  expect(discoverWebSub(`<feed><link rel="hub" href="${long}"/></feed>`, 'https://a/atom')).toBeNull();
  expect(discoverWebSub({ hub: long, self: null }, 'https://a/feed.json')).toBeNull();
  expect(discoverWebSub(`<feed><link rel="hub" href="https://hub.example/"/><link rel="self" href="${long}"/></feed>`, 'https://a/atom')).toEqual({
    hub: 'https://hub.example/',
    self: 'https://a/atom',
  });
});

test('only a body signed with our secret passes', () => {
  const body = Buffer.from('<feed/>');
  const sign = (algorithm: string, secret: string) => `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
  expect(verifyHubSignature(body, 's3cret', sign('sha256', 's3cret'))).toBe(true);
  expect(verifyHubSignature(body, 's3cret', sign('sha1', 's3cret'))).toBe(true);
  expect(verifyHubSignature(body, 's3cret', sign('sha256', 'other'))).toBe(false);
  expect(verifyHubSignature(Buffer.from('<feed>changed</feed>'), 's3cret', sign('sha256', 's3cret'))).toBe(false);
  expect(verifyHubSignature(body, 's3cret', null)).toBe(false);
  expect(verifyHubSignature(body, 's3cret', 'md5=abcd')).toBe(false);
});

test('a run of link tags never closed is read in one pass', () => {
  // 600,000 characters of `<link ` before the first item: every one used to be read to the end
  const document = `{"title": "${'<link '.repeat(100_000)}<item"}`;
  expect(discoverWebSub(document, 'https://news.example/feed.json')).toBeNull();
  const atom = `<feed><link rel="hub" href="https://hub.example/"/>${'<link '.repeat(100_000)}<entry/></feed>`;
  expect(discoverWebSub(atom, 'https://news.example/feed.atom')).toEqual({ hub: 'https://hub.example/', self: 'https://news.example/feed.atom' });
});
