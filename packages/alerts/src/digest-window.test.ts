import { expect, test } from 'vitest';
import { digestDueAt } from './digest-window.ts';

test('digests are due at the next full hour or the next 07:00 UTC', () => {
  const at = new Date('2026-11-30T10:05:00Z');
  expect(digestDueAt('none', at)).toBeNull();
  expect(digestDueAt('hourly', at)?.toISOString()).toBe('2026-11-30T11:00:00.000Z');
  expect(digestDueAt('hourly', new Date('2026-11-30T11:00:00Z'))?.toISOString()).toBe('2026-11-30T12:00:00.000Z');
  expect(digestDueAt('daily', at)?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
  expect(digestDueAt('daily', new Date('2026-11-30T06:59:00Z'))?.toISOString()).toBe('2026-11-30T07:00:00.000Z');
});
