import { EMPTY_FILTER, matchesFilter, type Story, type StoryFilter } from '@radar/core';

/** What happened to a story pushed to the stream. */
export type ReceiveOutcome = 'shown' | 'held' | 'duplicate' | 'unmatched';

const publishedTimes = new WeakMap<Story, number>();
/** A story's publication time in ms, parsed once (sorting 20,000 stories must not parse 600,000 dates). */
function publishedTime(story: Story): number {
  let time = publishedTimes.get(story);
  if (time === undefined) publishedTimes.set(story, (time = Date.parse(story.publishedAt) || 0));
  return time;
}

/**
 * Newest first by publication time, the order the API pages them in, so an older page always
 * goes below what is shown; the id (UUIDv7, the order stories were stored) breaks ties.
 */
export function newestFirst(a: Story, b: Story): number {
  const byTime = publishedTime(b) - publishedTime(a);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Index at which a story belongs in a newest-first list (binary search). */
function insertionIndex(stories: readonly Story[], story: Story): number {
  let low = 0;
  let high = stories.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(stories[middle]!, story) < 0) low = middle + 1;
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
  #newestId: string | undefined;

  /**
   * The greatest id the stream has, shown or held: the last story stored that it knows of
   * (ids are UUIDv7), where a reconnect resumes whatever the stories' publication times.
   */
  get newestId(): string | undefined {
    return this.#newestId;
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
    this.#newestId = undefined;
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
      oldestShown === undefined || newestFirst(oldestShown, fresh[0]!) < 0 ? [...this.stories, ...fresh] : merge(this.stories, fresh);
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
      this.#remember(story);
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
    this.stories = merge(this.stories, this.held);
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
      this.#remember(story);
      fresh.push(story);
    }
    return fresh;
  }

  #remember(story: Story): void {
    this.#ids.add(story.id);
    if (this.#newestId === undefined || story.id > this.#newestId) this.#newestId = story.id;
  }
}

/**
 * Merges new stories into a newest-first list: one at its place, many in one linear pass
 * (a burst, or thousands held while paused, costs no sort of the whole list).
 */
function merge(stories: readonly Story[], fresh: readonly Story[]): Story[] {
  if (fresh.length === 1) {
    const story = fresh[0]!;
    const at = insertionIndex(stories, story);
    return [...stories.slice(0, at), story, ...stories.slice(at)];
  }
  const incoming = [...fresh].sort(newestFirst);
  const merged: Story[] = new Array(stories.length + incoming.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) {
    merged[k] = j >= incoming.length || (i < stories.length && newestFirst(stories[i]!, incoming[j]!) <= 0) ? stories[i++]! : incoming[j++]!;
  }
  return merged;
}
