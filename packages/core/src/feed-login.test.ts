import { expect, test } from 'vitest';
import { FeedInputSchema, withLoginFromUrl } from './feed.ts';

test('a login written in a feed address is taken out of it and kept beside it', () => {
  expect(withLoginFromUrl({ url: 'https://ana:s3cret@news.example/feed.xml' })).toEqual({
    url: 'https://news.example/feed.xml',
    login: { username: 'ana', password: 's3cret' },
  });
  // written percent-encoded, read as the user meant it
  expect(withLoginFromUrl({ url: 'https://ana%40ngo.example:pa%3Ass%20w%C3%B6rd@news.example/feed' }).login).toEqual({
    username: 'ana@ngo.example',
    password: 'pa:ss wörd',
  });
  // a login given on its own wins over one in the address, whose credentials still leave it
  expect(withLoginFromUrl({ url: 'https://old:x@news.example/feed', login: null })).toEqual({ url: 'https://news.example/feed', login: null });
  // nothing to take out
  const plain = { url: 'https://news.example/feed', title: 'News' };
  expect(withLoginFromUrl(plain)).toBe(plain);
  expect(withLoginFromUrl({ login: null })).toEqual({ login: null });
});

test('a login needs a user name', () => {
  expect(FeedInputSchema.safeParse({ url: 'https://news.example/feed', login: { username: ' ', password: 'x' } }).success).toBe(false);
  expect(FeedInputSchema.safeParse({ url: 'https://news.example/feed', login: { username: 'ana', password: '' } }).success).toBe(true);
});
