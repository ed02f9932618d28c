import type { DigestMode } from '@radar/core';

/** Daily digests go out at this hour (UTC): morning in Europe, the night before in the Americas. */
export const DAILY_DIGEST_HOUR_UTC = 7;

/**
 * When the digest that a firing at `at` belongs to is sent: the next full hour, or the
 * next 07:00 UTC; null for e-mail sent at once. Firings in one window share the time,
 * which is how they are grouped into one e-mail.
 */
export function digestDueAt(mode: DigestMode, at: Date): Date | null {
  if (mode === 'none') return null;
  const due = new Date(at);
  if (mode === 'hourly') {
    due.setUTCMinutes(0, 0, 0);
    due.setUTCHours(due.getUTCHours() + 1);
    return due;
  }
  due.setUTCHours(DAILY_DIGEST_HOUR_UTC, 0, 0, 0);
  if (due.getTime() <= at.getTime()) due.setUTCDate(due.getUTCDate() + 1);
  return due;
}
