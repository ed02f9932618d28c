import { expect, test } from 'vitest';
import { queryErrorParts, snoozeEnd } from './query-error-parts.ts';

test('a query is split around the wrong part', () => {
  expect(queryErrorParts('meta AND (eu', 9, 10)).toEqual({ before: 'meta AND ', wrong: '(', after: 'eu' });
  expect(queryErrorParts('meta OR', 5, 7)).toEqual({ before: 'meta ', wrong: 'OR', after: '' });
});

test('an error past the end points at a visible blank', () => {
  expect(queryErrorParts('meta', 4, 5)).toEqual({ before: 'meta', wrong: ' ', after: '' });
});

test('a snooze ends the chosen hours from now', () => {
  expect(snoozeEnd(8, Date.parse('2026-11-30T10:00:00Z'))).toBe('2026-11-30T18:00:00.000Z');
});
