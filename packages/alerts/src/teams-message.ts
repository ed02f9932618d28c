import { risingHeadline, risingLines, type Story } from '@radar/core';
import { storyTagLine, type AlertRef } from './alert-subject.ts';
import { escapeMarkdown, oneLine, safeHttpUrl, truncate } from './message-text.ts';

/**
 * A Microsoft Teams message for a Workflows (or connector) webhook: one Adaptive Card.
 * Feed text is escaped as markdown; the story link is a button, only for http(s) URLs.
 */
export function teamsMessage(alert: AlertRef, story: Story): Record<string, unknown> {
  const url = safeHttpUrl(story.url);
  const facts = [
    { title: 'Source', value: escapeMarkdown(oneLine(story.source.title)) },
    { title: 'Tags', value: escapeMarkdown(storyTagLine(story)) },
    { title: 'Published', value: story.publishedAt },
  ].filter((fact) => fact.value);
  return adaptiveCardMessage(
    [
      { type: 'TextBlock', text: escapeMarkdown(truncate(oneLine(alert.name), 150)), size: 'Small', isSubtle: true, wrap: true },
      ...(alert.rising?.length
        ? [
            { type: 'TextBlock', text: escapeMarkdown(risingHeadline(alert.rising)), weight: 'Bolder', size: 'Large', color: 'Accent', wrap: true },
            ...risingLines(alert.rising).map((line) => ({ type: 'TextBlock', text: escapeMarkdown(line), spacing: 'None', wrap: true })),
            { type: 'TextBlock', text: 'The latest:', isSubtle: true, wrap: true },
          ]
        : []),
      { type: 'TextBlock', text: escapeMarkdown(truncate(oneLine(story.title), 300)), weight: 'Bolder', size: 'Medium', wrap: true },
      ...(story.summary ? [{ type: 'TextBlock', text: escapeMarkdown(truncate(story.summary, 600)), wrap: true }] : []),
      { type: 'FactSet', facts },
    ],
    url ? [{ type: 'Action.OpenUrl', title: 'Read the story', url }] : [],
  );
}

/** A Teams webhook message holding one Adaptive Card of these blocks and actions. */
export function adaptiveCardMessage(body: Record<string, unknown>[], actions: Record<string, unknown>[] = []): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, actions },
      },
    ],
  };
}
