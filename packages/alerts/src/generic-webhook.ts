import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Story } from '@radar/core';
import type { AlertRef } from './alert-subject.ts';

export const SIGNATURE_HEADER = 'X-Radar-Signature';

/**
 * The body of a generic webhook: `{"alert": {"id", "name"}, "story": {...}}`, and for a rising
 * alert `"rising": [{"kind", "id", "recent", "usual", "baselineDays"}, ...]`, the values the story made rise.
 */
export function genericWebhookBody(alert: AlertRef, story: Story): string {
  return JSON.stringify({ alert: { id: alert.id, name: alert.name }, story, ...(alert.rising?.length ? { rising: alert.rising } : {}) });
}

/** `sha256=<hex HMAC-SHA256 of the raw body with the secret>`, the X-Radar-Signature header. */
export function signBody(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** For receivers: checks a signature header against the raw body, in constant time. */
export function verifySignature(body: string | Uint8Array, secret: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
