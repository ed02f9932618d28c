import { expect, test } from 'vitest';
import { webSubStartNote } from './websub-subscriber.ts';

test('the poller says at start whether WebSub is on, and warns of a public address hubs cannot reach', () => {
  expect(webSubStartNote(undefined)).toEqual({ line: 'WebSub off (set RADAR_PUBLIC_URL for hubs to push feeds): feeds are polled', warning: null });
  expect(webSubStartNote('https://radar.ngo.example')).toEqual({ line: 'WebSub: hubs push to https://radar.ngo.example/websub/', warning: null });
  expect(webSubStartNote('https://93.184.215.14:8443').warning).toBeNull();
  const unreachable = [
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://10.0.4.2',
    'http://[::1]:3000',
    'http://[fd00::5]',
    'http://radar',
    'https://radar.corp',
    'https://radar.internal.',
    'http://policy.local',
    'http://192.168.1.20:3000',
  ];
  for (const url of unreachable) {
    expect(webSubStartNote(url).warning, url).toBe(
      `RADAR_PUBLIC_URL (${url}) is an address hubs on the internet cannot reach: no subscription will be confirmed, and feeds are polled`,
    );
  }
});
