import { filterKey, type Story, type StoryFilter } from '@radar/core';
import { fetchStoryPage } from './api-client.ts';
import { ANY_TIME, timeWindowOf, windowBounds, windowKey, type TimeWindow } from './dashboard-query.ts';
import { FacetCounts } from './facet-counts.svelte.ts';
import { LiveConnection } from './live-connection.svelte.ts';
import { StoryStream } from './story-stream.svelte.ts';

const PAGE_SIZE = 50;
/** Live stories arriving within this window are shown in one update of the list. */
const BATCH_MS = 40;

/**
 * Ties the stream, the live connection and the counts to the filter in the URL. One
 * instance for the whole app, so the stream survives a visit to the feeds page.
 */
export class Dashboard {
  readonly stream = new StoryStream();
  readonly connection = new LiveConnection();
  readonly facets = new FacetCounts();
  /** Why the last page could not be loaded, shown above the list. */
  loadError = $state<string | null>(null);
  loadingOlder = $state(false);

  #arrivals: Story[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #viewKey: string | null = null;
  #window: TimeWindow = ANY_TIME;
  #generation = 0;
  #started = false;

  /** Opens the socket once; every (re)connect subscribes with the current filter and newest id. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.connection.connect({
      subscription: () => ({ ...this.stream.filter, since: this.stream.newestId }),
      onStory: (story) => this.#arrive(story),
      onStoryEdited: (edit) => this.edited(edit.story),
    });
  }

  /** The time range of the stories shown. */
  get window(): TimeWindow {
    return this.#window;
  }

  /**
   * Shows the stories for a filter and time range: first page, counts, then the live
   * subscription. Live stories are new: the page leaves out those a range of days that has
   * ended does not reach.
   */
  async show(filter: StoryFilter, window: TimeWindow = ANY_TIME): Promise<void> {
    const key = `${filterKey(filter)}|${windowKey(window)}`;
    if (key === this.#viewKey) return;
    this.#viewKey = key;
    this.#window = timeWindowOf(window);
    const generation = ++this.#generation;
    this.stream.reset(filter);
    this.loadError = null;
    void this.facets.show(filter, this.#window);
    try {
      const page = await fetchStoryPage(filter, null, PAGE_SIZE, windowBounds(window, Date.now()));
      if (generation !== this.#generation) return;
      this.stream.addPage(page.stories, page.nextCursor, page.clusterOutlets);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.stream.loading = false;
      this.loadError = error instanceof Error ? error.message : String(error);
    }
    // Subscribing after the first page lets `since` cover the gap between the two.
    this.connection.subscribe();
  }

  /** Loads the next older page, once at a time. */
  async loadOlder(): Promise<void> {
    const cursor = this.stream.nextCursor;
    if (!cursor || this.loadingOlder || this.stream.loading) return;
    const generation = this.#generation;
    this.loadingOlder = true;
    try {
      const page = await fetchStoryPage(this.stream.filter, cursor, PAGE_SIZE, windowBounds(this.#window, Date.now()));
      if (generation === this.#generation) this.stream.addPage(page.stories, page.nextCursor, page.clusterOutlets);
    } catch (error) {
      if (generation === this.#generation) this.loadError = error instanceof Error ? error.message : String(error);
    } finally {
      this.loadingOlder = false;
    }
  }

  #arrive(story: Story): void {
    this.#arrivals.push(story);
    // A timer, not an animation frame: frames stop in a background tab, whose title shows the count.
    this.#flushTimer ??= setTimeout(() => {
      this.#flushTimer = null;
      const outcomes = this.stream.receiveMany(this.#arrivals.splice(0));
      // the counts are of stories (reports), so one that only joins its event's row counts too
      if (outcomes.some((outcome) => outcome !== 'duplicate' && outcome !== 'unmatched')) this.facets.storyArrived();
    }, BATCH_MS);
  }

  /** A story whose tags an editor corrected, here or in another dashboard: its row changes or leaves, and the counts follow. */
  edited(story: Story): void {
    const { after, until } = windowBounds(this.#window, Date.now());
    const published = Date.parse(story.publishedAt);
    this.stream.edit(story, () => (after === null || published >= after) && (until === null || published < until));
    this.facets.storyArrived();
  }

  /** Reloads the current filter from scratch (after an error). */
  retry(): void {
    const filter = this.stream.filter;
    this.#viewKey = null;
    void this.show(filter, this.#window);
  }
}

export const dashboard = new Dashboard();
