import { expect, test } from 'vitest';
import { TestRadar, waitUntil } from '../testing/test-radar.ts';

const openSockets = () => process.getActiveResourcesInfo().filter((type) => type === 'TCPSocketWrap').length;

test('a closed instance leaves no connection open (API, poller and notifier alike)', async () => {
  const before = openSockets();
  const radar = new TestRadar();
  await radar.start('pglite');
  expect(openSockets()).toBeGreaterThan(before);
  await radar.close();
  // disconnects finish on the next turns of the event loop; a leaked connection never does
  await waitUntil(() => openSockets() === before, 'every socket closed', 3_000).catch(() => undefined);
  expect(openSockets()).toBe(before);
});
