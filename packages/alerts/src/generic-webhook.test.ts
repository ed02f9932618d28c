import { expect, test } from 'vitest';
import { genericWebhookBody, signBody, verifySignature } from './generic-webhook.ts';
import { alert, hostile } from './hostile-story.test-fixture.ts';

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
