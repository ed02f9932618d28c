import { expect, test } from 'vitest';
import { formatFullTime, formatRelativeTime } from './relative-time.ts';

const now = Date.parse('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

test('recent times read as durations', () => {
  expect(formatRelativeTime(ago(20_000), now)).toBe('just now');
  expect(formatRelativeTime(ago(5 * 60_000), now)).toBe('5 min. ago');
  expect(formatRelativeTime(ago(3 * 3_600_000 + 60_000), now)).toBe('3 hr. ago');
  expect(formatRelativeTime(ago(26 * 3_600_000), now)).toBe('yesterday');
  expect(formatRelativeTime(ago(3 * 86_400_000), now)).toBe('3 days ago');
});

test('older times read as dates, with the year only when it differs', () => {
  expect(formatRelativeTime('2026-10-02T08:00:00Z', now)).toBe('Oct 2');
  expect(formatRelativeTime('2025-10-02T08:00:00Z', now)).toBe('Oct 2, 2025');
});

test('a time that cannot be read shows nothing rather than "NaN"', () => {
  expect(formatRelativeTime('not a date', now)).toBe('');
  expect(formatFullTime('')).toBe('');
});
