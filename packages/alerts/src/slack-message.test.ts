import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { alertEmail } from './alert-email.ts';
import { slackMessage } from './slack-message.ts';
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

test('Slack text escapes feed text so it cannot mention, link or format', () => {
  const message = JSON.stringify(slackMessage(alert, hostile));
  expect(message).not.toContain('<!channel>');
  expect(message).not.toContain('<script>');
  expect(message).not.toContain('<https://evil.example');
  expect(message).toContain('&lt;!channel&gt;');
  expect(message).toContain('<https://news.example/a?x=1%7C2|');
});

test('a story link that is not http(s) is never sent on', () => {
  const story = { ...hostile, url: 'javascript:alert(1)' };
  expect(JSON.stringify(slackMessage(alert, story))).not.toContain('javascript:alert');
  expect(JSON.stringify(teamsMessage(alert, story))).not.toContain('javascript:alert');
  expect(alertEmail(alert, story).html).not.toContain('javascript:alert');
});
