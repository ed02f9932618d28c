import { expect, test } from 'vitest';
import type { Alert } from '@radar/core';
import {
  channelChanges,
  channelsChanged,
  editableChannels,
  emptyChannel,
  localDigestTime,
  needsEntering,
  timeZoneChoices,
  type EditedChannel,
} from './alert-channels.ts';

const alert: Alert = {
  id: 'a1',
  name: 'DSA',
  query: 'dsa',
  trigger: 'story',
  risingKinds: ['country', 'company', 'topic'],
  channels: [
    {
      id: 'w1',
      type: 'webhook',
      target: 'https://ops.example/hooks',
      signed: true,
    },
    { id: 'e1', type: 'email', target: 'desk@ngo.example', digest: 'none' },
  ],
  muted: false,
  snoozedUntil: null,
  createdAt: '2026-11-30T00:00:00.000Z',
  updatedAt: '2026-11-30T00:00:00.000Z',
  firedCount: 0,
  lastFiredAt: null,
  unread: 0,
};

test("an alert's channels are edited as kept ones, named by id and never by their secrets", () => {
  const edited = editableChannels(alert);
  expect(channelChanges(edited)).toEqual([
    { type: 'keep', id: 'w1' },
    { type: 'keep', id: 'e1' },
  ]);
  expect(channelsChanged(alert, edited)).toBe(false);
});

test('a new digest, a removed channel, a new one or a new order each change the channels', () => {
  const digest = editableChannels(alert);
  (digest[1] as Extract<EditedChannel, { type: 'keep' }>).digest = 'daily';
  expect(channelChanges(digest)[1]).toEqual({
    type: 'keep',
    id: 'e1',
    digest: 'daily',
  });
  expect(channelsChanged(alert, digest)).toBe(true);

  // a channel that named no time shows the digest's old hour; only a different hour or zone is a change
  const time = editableChannels(alert);
  const email = time[1] as Extract<EditedChannel, { type: 'keep' }>;
  expect(email.digestTime).toEqual({ hour: 7, timeZone: 'UTC' });
  email.digestTime = { hour: 7, timeZone: 'UTC' };
  expect(channelsChanged(alert, time)).toBe(false);
  email.digestTime = { hour: 7, timeZone: 'Europe/Brussels' };
  expect(channelChanges(time)[1]).toEqual({ type: 'keep', id: 'e1', digestTime: { hour: 7, timeZone: 'Europe/Brussels' } });
  expect(channelsChanged(alert, time)).toBe(true);

  expect(channelsChanged(alert, editableChannels(alert).slice(1))).toBe(true);
  expect(channelsChanged(alert, editableChannels(alert).reverse())).toBe(true);
  const added = [...editableChannels(alert), { type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' } as const];
  expect(channelsChanged(alert, added)).toBe(true);
  expect(channelChanges(added)[2]).toEqual({
    type: 'slack',
    url: 'https://hooks.slack.com/services/T/B/x',
  });
});

test('a channel sealed under another key must be entered again, as an empty channel of its type', () => {
  const sealed: Alert = {
    ...alert,
    channels: [{ id: 's1', type: 'slack', target: 'sealed', unreadable: true }],
  };
  const [kept] = editableChannels(sealed);
  expect(needsEntering(kept!)).toBe(true);
  expect(needsEntering(editableChannels(alert)[0]!)).toBe(false);
  expect(emptyChannel('slack')).toEqual({ type: 'slack', url: '' });
  expect(emptyChannel('webhook')).toEqual({
    type: 'webhook',
    url: '',
    secret: '',
  });
  expect(emptyChannel('email')).toEqual({
    type: 'email',
    to: '',
    digest: 'none',
    digestTime: { hour: 8, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
  });
});

test("a new digest's hour is 08:00 in the browser's time zone, UTC when it has none the runtime knows", () => {
  expect(localDigestTime('America/Chicago')).toEqual({ hour: 8, timeZone: 'America/Chicago' });
  expect(localDigestTime('Mars/Olympus_Mons')).toEqual({ hour: 8, timeZone: 'UTC' });
  expect(localDigestTime('')).toEqual({ hour: 8, timeZone: 'UTC' });
  const zones = timeZoneChoices();
  expect(zones[0]).toBe('UTC');
  expect(zones).toContain('Europe/Brussels');
  expect(zones.filter((zone) => zone === 'UTC')).toHaveLength(1);
});
