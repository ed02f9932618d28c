import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { alertEmail, digestEmail } from './alert-email.ts';
import { digestDueAt } from './digest-window.ts';
import { genericWebhookBody, signBody, verifySignature } from './generic-webhook.ts';
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

test('a generic webhook is the alert and the story, signed with HMAC-SHA256 of the raw body', () => {
  const body = genericWebhookBody(alert, hostile);
  expect(JSON.parse(body)).toEqual({ alert: { id: 'a1', name: 'Meta & the <EU>' }, story: hostile });
  const signature = signBody(body, 'shh-secret');
  // the value any receiver computes: openssl dgst -sha256 -hmac shh-secret
  expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(verifySignature(body, 'shh-secret', signature)).toBe(true);
  expect(verifySignature(`${body} `, 'shh-secret', signature)).toBe(false);
  expect(verifySignature(body, 'other', signature)).toBe(false);
  expect(verifySignature(body, 'shh-secret', undefined)).toBe(false);
});

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

test('Teams gets an Adaptive Card with markdown escaped and the link as a button', () => {
  const card = teamsMessage(alert, hostile) as { attachments: { content: { body: { text?: string }[]; actions: { url: string }[] } }[] };
  const content = card.attachments[0]!.content;
  expect(content.body[1]!.text).toContain('\\*bold\\*');
  expect(content.body[1]!.text).toContain('\\[x\\]\\(javascript:y\\)');
  expect(content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Read the story', url: 'https://news.example/a?x=1|2' }]);
});

test('e-mail HTML escapes everything from feeds; the subject is one line', () => {
  const email = alertEmail(alert, { ...hostile, title: 'Line one\r\nBcc: victim@example.org' });
  expect(email.subject).toBe('[Policy Radar] Meta & the <EU>: Line one Bcc: victim@example.org');
  const html = alertEmail(alert, hostile).html;
  expect(html).not.toMatch(/<script>|<b>html|<i>/);
  expect(html).toContain('&lt;script&gt;');
  expect(html).toContain('France, European Union · Meta · Content moderation');
  expect(alertEmail(alert, hostile).text).toContain('https://news.example/a?x=1|2');
});

test('a digest lists the window’s stories, newest first', () => {
  const items = [
    { story: { ...hostile, id: 'old', title: 'Older story' }, firedAt: new Date('2026-11-30T10:05:00Z') },
    { story: { ...hostile, id: 'new', title: 'Newer story' }, firedAt: new Date('2026-11-30T10:45:00Z') },
  ];
  const email = digestEmail(alert, 'hourly', items);
  expect(email.subject).toBe('[Policy Radar] Meta & the <EU>: 2 stories (hourly digest)');
  expect(email.text.indexOf('Newer story')).toBeLessThan(email.text.indexOf('Older story'));
});

test('digests are due at the next full hour or the next 07:00 UTC', () => {
  const at = new Date('2026-11-30T10:05:00Z');
  expect(digestDueAt('none', at)).toBeNull();
  expect(digestDueAt('hourly', at)?.toISOString()).toBe('2026-11-30T11:00:00.000Z');
  expect(digestDueAt('hourly', new Date('2026-11-30T11:00:00Z'))?.toISOString()).toBe('2026-11-30T12:00:00.000Z');
  expect(digestDueAt('daily', at)?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
  expect(digestDueAt('daily', new Date('2026-11-30T06:59:00Z'))?.toISOString()).toBe('2026-11-30T07:00:00.000Z');
});
