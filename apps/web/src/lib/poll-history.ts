import type { FeedPoll } from '@radar/core';
import { formatDocumentSize, formatLatency } from './feed-health.ts';

/** What a feed's latest polls add up to, for the line above its history. */
export interface PollSummary {
  polls: number;
  failed: number;
  unchanged: number;
  pushed: number;
  /** The median time to an answer, over the polls that got one; null when none did. */
  medianLatencyMs: number | null;
  newStories: number;
  updatedStories: number;
  /** When the oldest poll listed was made. */
  since: string | null;
  /** How many of the newest polls failed in a row (0 when the newest did not). */
  failingStreak: number;
}

export function summarisePolls(polls: readonly FeedPoll[]): PollSummary {
  const answered = polls
    .filter((poll) => poll.status !== null && poll.latencyMs !== null && !poll.pushed)
    .map((poll) => poll.latencyMs!)
    .sort((a, b) => a - b);
  const middle = answered.length >> 1;
  const streak = polls.findIndex((poll) => poll.outcome !== 'failed');
  return {
    polls: polls.length,
    failed: polls.filter((poll) => poll.outcome === 'failed').length,
    unchanged: polls.filter((poll) => poll.outcome === 'unchanged').length,
    pushed: polls.filter((poll) => poll.pushed).length,
    medianLatencyMs: answered.length === 0 ? null : answered.length % 2 ? answered[middle]! : Math.round((answered[middle - 1]! + answered[middle]!) / 2),
    newStories: polls.reduce((sum, poll) => sum + poll.newStories, 0),
    updatedStories: polls.reduce((sum, poll) => sum + poll.updatedStories, 0),
    since: polls.at(-1)?.at ?? null,
    failingStreak: streak === -1 ? polls.length : streak,
  };
}

/** One bar of the history strip: oldest at the left, its height from the poll's latency. */
export interface PollBar {
  poll: FeedPoll;
  /** From 0.15 (instant, or no answer timed) to 1 (the slowest listed), on a log scale. */
  height: number;
  label: string;
}

/**
 * The strip of a feed's polls, oldest first. Heights follow latency on a log scale so that a
 * 30 s timeout does not flatten every ordinary 100 ms answer; a failure is drawn full height.
 */
export function pollBars(polls: readonly FeedPoll[]): PollBar[] {
  const slowest = Math.max(1, ...polls.map((poll) => poll.latencyMs ?? 0));
  const scale = Math.log1p(slowest);
  return [...polls].reverse().map((poll) => ({
    poll,
    height: poll.outcome === 'failed' ? 1 : 0.15 + 0.85 * (poll.latencyMs ? Math.log1p(poll.latencyMs) / scale : 0),
    label: describePoll(poll),
  }));
}

/** "Read · HTTP 200 · 120 ms · 48 KB · 3 new, 1 updated", or the failure's message. */
export function describePoll(poll: FeedPoll): string {
  const parts = [pollResult(poll)];
  if (poll.status !== null) parts.push(`HTTP ${poll.status}`);
  if (!poll.pushed && poll.latencyMs !== null) parts.push(formatLatency(poll.latencyMs));
  if (poll.outcome === 'read' && poll.bytes !== null) parts.push(formatDocumentSize(poll.bytes, poll.status));
  if (poll.outcome === 'read') parts.push(pollStories(poll));
  if (poll.error) parts.push(poll.error);
  return parts.join(' · ');
}

/** "Read", "Pushed", "Unchanged", "Failed". */
export function pollResult(poll: FeedPoll): string {
  if (poll.outcome === 'failed') return poll.pushed ? 'Push failed' : 'Failed';
  if (poll.outcome === 'unchanged') return 'Unchanged';
  return poll.pushed ? 'Pushed' : 'Read';
}

/** "3 new, 1 updated", "nothing new" for a poll that read the document. */
export function pollStories(poll: Pick<FeedPoll, 'newStories' | 'updatedStories'>): string {
  const parts = [];
  if (poll.newStories > 0) parts.push(`${poll.newStories.toLocaleString('en')} new`);
  if (poll.updatedStories > 0) parts.push(`${poll.updatedStories.toLocaleString('en')} updated`);
  return parts.length ? parts.join(', ') : 'nothing new';
}

const timeOfDay = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dayAndTime = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "14:05:12" for a poll of the last 24 hours, "Nov 29, 14:05" before: polls minutes apart stay apart. */
export function formatPollTime(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return now - time < 24 * 3_600_000 ? timeOfDay.format(time) : dayAndTime.format(time);
}
