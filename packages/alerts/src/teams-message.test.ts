import { expect, test } from 'vitest';
import { teamsMessage } from './teams-message.ts';
import { alert, hostile } from './hostile-story.test-fixture.ts';

test('Teams gets an Adaptive Card with markdown escaped and the link as a button', () => {
  const card = teamsMessage(alert, hostile) as { attachments: { content: { body: { text?: string }[]; actions: { url: string }[] } }[] };
  const content = card.attachments[0]!.content;
  expect(content.body[1]!.text).toContain('\\*bold\\*');
  expect(content.body[1]!.text).toContain('\\[x\\]\\(javascript:y\\)');
  expect(content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Read the story', url: 'https://news.example/a?x=1|2' }]);
});
