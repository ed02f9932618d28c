const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
const dayAndMonth = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });
const withYear = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });
const full = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const clock = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "just now", "4 min. ago", "3 hr. ago", "yesterday", then a date: how long ago a story appeared. */
export function formatRelativeTime(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const elapsed = now - time;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  const date = new Date(time);
  return date.getFullYear() === new Date(now).getFullYear() ? dayAndMonth.format(date) : withYear.format(date);
}

/** The full date and time, for a tooltip or a screen reader. */
export function formatFullTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : full.format(new Date(time));
}

/** Hours, minutes and seconds, for the time of the last live story. */
export function formatClockTime(time: number): string {
  return clock.format(new Date(time));
}
