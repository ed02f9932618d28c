import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { genericWebhookBody, signBody, verifySignature } from './generic-webhook.ts';

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
