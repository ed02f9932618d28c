import { filterKey, type Facets, type StoryFilter } from '@radar/core';
import { fetchFacets, fetchTimeCounts, fetchRisingValues, type TimeCounts, type RisingValues } from './api-client.ts';
import { ANY_TIME, previousBounds, timeWindowOf, windowBounds, windowKey, type TimeBounds, type TimeWindow } from './dashboard-query.ts';

/** Shortest gap between two reloads while stories stream in. */
const REFRESH_DELAY_MS = 5_000;

export interface OverviewLoaders {
  hourly: (filter: StoryFilter, by: TimeCounts['by'], bounds: TimeBounds) => Promise<TimeCounts>;
  facets: (filter: StoryFilter, bounds: TimeBounds) => Promise<Facets>;
  /** What rose in the last day: the same whatever the time range. */
  rising: (filter: StoryFilter) => Promise<RisingValues>;
}

const httpLoaders: OverviewLoaders = {
  hourly: (filter, by, bounds) => fetchTimeCounts(filter, by, bounds),
  facets: fetchFacets,
  rising: fetchRisingValues,
};

/** The overview's figures for one view: stories per hour by country and by company, counts per country, and what rose in the last day. */
export class OverviewStats {
  byCountry = $state.raw<TimeCounts | null>(null);
  byCompany = $state.raw<TimeCounts | null>(null);
  facets = $state.raw<Facets | null>(null);
  rising = $state.raw<RisingValues | null>(null);
  /** The counts of the stretch just before the range, as long as it; null without one. */
  beforeFacets = $state.raw<Facets | null>(null);
  /** How many stories the stretch just before the range had; null without one. */
  get before(): number | null {
    return this.beforeFacets?.total ?? null;
  }
  error = $state<string | null>(null);

  #filter: StoryFilter | null = null;
  #window: TimeWindow = ANY_TIME;
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #loaders: OverviewLoaders;

  constructor(loaders: OverviewLoaders = httpLoaders) {
    this.#loaders = loaders;
  }

  /** Loads the figures for a view; the figures of the previous view stay until the new ones arrive. */
  async show(filter: StoryFilter, window: TimeWindow): Promise<void> {
    if (this.#filter && filterKey(this.#filter) === filterKey(filter) && windowKey(this.#window) === windowKey(window)) return;
    this.#filter = filter;
    this.#window = timeWindowOf(window);
    await this.#reload();
  }

  /** A story arrived: reload soon, at most once per delay however many arrive. */
  storyArrived(): void {
    if (this.#timer !== null || !this.#filter) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#reload();
    }, REFRESH_DELAY_MS);
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #reload(): Promise<void> {
    const filter = this.#filter;
    if (!filter) return;
    const generation = ++this.#generation;
    const bounds = windowBounds(this.#window, Date.now());
    // what rose, and the count before the range, are hints beside the figures: when they cannot be had, the figures still show
    const rising = this.#loaders.rising(filter).catch(() => null);
    const previous = previousBounds(this.#window, Date.now());
    const before = previous ? this.#loaders.facets(filter, previous).catch(() => null) : Promise.resolve(null);
    try {
      const [byCountry, byCompany, facets] = await Promise.all([
        this.#loaders.hourly(filter, 'country', bounds),
        this.#loaders.hourly(filter, 'company', bounds),
        this.#loaders.facets(filter, bounds),
      ]);
      if (generation !== this.#generation) return;
      this.byCountry = byCountry;
      this.byCompany = byCompany;
      this.facets = facets;
      this.rising = (await rising) ?? this.rising;
      this.beforeFacets = await before;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
