import {
  DEFAULT_DIGEST_TIME,
  isTimeZone,
  type Alert,
  type AlertChannelChange,
  type AlertChannelInput,
  type AlertChannelView,
  type DigestMode,
  type DigestTime,
} from '@radar/core';

/** A channel being written in a form: its address (and secret) typed in full. */
export type ChannelDraft =
  | { type: 'webhook'; url: string; secret: string }
  | { type: 'slack' | 'teams'; url: string }
  | { type: 'email'; to: string; digest: DigestMode; digestTime: DigestTime };

/** A channel the alert has, kept as it is: the form shows where it goes, never its secret. */
export interface KeptChannel {
  type: 'keep';
  view: AlertChannelView;
  /** An e-mail channel's digest and when it goes out, which can change without typing the address again. */
  digest?: DigestMode;
  digestTime?: DigestTime;
}

/** A channel of an alert being edited: one it has, or a new one. */
export type EditedChannel = KeptChannel | ChannelDraft;

export const CHANNEL_LABELS = {
  webhook: 'Webhook',
  slack: 'Slack',
  teams: 'Teams',
  email: 'E-mail',
} as const;
export type ChannelType = keyof typeof CHANNEL_LABELS;

export function emptyChannel(type: ChannelType): ChannelDraft {
  if (type === 'webhook') return { type, url: '', secret: '' };
  if (type === 'email') return { type, to: '', digest: 'none', digestTime: localDigestTime() };
  return { type, url: '' };
}

/** The hour a new e-mail channel's digest suggests: 08:00 where this browser is (UTC when its zone is unknown). */
export function localDigestTime(zone = Intl.DateTimeFormat().resolvedOptions().timeZone): DigestTime {
  return { hour: 8, timeZone: zone && isTimeZone(zone) ? zone : 'UTC' };
}

/** The time zones a digest can be sent in, UTC first. */
export function timeZoneChoices(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
}

/** A new alert's channels as the API takes them. */
export function channelInputs(drafts: ChannelDraft[]): AlertChannelInput[] {
  return drafts.map((draft) => ({ ...draft }));
}

/** An alert's channels, ready to edit: each kept until removed or entered again. */
export function editableChannels(alert: Alert): EditedChannel[] {
  return alert.channels.map((view) => ({
    type: 'keep',
    view,
    ...(view.digest ? { digest: view.digest, digestTime: view.digestTime ?? DEFAULT_DIGEST_TIME } : {}),
  }));
}

/** The whole new channel list of an edit, as PATCH /api/alerts/:id takes it. */
export function channelChanges(edited: EditedChannel[]): AlertChannelChange[] {
  return edited.map((channel) => {
    if (channel.type !== 'keep') return { ...channel };
    const email = channel.view.type === 'email';
    const digestChanged = email && channel.digest !== undefined && channel.digest !== channel.view.digest;
    const was = channel.view.digestTime ?? DEFAULT_DIGEST_TIME;
    const timeChanged = email && channel.digestTime !== undefined && (channel.digestTime.hour !== was.hour || channel.digestTime.timeZone !== was.timeZone);
    return {
      type: 'keep',
      id: channel.view.id,
      ...(digestChanged ? { digest: channel.digest } : {}),
      ...(timeChanged ? { digestTime: channel.digestTime } : {}),
    };
  });
}

/** Whether an edit changes the channels at all, so a name or query edit need not send them. */
export function channelsChanged(alert: Alert, edited: EditedChannel[]): boolean {
  const changes = channelChanges(edited);
  if (changes.length !== alert.channels.length) return true;
  return changes.some(
    (change, i) => change.type !== 'keep' || change.id !== alert.channels[i]!.id || change.digest !== undefined || change.digestTime !== undefined,
  );
}

/** A kept channel that cannot be sent to as it is: its address was sealed under another key. */
export const needsEntering = (channel: EditedChannel): boolean => channel.type === 'keep' && channel.view.unreadable === true;
