/**
 * Seconds to wait from a Retry-After header, which is either delay-seconds or an HTTP
 * date (RFC 9110 §10.2.3). Null when absent or unreadable; a date in the past gives 0.
 * Example: parseRetryAfter('120') === 120; parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  // Only something that looks like a date is read as one: Date.parse accepts odd inputs
  // ("1.5", "-1") that a server surely did not mean as a moment in time.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
