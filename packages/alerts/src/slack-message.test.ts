import { expect, test } from 'vitest';
import { alertEmail } from './alert-email.ts';
import { slackMessage } from './slack-message.ts';
import { teamsMessage } from './teams-message.ts';
import { alert, hostile } from './hostile-story.test-fixture.ts';

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
