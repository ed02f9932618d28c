import { TZDate } from '@date-fns/tz';
import { DEFAULT_DIGEST_TIME, type DigestMode, type DigestTime } from '@radar/core';

const HOUR_MS = 3_600_000;
const MONDAY = 1;

/**
 * When the digest that a firing at `at` belongs to is sent: the next full hour, the next
 * `time.hour` o'clock in `time.timeZone`, or that hour on the next Monday there; null for
 * e-mail sent at once. Firings in one window share the time, which is how they are grouped
 * into one e-mail. Summer time is the zone's: a Brussels 08:00 digest is at 07:00 UTC in
 * winter and 06:00 UTC in summer.
 */
export function digestDueAt(mode: DigestMode, at: Date, time: DigestTime = DEFAULT_DIGEST_TIME): Date | null {
  if (mode === 'none') return null;
  const local = new TZDate(at.getTime(), time.timeZone);
  if (mode === 'hourly') {
    // the zone's full hour: India's is at half past the hour in UTC
    local.setMinutes(0, 0, 0);
    return new Date(local.getTime() + HOUR_MS);
  }
  local.setHours(time.hour, 0, 0, 0);
  while (local.getTime() <= at.getTime() || (mode === 'weekly' && local.getDay() !== MONDAY)) {
    local.setDate(local.getDate() + 1);
    // a day that changed the clocks moves the hour: set it again
    local.setHours(time.hour, 0, 0, 0);
  }
  return new Date(local.getTime());
}
