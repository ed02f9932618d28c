import { risingHeadline, risingLines, type Story } from '@radar/core';
import { storyTagLine, type AlertRef } from './alert-subject.ts';
import { escapeSlack, oneLine, safeHttpUrl, truncate } from './message-text.ts';

/** A Slack incoming-webhook message: a plain `text` fallback and Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** The message for one story, every feed-provided text escaped and links only to http(s). */
export function slackMessage(alert: AlertRef, story: Story): SlackMessage {
  const title = escapeSlack(truncate(oneLine(story.title), 300));
  const url = safeHttpUrl(story.url);
  // a link's text ends at `|`... and `>`, which escapeSlack has turned into &gt;
  const heading = url ? `*<${url.replace(/[|<>]/g, encodeURIComponent)}|${title.replaceAll('|', '¦')}>*` : `*${title}*`;
  const summary = escapeSlack(truncate(story.summary, 600));
  const context = [escapeSlack(oneLine(story.source.title)), escapeSlack(storyTagLine(story))].filter(Boolean).join(' · ');
  const name = escapeSlack(truncate(oneLine(alert.name), 150));
  const rising = alert.rising?.length ? alert.rising : null;
  return {
    text: `${escapeSlack(oneLine(alert.name))}: ${rising ? `${risingHeadline(rising)}. Latest: ` : ''}${title}`,
    blocks: [
      rising
        ? {
            type: 'section',
            text: { type: 'mrkdwn', text: `:chart_with_upwards_trend: *${risingHeadline(rising)}* · ${name}\n${risingLines(rising).join('\n')}\nThe latest:` },
          }
        : { type: 'section', text: { type: 'mrkdwn', text: `:bell: *${name}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: summary ? `${heading}\n${summary}` : heading } },
      ...(context ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: context }] }] : []),
    ],
  };
}
