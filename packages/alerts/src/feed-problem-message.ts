import type { FeedProblem } from '@radar/core';
import type { AlertRef } from './alert-subject.ts';
import { escapeHtml, escapeMarkdown, escapeSlack, oneLine, safeHttpUrl, truncate } from './message-text.ts';
import type { SlackMessage } from './slack-message.ts';
import { adaptiveCardMessage } from './teams-message.ts';

/**
 * A feed alert's messages: a watched feed the poller paused. The feed's title and the reason
 * can carry what its server sent (an error text), so they are escaped like any feed text.
 */

/** "Feed paused: EDPB news", the headline of every message about a paused feed. */
export const feedProblemHeadline = (feed: FeedProblem): string => `Feed paused: ${truncate(oneLine(feed.title), 200)}`;

/** What the reader can do about it. */
const ADVICE = 'Its stories no longer arrive. Resume it on the feeds page once it works again, or replace its address.';

const UTC_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "2 Dec 2026, 11:42 UTC". */
const when = (iso: string): string => `${UTC_TIME.format(new Date(iso))} UTC`;

/** The feed's lines as plain text: headline, reason, address, when; for e-mails and digests. */
export function feedProblemText(feed: FeedProblem): string {
  return [feedProblemHeadline(feed), truncate(oneLine(feed.reason), 600), safeHttpUrl(feed.url), `Paused ${when(feed.pausedAt)}. ${ADVICE}`]
    .filter(Boolean)
    .join('\n');
}

/** The feed as one row of an alert e-mail's table. */
export function feedProblemHtml(feed: FeedProblem): string {
  const url = safeHttpUrl(feed.url);
  return [
    `<tr><td style="padding:12px 0;border-bottom:1px solid #e5e7eb">`,
    `<p style="margin:0 0 6px;color:#b45309;font-weight:600">${escapeHtml(feedProblemHeadline(feed))}</p>`,
    `<p style="margin:0 0 6px;color:#374151">${escapeHtml(truncate(oneLine(feed.reason), 600))}</p>`,
    url ? `<p style="margin:0 0 6px;font-size:13px;color:#6b7280;word-break:break-all">${escapeHtml(url)}</p>` : '',
    `<p style="margin:0;color:#6b7280;font-size:13px">Paused ${escapeHtml(when(feed.pausedAt))}. ${ADVICE}</p>`,
    `</td></tr>`,
  ].join('');
}

/** The body of a generic webhook for a feed alert: `{"alert": {"id", "name"}, "feed": {"feedId", "title", "url", "reason", "pausedAt"}}`. */
export function feedProblemWebhookBody(alert: AlertRef, feed: FeedProblem): string {
  return JSON.stringify({ alert: { id: alert.id, name: alert.name }, feed });
}

/** A Slack message about a paused feed; the feed's address is shown as text, never as a link. */
export function feedProblemSlackMessage(alert: AlertRef, feed: FeedProblem): SlackMessage {
  const headline = escapeSlack(feedProblemHeadline(feed));
  const url = safeHttpUrl(feed.url);
  return {
    text: `${escapeSlack(oneLine(alert.name))}: ${headline}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: *${headline}* · ${escapeSlack(truncate(oneLine(alert.name), 150))}` } },
      { type: 'section', text: { type: 'mrkdwn', text: `${escapeSlack(truncate(oneLine(feed.reason), 600))}\n${ADVICE}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: [url ? `\`${url.replaceAll('`', '%60')}\`` : null, `paused ${when(feed.pausedAt)}`].filter(Boolean).join(' · ') }],
      },
    ],
  };
}

/** A Microsoft Teams Adaptive Card about a paused feed. */
export function feedProblemTeamsMessage(alert: AlertRef, feed: FeedProblem): Record<string, unknown> {
  const url = safeHttpUrl(feed.url);
  return adaptiveCardMessage([
    { type: 'TextBlock', text: escapeMarkdown(truncate(oneLine(alert.name), 150)), size: 'Small', isSubtle: true, wrap: true },
    { type: 'TextBlock', text: escapeMarkdown(feedProblemHeadline(feed)), weight: 'Bolder', size: 'Large', color: 'Warning', wrap: true },
    { type: 'TextBlock', text: escapeMarkdown(truncate(oneLine(feed.reason), 600)), wrap: true },
    { type: 'TextBlock', text: escapeMarkdown(ADVICE), isSubtle: true, wrap: true },
    {
      type: 'FactSet',
      facts: [...(url ? [{ title: 'Address', value: escapeMarkdown(url) }] : []), { title: 'Paused', value: escapeMarkdown(when(feed.pausedAt)) }],
    },
  ]);
}
