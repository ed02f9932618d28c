import { EMPTY_FILTER, matchesFilter, type Story, type StoryFilter } from '@radar/core';
import { eventKey, StoryEvents, type EventOutlets } from './story-events.ts';

/**
 * What happened to a story pushed to the stream: it became its event's row (`shown`), waits
 * behind the "N new" bar (`held`), only raised the outlet count of its event's row, which
 * already shows a newer report (`counted`), was had already (`duplicate`) or is not in the view.
 */
export type ReceiveOutcome = 'shown' | 'held' | 'counted' | 'duplicate' | 'unmatched';

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
 * The stories of the dashboard, one row per event, newest first, for one filter. Every outlet's
 * report of an event is one story; the event's row is its newest report, with a count of the
 * outlets that reported it. Pages of older stories come from the REST API, new ones live from
 * the socket. While the reader is scrolled down or has paused the stream, new stories wait in
 * `held` (the "N new" bar, one per event) so the list never moves under their eyes.
 */
export class StoryStream {
  /** The rows shown, newest first, one per event. Raw state: 20,000 stories must not become 20,000 proxies. */
  stories = $state.raw<Story[]>([]);
  /** Rows that arrived live but are not shown yet, newest first, one per event. */
  held = $state.raw<Story[]>([]);
  filter = $state.raw<StoryFilter>(EMPTY_FILTER);
  /** Cursor for the next older page; null when the oldest story is loaded. */
  nextCursor = $state<string | null>(null);
  /** True until the first page for this filter has arrived. */
  loading = $state(true);
  paused = $state(false);
  /** The reader has scrolled away from the newest story. */
  reading = $state(false);

  /** Every report seen, shown in a row or not, by id. */
  #reports = new Map<string, Story>();
  #events = new StoryEvents();
  /** Bumped when an event's outlets change, so the few rows on screen read their counts again. */
  #outletsVersion = $state(0);
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

  /** How many outlets reported the event of a row, and the names of the others. */
  outletsOf(row: Story): EventOutlets {
    void this.#outletsVersion;
    return this.#events.outlets(row);
  }

  /** A report the stream has, in a row or grouped under one. */
  report(id: string): Story | undefined {
    return this.#reports.get(id);
  }

  /** True when the row reports the same event as the story with this id (an older report of it, say). */
  sameEvent(row: Story, id: string | null): boolean {
    if (id === null) return false;
    if (row.id === id) return true;
    const other = this.#reports.get(id);
    return other !== undefined && eventKey(other) === eventKey(row);
  }

  /** Starts over for a new filter. */
  reset(filter: StoryFilter): void {
    this.filter = filter;
    this.stories = [];
    this.held = [];
    this.nextCursor = null;
    this.loading = true;
    this.#reports = new Map();
    this.#events.clear();
    this.#outletsVersion += 1;
    this.#newestId = undefined;
  }

  /**
   * Adds a page of stories from the REST API (any order; duplicates dropped), with the API's
   * count of outlets per cluster. A report of an event already in the list only counts in its
   * row (or becomes the row, when newer than it).
   */
  addPage(stories: readonly Story[], nextCursor: string | null, clusterOutlets: Readonly<Record<string, number>> = {}): void {
    let outletsChanged = false;
    for (const [key, outlets] of Object.entries(clusterOutlets)) outletsChanged = this.#events.setReported(key, outlets) || outletsChanged;
    const fresh = this.#unseen(stories.filter((story) => matchesFilter(story, this.filter)));
    this.nextCursor = nextCursor;
    this.loading = false;
    fresh.sort(newestFirst);
    const shown = new RowChanges();
    const held = new RowChanges();
    for (const story of fresh) {
      outletsChanged = this.#events.addReport(story, false) || outletsChanged;
      const event = this.#events.of(story);
      const row = event.held ?? event.shown;
      if (row && newestFirst(row, story) <= 0) continue;
      // an event waiting behind the "N new" bar takes the report there
      if (event.held) {
        held.replace(event.held, story);
        event.held = story;
      } else {
        shown.replace(event.shown, story);
        event.shown = story;
      }
    }
    if (outletsChanged) this.#outletsVersion += 1;
    if (held.added.size > 0) this.held = held.applyTo(this.held);
    if (shown.added.size === 0) return;
    const kept = without(this.stories, shown.removed);
    const oldestShown = kept.at(-1);
    const added = [...shown.added];
    // The usual case, an older page, appends; anything else is merged in order.
    this.stories = oldestShown === undefined || newestFirst(oldestShown, added[0]!) < 0 ? [...kept, ...added] : merge(kept, added);
  }

  /** A story pushed live. The server filters already; the matcher double-checks. */
  receive(story: Story): ReceiveOutcome {
    return this.receiveMany([story])[0]!;
  }

