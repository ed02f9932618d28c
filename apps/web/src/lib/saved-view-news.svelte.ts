import { SvelteMap } from 'svelte/reactivity';
import { fetchStoredAfterCount } from './api-client.ts';
import { readDashboardQuery, viewFilter, windowBounds } from './dashboard-query.ts';

/** How often the counts are asked for again. */
const REFRESH_MS = 60_000;

/**
 * For each saved view (by its query string), how many of its stories came in since the
 * reader's last visit, so the saved views list shows which ones have news.
 */
export class SavedViewNews {
  /** New stories by the view's query string; a view not counted (yet) has no entry. */
  readonly counts = new SvelteMap<string, number>();
  #generation = 0;

  constructor(private readonly count = fetchStoredAfterCount) {}

  /** Counts each view's stories stored after its mark (none for a view without one: a first visit). */
  async refresh(searches: readonly string[], markOf: (search: string) => string | null, savedIds: readonly string[], now = Date.now()): Promise<void> {
    const generation = ++this.#generation;
    const answers = await Promise.all(
      searches.map(async (search) => {
        const query = readDashboardQuery(new URLSearchParams(search));
        const mark = markOf(search);
        if (mark === null) return [search, null] as const;
        try {
          return [search, await this.count(viewFilter(query, savedIds), mark, windowBounds(query, now))] as const;
        } catch {
          return [search, null] as const;
        }
      }),
    );
    if (generation !== this.#generation) return;
    this.counts.clear();
    for (const [search, count] of answers) if (count !== null) this.counts.set(search, count);
  }

  /** Counts now and every minute, with what `read` answers each time; returns the stop function. */
  follow(read: () => { searches: readonly string[]; markOf: (search: string) => string | null; savedIds: readonly string[] }): () => void {
    const run = () => {
      const { searches, markOf, savedIds } = read();
      void this.refresh(searches, markOf, savedIds);
    };
    run();
    const timer = setInterval(run, REFRESH_MS);
    return () => clearInterval(timer);
  }
}
