import { expect, test } from 'vitest';
import { AlertChannelInputSchema, digestPhrase, isTimeZone } from './alert.ts';

test('a digest time names an hour and an IANA time zone the runtime knows', () => {
  expect(isTimeZone('Europe/Brussels')).toBe(true);
  expect(isTimeZone('UTC')).toBe(true);
  expect(isTimeZone('Europe/Atlantis')).toBe(false);
  const email = (digestTime: unknown) => AlertChannelInputSchema.safeParse({ type: 'email', to: 'desk@ngo.example', digest: 'weekly', digestTime });
  expect(email({ hour: 8, timeZone: 'America/New_York' }).success).toBe(true);
  expect(email({ hour: 8, timeZone: 'Europe/Atlantis' }).error?.issues[0]?.message).toMatch(/not one of the IANA time zones/);
  expect(email({ hour: 24, timeZone: 'UTC' }).error?.issues[0]?.message).toBe('the hour is 0 to 23');
  expect(email({ hour: 7.5, timeZone: 'UTC' }).success).toBe(false);
  // without one, the channel keeps the digest's old hour
  expect(email(undefined).data).toEqual({ type: 'email', to: 'desk@ngo.example', digest: 'weekly' });
});

test('how a digest goes out, in words', () => {
  expect(digestPhrase('hourly')).toBe('hourly digest');
  expect(digestPhrase('daily')).toBe('daily digest at 07:00 UTC');
  expect(digestPhrase('daily', { hour: 18, timeZone: 'Asia/Tokyo' })).toBe('daily digest at 18:00 Asia/Tokyo');
  expect(digestPhrase('weekly', { hour: 8, timeZone: 'America/New_York' })).toBe('weekly digest, Mondays at 08:00 America/New York');
});
