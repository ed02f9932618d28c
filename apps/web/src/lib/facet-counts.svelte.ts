import { filterKey, type Facets, type StoryFilter } from '@radar/core';
import { fetchFacets } from './api-client.ts';
import { ANY_TIME, timeWindowOf, windowBounds, windowKey, type TimeBounds, type TimeWindow } from './dashboard-query.ts';

/** Shortest gap between two reloads while stories stream in. */
const REFRESH_DELAY_MS = 1_500;
/** After a failed reload, the next try. */
const RETRY_DELAY_MS = 5_000;
/** Counts also move with stories outside the filter, which the socket never sends: reload now and then. */
const BACKGROUND_REFRESH_MS = 30_000;

type FacetKind = 'countries' | 'companies' | 'topics' | 'folders';

/** The counts beside each filter value, kept fresh while stories arrive, within the view's time range. */
export class FacetCounts {
  facets = $state.raw<Facets | null>(null);
  #maps = $derived(indexFacets(this.facets));
  #filter: StoryFilter | null = null;
  #window: TimeWindow = ANY_TIME;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #interval: ReturnType<typeof setInterval> | null = null;
  #generation = 0;
  #load: (filter: StoryFilter, bounds: TimeBounds) => Promise<Facets>;

  constructor(load: (filter: StoryFilter, bounds: TimeBounds) => Promise<Facets> = fetchFacets) {
    this.#load = load;
  }

  get total(): number | null {
    return this.facets?.total ?? null;
  }

  /** The folders the view's stories are filed in, most stories first. */
  get folders(): { id: string; count: number }[] {
    return this.facets?.folders ?? [];
  }

  count(kind: FacetKind, id: string): number {
    return this.#maps[kind].get(id) ?? 0;
  }

  /** Loads the counts for a filter and time range now (the previous view's answer is ignored if late). */
  async show(filter: StoryFilter, window: TimeWindow = ANY_TIME): Promise<void> {
    const sameFilter = this.#filter !== null && filterKey(this.#filter) === filterKey(filter) && windowKey(this.#window) === windowKey(window);
    this.#filter = filter;
    this.#window = timeWindowOf(window);
    if (!sameFilter) this.#startBackgroundRefresh();
    await this.#reload();
  }

  /** A story arrived: reload soon, at most once per delay however many arrive. */
  storyArrived(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#reload();
    }, REFRESH_DELAY_MS);
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    if (this.#interval !== null) clearInterval(this.#interval);
    this.#timer = null;
    this.#interval = null;
  }

  #retrySoon(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#reload();
    }, RETRY_DELAY_MS);
  }

  #startBackgroundRefresh(): void {
    if (this.#interval !== null) clearInterval(this.#interval);
    this.#interval = setInterval(() => void this.#reload(), BACKGROUND_REFRESH_MS);
  }

  async #reload(): Promise<void> {
    const filter = this.#filter;
    if (!filter) return;
    const generation = ++this.#generation;
    try {
      // the range rolls: "last hour" starts later at every reload
      const facets = await this.#load(filter, windowBounds(this.#window, Date.now()));
      if (generation === this.#generation) this.facets = facets;
    } catch {
      // Counts are a hint: keep the last ones shown and try again shortly (a page that was
      // offline for a moment would otherwise show stale counts until the next tick).
      if (generation === this.#generation) this.#retrySoon();
    }
  }
}

function indexFacets(facets: Facets | null): Record<FacetKind, Map<string, number>> {
  const index = (entries: Facets[FacetKind] | undefined) => new Map((entries ?? []).map((entry) => [entry.id, entry.count]));
  return { countries: index(facets?.countries), companies: index(facets?.companies), topics: index(facets?.topics), folders: index(facets?.folders) };
}
