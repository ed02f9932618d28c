import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AlertChannel } from '@radar/core';
import { createAlert, getAlert, listAlertRows, listAlerts, updateAlert } from './alert-queries.ts';
import { executeRows, openDatabase } from './database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'radar-alert-secrets-'));
const KEY = 'this installation key is long enough';
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SLACK = 'https://hooks.slack.com/services/T000/B000/slack-token-XYZ';
const channels: AlertChannel[] = [
  { id: 'w1', type: 'webhook', url: 'https://ops.example/hooks/radar?key=hook-key-123', secret: 'signing-secret-456' },
  { id: 's1', type: 'slack', url: SLACK },
  { id: 'e1', type: 'email', to: 'desk@ngo.example', digest: 'none' },
];
const storedChannels = async (db: Awaited<ReturnType<typeof openDatabase>>['db'], id: string) =>
  (await executeRows<{ channels: string }>(db, sql`select channels::text as channels from alerts where id = ${id}`))[0]!.channels;

test("an alert's webhook address and secret and its Slack address are stored sealed, read back with the installation's key, and marked unreadable with another", async () => {
  const first = await openDatabase({ dataDir, secretKey: KEY });
  const created = await createAlert(first.db, { name: 'DSA', query: 'dsa', channels });
  expect(created.channels).toEqual(channels);
  const raw = await storedChannels(first.db, created.id);
  expect(raw).not.toMatch(/hook-key-123|signing-secret-456|slack-token-XYZ|hooks\.slack\.com|ops\.example/);
  // an e-mail address is no secret: the alerts page lists it
  expect(raw).toContain('desk@ngo.example');
  expect((await getAlert(first.db, created.id))?.channels).toEqual(channels);
  expect((await listAlertRows(first.db)).find((row) => row.id === created.id)?.channels).toEqual(channels);
  // the API's view shows where a channel goes, never its secret
  const view = (await listAlerts(first.db)).find((alert) => alert.id === created.id)!;
  expect(view.channels.map((channel) => channel.target)).toEqual(['https://ops.example/hooks/radar', 'https://hooks.slack.com/…', 'desk@ngo.example']);
  // channels changed are sealed too
  const teams: AlertChannel = { id: 't1', type: 'teams', url: 'https://ngo.webhook.office.com/webhookb2/teams-token-789' };
  expect((await updateAlert(first.db, created.id, { channels: [teams] }))?.channels).toEqual([teams]);
  expect(await storedChannels(first.db, created.id)).not.toContain('teams-token-789');
  await updateAlert(first.db, created.id, { channels });
  await first.close();

  // another key: the channels are kept, marked, and emptied; nothing else is lost
  const other = await openDatabase({ dataDir, secretKey: 'somebody else key, also long' });
  const unreadable = await getAlert(other.db, created.id);
  expect(unreadable?.channels).toEqual([
    { id: 'w1', type: 'webhook', url: '', secret: '', unreadable: true },
    { id: 's1', type: 'slack', url: '', unreadable: true },
    channels[2],
  ]);
  const otherView = (await listAlerts(other.db)).find((alert) => alert.id === created.id)!;
  expect(otherView.channels[0]).toMatchObject({ unreadable: true, target: 'sealed under another secret key: enter it again' });
  await other.close();
  const again = await openDatabase({ dataDir, secretKey: KEY });
  expect((await getAlert(again.db, created.id))?.channels).toEqual(channels);
  await again.close();
});

test('channel secrets stored in the clear before they were sealed are sealed when the database is next opened', async () => {
  const before = await openDatabase({ dataDir, secretKey: KEY });
  const alert = await createAlert(before.db, { name: 'Old alert', query: 'gdpr', channels: [] });
  // as a version that did not seal them left them
  await before.db.execute(sql`update alerts set channels = ${JSON.stringify(channels)}::jsonb where id = ${alert.id}`);
  await before.close();

  const after = await openDatabase({ dataDir, secretKey: KEY });
  const raw = await storedChannels(after.db, alert.id);
  expect(raw).toMatch(/sealed:v1:/);
  expect(raw).not.toMatch(/hook-key-123|signing-secret-456|slack-token-XYZ/);
  expect((await getAlert(after.db, alert.id))?.channels).toEqual(channels);
  await after.close();
});
