import { eq } from 'drizzle-orm';
import type { AlertChannel } from '@radar/core';
import type { RadarDb } from './database.ts';
import { alerts, type AlertRow } from './schema/index.ts';
import { isSealed, secretBoxOf, type SecretBox } from './secret-box.ts';

/**
 * A channel with its secrets sealed: a webhook's address and signing secret, a Slack or
 * Teams address (whoever holds one can post to the team's channel). An e-mail address is
 * not a secret, and the alerts page lists it.
 */
function sealChannel(box: SecretBox, channel: AlertChannel): AlertChannel {
  if (channel.type === 'email') return channel;
  const seal = (value: string) => (isSealed(value) ? value : box.seal(value));
  return channel.type === 'webhook' ? { ...channel, url: seal(channel.url), secret: seal(channel.secret) } : { ...channel, url: seal(channel.url) };
}

/** `channels` as they are written: their secrets sealed. */
export function sealedChannels(db: RadarDb, channels: AlertChannel[]): AlertChannel[] {
  const box = secretBoxOf(db);
  return channels.map((channel) => sealChannel(box, channel));
}

let warnedUnreadable = false;

/**
 * A channel as read, its secrets opened; one sealed under another key is kept, marked
 * `unreadable` and emptied, so the alerts page asks for it again and nothing is sent to it.
 */
function openChannel(box: SecretBox, channel: AlertChannel): AlertChannel {
  if (channel.type === 'email') return channel;
  const url = box.open(channel.url);
  const secret = channel.type === 'webhook' ? box.open(channel.secret) : '';
  if (url === null || secret === null) {
    if (!warnedUnreadable) {
      warnedUnreadable = true;
      console.warn('alert channels sealed under another secret key cannot be read: was RADAR_SECRET_KEY (or DATA_DIR/secret-key) changed?');
    }
    return channel.type === 'webhook' ? { ...channel, url: '', secret: '', unreadable: true } : { ...channel, url: '', unreadable: true };
  }
  return channel.type === 'webhook' ? { ...channel, url, secret } : { ...channel, url };
}

/** An alert row as read, with its channels' secrets opened. */
export function withOpenChannels(db: RadarDb, row: AlertRow): AlertRow {
  if (row.channels.every((channel) => channel.type === 'email')) return row;
  const box = secretBoxOf(db);
  return { ...row, channels: row.channels.map((channel) => openChannel(box, channel)) };
}

const hasClearSecret = (channel: AlertChannel) =>
  channel.type !== 'email' && (!isSealed(channel.url) || (channel.type === 'webhook' && !isSealed(channel.secret)));

/** Seals the channel secrets stored in the clear before they were sealed; answers how many alerts had some. */
export async function sealStoredChannels(db: RadarDb, box: SecretBox): Promise<number> {
  // alerts are few (dozens): each is looked at, at every start
  const rows = await db.select({ id: alerts.id, channels: alerts.channels }).from(alerts);
  let sealed = 0;
  for (const row of rows) {
    if (!row.channels.some(hasClearSecret)) continue;
    await db
      .update(alerts)
      .set({ channels: row.channels.map((channel) => sealChannel(box, channel)) })
      .where(eq(alerts.id, row.id));
    sealed += 1;
  }
  return sealed;
}
