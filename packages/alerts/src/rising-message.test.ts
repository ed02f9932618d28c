import { expect, test } from 'vitest';
import type { RisingSignal } from '@radar/core';
import { alertEmail, digestEmail } from './alert-email.ts';
import { genericWebhookBody } from './generic-webhook.ts';
import { alert, hostile } from './hostile-story.test-fixture.ts';
import { slackMessage } from './slack-message.ts';
import { teamsMessage } from './teams-message.ts';

const ghana: RisingSignal = { kind: 'country', id: 'GH', recent: 5, usual: 0.3, baselineDays: 14 };
const x: RisingSignal = { kind: 'company', id: 'x', recent: 3, usual: 0, baselineDays: 14 };
const rising = { ...alert, rising: [ghana] };

test("a rising alert's message says what rose and how far, then the story that made it rise", () => {
  const slack = slackMessage(rising, hostile);
  expect(slack.text).toMatch(/^Meta &amp; the &lt;EU&gt;: Ghana is rising\. Latest: &lt;script&gt;/);
  expect(slack.blocks[0]).toEqual({
    type: 'section',
    text: { type: 'mrkdwn', text: ':chart_with_upwards_trend: *Ghana is rising* · Meta &amp; the &lt;EU&gt;\n5 stories in the last 24 hours, usually 0.3 a day\nThe latest:' },
  });

  const teams = JSON.stringify(teamsMessage(rising, hostile));
  expect(teams).toContain('"text":"Ghana is rising"');
  expect(teams).toContain('"text":"5 stories in the last 24 hours, usually 0\\\\.3 a day"');

  const email = alertEmail(rising, hostile);
  expect(email.subject).toBe('[Policy Radar] Meta & the <EU>: Ghana is rising');
  expect(email.text).toContain('Ghana is rising:\n5 stories in the last 24 hours, usually 0.3 a day\nThe latest:\n<script>');
  expect(email.html).toContain('>Ghana is rising</p>');
  expect(email.html).toContain('tells you what starts rising among the stories it matches');
  expect(email.html).not.toContain('<script>');

  expect(JSON.parse(genericWebhookBody(rising, hostile))).toMatchObject({ alert: { id: 'a1' }, story: { id: 's1' }, rising: [ghana] });
  // a story alert's body is as it was: no rising field
  expect(JSON.parse(genericWebhookBody(alert, hostile))).not.toHaveProperty('rising');
  expect(slackMessage(alert, hostile).text).not.toContain('rising');
});

test('values one story made rise together are told in one message, each with its figures', () => {
  const both = { ...alert, rising: [ghana, x] };
  expect(slackMessage(both, hostile).blocks[0]).toMatchObject({
    text: { text: expect.stringContaining('*Ghana and X are rising*') },
  });
  expect(JSON.stringify(slackMessage(both, hostile).blocks[0])).toContain(
    'Ghana: 5 stories in the last 24 hours, usually 0.3 a day\\nX: 3 stories in the last 24 hours, none in the 14 days before',
  );
  expect(alertEmail(both, hostile).subject).toBe('[Policy Radar] Meta & the <EU>: Ghana and X are rising');
  const three = alertEmail({ ...alert, rising: [ghana, x, { ...x, kind: 'topic', id: 'censorship-shutdowns' }] }, hostile);
  expect(three.subject).toBe('[Policy Radar] Meta & the <EU>: Ghana, X and Censorship & shutdowns are rising');
});

test("a rising alert's digest counts what rose and says each", () => {
  const items = [
    { story: { ...hostile, title: 'Ghana story' }, firedAt: new Date('2026-11-30T10:05:00Z'), rising: [ghana] },
    { story: { ...hostile, title: 'Apple story' }, firedAt: new Date('2026-11-30T10:45:00Z'), rising: [{ kind: 'company' as const, id: 'apple', recent: 4, usual: 0, baselineDays: 3 }] },
  ];
  const email = digestEmail(alert, 'daily', items);
  expect(email.subject).toBe('[Policy Radar] Meta & the <EU>: 2 rising (daily digest)');
  expect(email.text).toContain('Apple is rising:\n4 stories in the last 24 hours, none in the 3 days before\nThe latest:\nApple story');
  expect(email.text.indexOf('Apple is rising')).toBeLessThan(email.text.indexOf('Ghana is rising'));
});
