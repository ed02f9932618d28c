import { expect, test } from 'vitest';
import { mayReadAsBrowser, READ_AS_BROWSER_ADVICE, turnsAwayUnknownReaders } from './feed.ts';

test("a bare 403 and mod_security's 406 are how sites turn away readers they do not know; other failures are not", () => {
  expect([403, 406].map(turnsAwayUnknownReaders)).toEqual([true, true]);
  expect([200, 401, 404, 410, 429, 503, null, undefined].map(turnsAwayUnknownReaders)).toEqual(Array(8).fill(false));
});

test('a feed may be read as a browser after a 403 or 406, or a page in place of the feed its error says so of', () => {
  const feed = (lastStatus: number | null, lastError: string | null) => ({ lastStatus, lastError });
  expect(mayReadAsBrowser(feed(403, 'access forbidden (HTTP 403)'))).toBe(true);
  expect(
    mayReadAsBrowser(feed(200, `not a feed: an HTML page (a site may show such a page to feed readers it does not know: ${READ_AS_BROWSER_ADVICE})`)),
  ).toBe(true);
  expect(mayReadAsBrowser(feed(200, 'not a feed: an HTML page'))).toBe(false);
  expect(mayReadAsBrowser(feed(404, 'resource not found (HTTP 404)'))).toBe(false);
  expect(mayReadAsBrowser(feed(null, null))).toBe(false);
});
