import { expect, test } from 'vitest';
import { turnsAwayUnknownReaders } from './feed.ts';

test("a bare 403 and mod_security's 406 are how sites turn away readers they do not know; other failures are not", () => {
  expect([403, 406].map(turnsAwayUnknownReaders)).toEqual([true, true]);
  expect([200, 401, 404, 410, 429, 503, null, undefined].map(turnsAwayUnknownReaders)).toEqual(Array(8).fill(false));
});
