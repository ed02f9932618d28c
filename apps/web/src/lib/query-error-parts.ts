/**
 * A query split around the part an error points at, for underlining it in the editor.
 * An error at the very end (a missing term) points at a blank made visible.
 */
export function queryErrorParts(query: string, start: number, end: number): { before: string; wrong: string; after: string } {
  const from = Math.max(0, Math.min(start, query.length));
  const to = Math.max(from, Math.min(end, query.length));
  const wrong = query.slice(from, to);
  return { before: query.slice(0, from), wrong: wrong === '' ? ' ' : wrong, after: query.slice(to) };
}

/** The snooze choices an alert offers, as the time each one ends. */
export const SNOOZE_CHOICES = [
  { label: '1 hour', hours: 1 },
  { label: '8 hours', hours: 8 },
  { label: '1 day', hours: 24 },
  { label: '1 week', hours: 24 * 7 },
] as const;

export const snoozeEnd = (hours: number, now: number): string => new Date(now + hours * 3_600_000).toISOString();
