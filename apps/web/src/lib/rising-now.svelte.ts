import { filterKey, type StoryFilter } from '@radar/core';
import { fetchRisingValues, type RisingValue, type RisingValues } from './api-client.ts';

/** How often what rose is asked for again while the stream is open. */
const REFRESH_MS = 5 * 60_000;

/**
 * What rose in the last day within the stream's view, kept fresh while the stream is open.
 * A list of chosen stories has none: nothing rises among stories picked by hand.
 */
export class RisingNow {
  values = $state.raw<RisingValue[]>([]);
  /** The days what is usual was drawn from, in the last answer. */
  baselineDays = $state(0);
  #key: string | null = null;
  #filter: StoryFilter | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #generation = 0;

  constructor(private readonly load: (filter: StoryFilter) => Promise<RisingValues> = fetchRisingValues) {}

  /** Follows a view: asks now when the view changed, and every few minutes after. */
  async show(filter: StoryFilter): Promise<void> {
    const key = filterKey(filter);
    if (key === this.#key) return;
    this.#key = key;
    this.#filter = filter.ids.length > 0 ? null : filter;
    this.values = [];
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = this.#filter ? setInterval(() => void this.#reload(), REFRESH_MS) : null;
    await this.#reload();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#key = null;
  }

  async #reload(): Promise<void> {
    const filter = this.#filter;
    if (!filter) return;
    const generation = ++this.#generation;
    try {
      const answer = await this.load(filter);
      if (generation !== this.#generation) return;
      this.values = answer.rising;
      this.baselineDays = answer.baselineDays;
    } catch {
      // a hint: when it cannot be had, the last one stays until the next try
    }
  }
}
