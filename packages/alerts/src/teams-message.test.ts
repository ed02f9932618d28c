import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { teamsMessage } from './teams-message.ts';

const hostile: Story = {
  id: 's1',
  url: 'https://news.example/a?x=1|2',
  title: '<script>alert(1)</script> <!channel> *bold* [x](javascript:y) & Co',
  summary: 'Summary with <b>html</b> and <https://evil.example|click>',
  source: { feedId: 'f1', title: 'Wire <i>' },
  publishedAt: '2026-11-30T10:00:00.000Z',
  ingestedAt: '2026-11-30T10:00:01.000Z',
  lang: 'en',
  countries: ['FR', 'EU'],
  companies: ['meta'],
  topics: ['content-moderation'],
  relevant: true,
  score: 0.9,
  clusterId: null,
};
const alert = { id: 'a1', name: 'Meta & the <EU>' };

test('Teams gets an Adaptive Card with markdown escaped and the link as a button', () => {
  const card = teamsMessage(alert, hostile) as { attachments: { content: { body: { text?: string }[]; actions: { url: string }[] } }[] };
  const content = card.attachments[0]!.content;
  expect(content.body[1]!.text).toContain('\\*bold\\*');
  expect(content.body[1]!.text).toContain('\\[x\\]\\(javascript:y\\)');
  expect(content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Read the story', url: 'https://news.example/a?x=1|2' }]);
});
