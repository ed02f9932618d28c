import { feedNeedsAttention, type Feed } from '@radar/core';
import { fetchFeedAttention } from './api-client.ts';

/** How often the header asks again. */
const REFRESH_MS = 60_000;

/**
 * The feeds that need someone (failing, or paused by the poller), counted for the header's
 * Feeds tab on every page: a feed that broke is news missed, and the feeds page is not
 * where a team spends its day.
 */
export class FeedAttentionWatch {
  failing = $state(0);
  paused = $state(0);
  #timer: ReturnType<typeof setInterval> | null = null;

  get total(): number {
    return this.failing + this.paused;
  }

  /** "2 feeds failing, 1 paused", or '' when all is well. */
  get summary(): string {
    const parts = [];
    if (this.failing) parts.push(`${this.failing} ${this.failing === 1 ? 'feed' : 'feeds'} failing`);
    if (this.paused) parts.push(`${this.paused} paused by the poller`);
    return parts.join(', ');
  }

  start(): void {
    if (this.#timer || typeof window === 'undefined') return;
    void this.refresh();
    this.#timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  async refresh(): Promise<void> {
    try {
      const counts = await fetchFeedAttention();
      this.failing = counts.failing;
      this.paused = counts.paused;
    } catch {
      // the counts stay as they were until the next answer
    }
  }

  /** Counts from a list of feeds the page already has (the feeds page), at once. */
  countFrom(feeds: Pick<Feed, 'enabled' | 'lastError' | 'lastStatus' | 'pausedReason'>[]): void {
    let failing = 0;
    let paused = 0;
    for (const feed of feeds) {
      const need = feedNeedsAttention(feed);
      if (need === 'failing') failing += 1;
      else if (need === 'paused') paused += 1;
    }
    this.failing = failing;
    this.paused = paused;
  }
}

export const feedAttention = new FeedAttentionWatch();
