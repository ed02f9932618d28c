import { expect, test } from 'vitest';
import { parseMaxAge } from './cache-control.ts';

test('reads max-age among other directives', () => {
  expect(parseMaxAge('max-age=600')).toBe(600);
  expect(parseMaxAge('public, max-age=3600, must-revalidate')).toBe(3600);
  expect(parseMaxAge('Max-Age="60"')).toBe(60);
  expect(parseMaxAge('s-maxage=10, max-age=20')).toBe(20);
});

test('no-cache and no-store mean revalidate every time', () => {
  expect(parseMaxAge('no-cache')).toBe(0);
  expect(parseMaxAge('max-age=600, no-store')).toBe(0);
});

test('absent or unreadable max-age is null', () => {
  expect(parseMaxAge(null)).toBeNull();
  expect(parseMaxAge('public')).toBeNull();
  expect(parseMaxAge('max-age=soon')).toBeNull();
  expect(parseMaxAge('max-age=-1')).toBeNull();
});
