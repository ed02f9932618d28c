import { expect, test } from 'vitest';
import { relativeTime } from './story-time.ts';

const now = Date.parse('2026-11-30T12:00:00Z');

test('times read as a person says them', () => {
  expect(relativeTime('2026-11-30T11:59:40Z', now, 'en')).toBe('now');
  expect(relativeTime('2026-11-30T11:55:00Z', now, 'en')).toBe('5 minutes ago');
  expect(relativeTime('2026-11-30T09:00:00Z', now, 'en')).toBe('3 hours ago');
  expect(relativeTime('2026-11-29T10:00:00Z', now, 'en')).toBe('yesterday');
  expect(relativeTime('not a date', now, 'en')).toBe('');
});
