import { expect, test } from 'vitest';
import { parseRetryAfter } from './retry-after.ts';

const now = Date.parse('2026-11-30T12:00:00Z');

test('reads delay-seconds', () => {
  expect(parseRetryAfter('120', now)).toBe(120);
  expect(parseRetryAfter(' 0 ', now)).toBe(0);
});

test('reads an HTTP date as seconds from now', () => {
  expect(parseRetryAfter('Mon, 30 Nov 2026 12:02:00 GMT', now)).toBe(120);
  expect(parseRetryAfter('Monday, 30-Nov-26 12:00:30 GMT', now)).toBe(30);
});

test('a date in the past means now', () => {
  expect(parseRetryAfter('Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
});

test('anything else is absent', () => {
  for (const value of [null, undefined, '', '-5', '1.5', 'soon', 'tomorrow at noon']) {
    expect(parseRetryAfter(value, now)).toBeNull();
  }
});
