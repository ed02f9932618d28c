import {
  alertEmail,
  feedProblemEmail,
  feedProblemSlackMessage,
  feedProblemTeamsMessage,
  feedProblemWebhookBody,
  genericWebhookBody,
  SIGNATURE_HEADER,
  signBody,
  slackMessage,
  teamsMessage,
  type AlertRef,
} from '@radar/alerts';
import type { AlertChannel, FiringSubject } from '@radar/core';
import { DeliveryError } from './delivery-error.ts';
import { postWebhook } from './post-webhook.ts';
import type { SmtpMailer } from './smtp-mailer.ts';

export interface ChannelSenders {
  mailer: SmtpMailer;
  allowPrivateAddresses: boolean;
}

/**
 * Sends one story, or one paused feed, to one channel in its format. Returns the receiver's
 * HTTP status (null for e-mail); throws DeliveryError.
 */
export async function sendToChannel(
  channel: AlertChannel,
  alert: AlertRef,
  subject: FiringSubject,
  deliveryId: string,
  senders: ChannelSenders,
  /** `test` for a test message, which a webhook receiver can tell by its X-Radar-Event. */
  event: 'alert' | 'test' = 'alert',
): Promise<number | null> {
  if (channel.unreadable) {
    throw new DeliveryError(
      "the channel's address was sealed with another secret key (RADAR_SECRET_KEY or DATA_DIR/secret-key) and cannot be read: enter it again on the alert",
      true,
    );
  }
  const common = { allowPrivateAddresses: senders.allowPrivateAddresses };
  switch (channel.type) {
    case 'webhook': {
      const body = subject.feed ? feedProblemWebhookBody(alert, subject.feed) : genericWebhookBody(alert, subject.story);
      return postWebhook(channel.url, body, {
        ...common,
        headers: { [SIGNATURE_HEADER]: signBody(body, channel.secret), 'X-Radar-Delivery': deliveryId, 'X-Radar-Event': event },
      });
    }
    case 'slack':
      return postWebhook(channel.url, JSON.stringify(subject.feed ? feedProblemSlackMessage(alert, subject.feed) : slackMessage(alert, subject.story)), common);
    case 'teams':
      return postWebhook(channel.url, JSON.stringify(subject.feed ? feedProblemTeamsMessage(alert, subject.feed) : teamsMessage(alert, subject.story)), common);
    case 'email':
      await senders.mailer.send({ to: channel.to, ...(subject.feed ? feedProblemEmail(alert, subject.feed) : alertEmail(alert, subject.story)) });
      return null;
  }
}