  /**
   * Several live stories at once (a burst, or the replay after a reconnect): one update of
   * the list however many arrive, so thousands of replayed stories cost one render. A newer
   * report of an event already shown moves its row up (or holds it behind the "N new" bar);
   * an older one only counts its outlet.
   */
  receiveMany(stories: readonly Story[]): ReceiveOutcome[] {
    let outletsChanged = false;
    const shown = new RowChanges();
    const held = new RowChanges();
    const outcomes = stories.map((story): ReceiveOutcome => {
      if (this.#reports.has(story.id)) return 'duplicate';
      if (!matchesFilter(story, this.filter)) return 'unmatched';
      this.#remember(story);
      outletsChanged = this.#events.addReport(story, true) || outletsChanged;
      const event = this.#events.of(story);
      const row = event.held ?? event.shown;
      if (row && newestFirst(row, story) <= 0) return 'counted';
      if (this.holding) {
        held.replace(event.held, story);
        event.held = story;
        return 'held';
      }
      shown.replace(event.shown, story);
      event.shown = story;
      return 'shown';
    });
    if (outletsChanged) this.#outletsVersion += 1;
    if (held.added.size > 0) this.held = held.applyTo(this.held);
    if (shown.added.size > 0) this.stories = shown.applyTo(this.stories);
    return outcomes;
  }

  /**
   * An editor corrected a story's tags: the stream's copy of it is replaced, in its row where it
   * is one. A row the filter no longer matches leaves the list, and another report of its event
   * that still matches takes its place. A story the stream never had that the filter matches
   * now joins the list when it falls among the stories loaded (`inRange`: within the
   * dashboard's time range); one older than them comes with the page that reaches it.
   * Returns whether the stream had the story or takes it now.
   */
  edit(story: Story, inRange: (story: Story) => boolean = () => true): boolean {
    const had = this.#reports.get(story.id);
    if (!had) return this.#admit(story, inRange);
    this.#reports.set(story.id, story);
    const event = this.#events.of(had);
    if (matchesFilter(story, this.filter)) {
      if (event.shown === had) {
        event.shown = story;
        this.stories = replaced(this.stories, had, story);
      }
      if (event.held === had) {
        event.held = story;
        this.held = replaced(this.held, had, story);
      }
      return true;
    }
    // The row leaves; the event's newest other report still matching (loaded, never held) takes its place.
    this.#reports.delete(story.id);
    if (event.held === had) {
      event.held = undefined;
      this.held = [...without(this.held, new Set([had]))];
    }
    if (event.shown === had) {
      const next = this.#newestReportOf(eventKey(had), event.held);
      event.shown = next;
      const rows = without(this.stories, new Set([had]));
      this.stories = next ? merge(rows, [next]) : [...rows];
    }
    return true;
  }

  /** A story the stream did not have, matching after a correction: shown where it falls among the stories loaded. */
  #admit(story: Story, inRange: (story: Story) => boolean): boolean {
    if (this.loading || !matchesFilter(story, this.filter) || !inRange(story)) return false;
    const oldest = this.stories.at(-1);
    if (this.nextCursor !== null && (oldest === undefined || newestFirst(oldest, story) < 0)) return false;
    this.addPage([story], this.nextCursor);
    return true;
  }

  /** The newest report of an event the stream has that its filter matches, other than the one held. */
  #newestReportOf(key: string, held: Story | undefined): Story | undefined {
    let newest: Story | undefined;
    for (const report of this.#reports.values()) {
      if (report === held || eventKey(report) !== key || !matchesFilter(report, this.filter)) continue;
      if (!newest || newestFirst(report, newest) < 0) newest = report;
    }
    return newest;
  }

  /** Shows the held stories (the reader clicked the "N new" bar or came back to the top): each event's row moves up. */
  showHeld(): void {
    if (this.held.length === 0) return;
    const moved = new Set<Story>();
    for (const row of this.held) {
      const event = this.#events.of(row);
      if (event.shown) moved.add(event.shown);
      event.shown = row;
      event.held = undefined;
    }
    this.stories = merge(without(this.stories, moved), this.held);
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
      if (this.#reports.has(story.id)) continue;
      this.#remember(story);
      fresh.push(story);
    }
    return fresh;
  }

  #remember(story: Story): void {
    this.#reports.set(story.id, story);
    if (this.#newestId === undefined || story.id > this.#newestId) this.#newestId = story.id;
  }
}

/** The rows a batch adds to a list, newest first, and the rows of the same events they take the place of. */
class RowChanges {
  readonly added = new Set<Story>();
  readonly removed = new Set<Story>();

  /** A report becomes its event's row, in place of the previous one (shown before, or added earlier in the batch). */
  replace(previous: Story | undefined, row: Story): void {
    if (previous) {
      this.added.delete(previous);
      this.removed.add(previous);
    }
    this.added.add(row);
  }

  applyTo(rows: readonly Story[]): Story[] {
    return merge(without(rows, this.removed), [...this.added]);
  }
}

/** The list with one row in place of another. */
function replaced(rows: readonly Story[], row: Story, by: Story): Story[] {
  return rows.map((each) => (each === row ? by : each));
}

/** The list without these rows (the list itself when there are none to take out). */
function without(rows: readonly Story[], gone: ReadonlySet<Story>): readonly Story[] {
  return gone.size === 0 ? rows : rows.filter((row) => !gone.has(row));
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
