import { EMPTY_FILTER, matchesFilter, type Story, type StoryFilter } from '@radar/core';

/** What happened to a story pushed to the stream. */
export type ReceiveOutcome = 'shown' | 'held' | 'duplicate' | 'unmatched';

/** Newest first: story ids are UUIDv7, so a greater id is a later story. */
const newestFirst = (a: Story, b: Story) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Index at which a story belongs in a newest-first list (binary search on the id). */
function insertionIndex(stories: readonly Story[], id: string): number {
  let low = 0;
  let high = stories.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (stories[middle]!.id > id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The stories of the dashboard, newest first, for one filter. Pages of older stories
 * come from the REST API, new ones live from the socket. While the reader is scrolled
 * down or has paused the stream, new stories wait in `held` (the "N new" bar) so the
 * list never moves under their eyes.
 */
export class StoryStream {
  /** Shown, newest first. Raw state: 20,000 stories must not become 20,000 proxies. */
  stories = $state.raw<Story[]>([]);
  /** Arrived live but not shown yet, newest first. */
  held = $state.raw<Story[]>([]);
  filter = $state.raw<StoryFilter>(EMPTY_FILTER);
  /** Cursor for the next older page; null when the oldest story is loaded. */
  nextCursor = $state<string | null>(null);
  /** True until the first page for this filter has arrived. */
  loading = $state(true);
  paused = $state(false);
  /** The reader has scrolled away from the newest story. */
  reading = $state(false);

  #ids = new Set<string>();

  /** The id of the newest story the stream has, shown or held: where a reconnect resumes. */
  get newestId(): string | undefined {
    const shown = this.stories[0]?.id;
    const held = this.held[0]?.id;
    if (shown === undefined) return held;
    if (held === undefined) return shown;
    return held > shown ? held : shown;
  }

  get holding(): boolean {
    return this.paused || this.reading;
  }

  /** Starts over for a new filter. */
  reset(filter: StoryFilter): void {
    this.filter = filter;
    this.stories = [];
    this.held = [];
    this.nextCursor = null;
    this.loading = true;
    this.#ids = new Set();
  }

  /** Adds a page of stories from the REST API (any order; duplicates dropped). */
  addPage(stories: readonly Story[], nextCursor: string | null): void {
    const fresh = this.#unseen(stories.filter((story) => matchesFilter(story, this.filter)));
    this.nextCursor = nextCursor;
    this.loading = false;
    if (fresh.length === 0) return;
    fresh.sort(newestFirst);
    const oldestShown = this.stories.at(-1);
    // The usual case, an older page, appends; anything else is merged in order.
    this.stories =
      oldestShown === undefined || fresh[0]!.id < oldestShown.id
        ? [...this.stories, ...fresh]
        : [...this.stories, ...fresh].sort(newestFirst);
  }

  /** A story pushed live. The server filters already; the matcher double-checks. */
  receive(story: Story): ReceiveOutcome {
    return this.receiveMany([story])[0]!;
  }

  /**
   * Several live stories at once (a burst, or the replay after a reconnect): one update of
   * the list however many arrive, so thousands of replayed stories cost one render.
   */
  receiveMany(stories: readonly Story[]): ReceiveOutcome[] {
    const accepted: Story[] = [];
    const outcomes = stories.map((story): ReceiveOutcome => {
      if (this.#ids.has(story.id)) return 'duplicate';
      if (!matchesFilter(story, this.filter)) return 'unmatched';
      this.#ids.add(story.id);
      accepted.push(story);
      return this.holding ? 'held' : 'shown';
    });
    if (accepted.length === 0) return outcomes;
    if (this.holding) this.held = merge(this.held, accepted);
    else this.stories = merge(this.stories, accepted);
    return outcomes;
  }

  /** Shows the held stories (the reader clicked the "N new" bar or came back to the top). */
  showHeld(): void {
    if (this.held.length === 0) return;
    this.stories = [...this.held, ...this.stories].sort(newestFirst);
    this.held = [];
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!this.holding) this.showHeld();
  }

  setReading(reading: boolean): void {
    if (this.reading === reading) return;
    this.reading = reading;
    if (!this.holding) this.showHeld();
  }

  #unseen(stories: readonly Story[]): Story[] {
    const fresh: Story[] = [];
    for (const story of stories) {
      if (this.#ids.has(story.id)) continue;
      this.#ids.add(story.id);
      fresh.push(story);
    }
    return fresh;
  }
}

/** Merges new stories into a newest-first list: one at its place, many by a sort. */
function merge(stories: readonly Story[], fresh: Story[]): Story[] {
  if (fresh.length === 1) {
    const story = fresh[0]!;
    const at = insertionIndex(stories, story.id);
    return [...stories.slice(0, at), story, ...stories.slice(at)];
  }
  return [...fresh, ...stories].sort(newestFirst);
}
