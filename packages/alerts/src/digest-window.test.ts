import { expect, test } from 'vitest';
import { digestDueAt } from './digest-window.ts';

const due = (...args: Parameters<typeof digestDueAt>) => digestDueAt(...args)?.toISOString() ?? null;

test('without a chosen time, digests are due at the next full hour or the next 07:00 UTC', () => {
  const at = new Date('2026-11-30T10:05:00Z');
  expect(due('none', at)).toBeNull();
  expect(due('hourly', at)).toBe('2026-11-30T11:00:00.000Z');
  expect(due('hourly', new Date('2026-11-30T11:00:00Z'))).toBe('2026-11-30T12:00:00.000Z');
  expect(due('daily', at)).toBe('2026-12-01T07:00:00.000Z');
  expect(due('daily', new Date('2026-11-30T06:59:00Z'))).toBe('2026-11-30T07:00:00.000Z');
});

test("a daily digest goes out at its hour in its readers' time zone, summer time included", () => {
  const brussels = { hour: 8, timeZone: 'Europe/Brussels' };
  // 11:05 in Brussels (CET, UTC+1): tomorrow's 08:00
  expect(due('daily', new Date('2026-11-30T10:05:00Z'), brussels)).toBe('2026-12-01T07:00:00.000Z');
  // 07:00 in Brussels in July (CEST, UTC+2): today's 08:00
  expect(due('daily', new Date('2026-07-01T05:00:00Z'), brussels)).toBe('2026-07-01T06:00:00.000Z');
  // the night the clocks go forward (29 March 2026): 08:00 is an hour earlier in UTC than the day before
  expect(due('daily', new Date('2026-03-28T08:00:00Z'), brussels)).toBe('2026-03-29T06:00:00.000Z');
  // Tokyo's 18:00 is 09:00 UTC
  expect(due('daily', new Date('2026-11-30T09:00:00Z'), { hour: 18, timeZone: 'Asia/Tokyo' })).toBe('2026-12-01T09:00:00.000Z');
});

test('a weekly digest goes out on Mondays at its hour', () => {
  const newYork = { hour: 8, timeZone: 'America/New_York' };
  // a Wednesday: next Monday's 08:00 EST
  expect(due('weekly', new Date('2026-12-02T15:00:00Z'), newYork)).toBe('2026-12-07T13:00:00.000Z');
  // a Monday before 08:00 there: that morning
  expect(due('weekly', new Date('2026-12-07T12:59:00Z'), newYork)).toBe('2026-12-07T13:00:00.000Z');
  // a Monday at 08:00 there: the next Monday's
  expect(due('weekly', new Date('2026-12-07T13:00:00Z'), newYork)).toBe('2026-12-14T13:00:00.000Z');
  // late Sunday in New York is Monday in UTC: still the Monday of New York
  expect(due('weekly', new Date('2026-12-07T03:00:00Z'), newYork)).toBe('2026-12-07T13:00:00.000Z');
});

test("an hourly digest goes out at the zone's full hours: half past in UTC for India", () => {
  expect(due('hourly', new Date('2026-11-30T10:05:00Z'), { hour: 7, timeZone: 'Asia/Kolkata' })).toBe('2026-11-30T10:30:00.000Z');
});
