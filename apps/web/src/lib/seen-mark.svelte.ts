import { browserStorage, type KeyValueStorage } from './browser-storage.ts';

const STORAGE_KEY = 'radar.seenUpTo';
const VIEWS_KEY = 'radar.seenViews';
/** The views whose marks are kept: the most recently looked at. */
const MAX_VIEWS = 100;
/** Story ids are UUIDv7: their order is the order stories were stored in. */
const STORY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Away from the tab for less than this, the reader has not left: what was new stays new. */
export const AWAY_MS = 5 * 60_000;

type ViewMarks = Map<string, { id: string; at: number }>;

const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

/**
 * What this browser's reader has already had in front of them, so the stories stored since
 * they last looked stand out. A mark is the newest story id shown while the page was in view,
 * kept in localStorage: one for the whole dashboard and one per view (its query string), so a
 * saved view counts what came in since the reader last looked at that view. `before` is the
 * mark the stories of the view on screen are compared with: the one its last visit left (the
 * dashboard's, for a view never looked at), or the one the reader left the tab with after
 * being away a while.
 */
export class SeenMark {
  /** Stories stored after this one are new to the reader; null: none is (a first visit). */
  before = $state<string | null>(null);
  /** The page is in view (what is on screen is seen). */
  visible = $state(true);
  #seen: string | null;
  #views: ViewMarks;
  #view = '';
  #hiddenAt: number | null = null;
  #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage = browserStorage()) {
    this.#storage = storage;
    this.#seen = this.#read();
    this.#views = this.#readViews();
    this.before = this.markOf('');
  }

  isNew(story: { id: string }): boolean {
    return this.before !== null && story.id > this.before;
  }

  /** The mark of a view (its query string, '' for the plain stream): the dashboard's for a view never looked at. */
  markOf(view: string): string | null {
    return this.#views.get(view)?.id ?? this.#seen;
  }

  /** The reader turns to another view: its stories are compared with the mark its last visit left. */
  enter(view: string): void {
    if (view === this.#view) return;
    this.#view = view;
    this.before = this.markOf(view);
  }

  /** The reader has these stories of the view on screen in front of them: the marks move past the newest. */
  saw(stories: readonly { id: string }[], now = Date.now()): void {
    let newest: string | null = null;
    for (const story of stories) newest = later(newest, story.id);
    if (newest === null) return;
    const current = this.#views.get(this.#view)?.id;
    if (this.#seen !== null && newest <= this.#seen && current !== undefined && newest <= current) return;
    // another tab may have seen further
    const seen = later(later(this.#read(), this.#seen), newest);
    const views = this.#readViews();
    for (const [view, mark] of this.#views) if (!views.has(view) || views.get(view)!.id < mark.id) views.set(view, mark);
    const viewMark = later(views.get(this.#view)?.id ?? null, newest)!;
    const changed = seen !== this.#seen || viewMark !== this.#views.get(this.#view)?.id;
    this.#seen = seen;
    views.delete(this.#view);
    views.set(this.#view, { id: viewMark, at: now });
    this.#views = new Map([...views].slice(-MAX_VIEWS));
    if (!changed) return;
    try {
      this.#storage.setItem(STORAGE_KEY, this.#seen!);
      this.#storage.setItem(VIEWS_KEY, JSON.stringify([...this.#views]));
    } catch {
      // storage refused: the marks hold for this visit
    }
  }

  /** The tab went out of view. */
  hidden(now = Date.now()): void {
    this.#hiddenAt = now;
  }

  /**
   * The tab is in view again. After a while away, what arrived meanwhile is what is new;
   * after a glance elsewhere, what was new stays new.
   */
  shown(now = Date.now()): void {
    if (this.#hiddenAt !== null && now - this.#hiddenAt >= AWAY_MS) this.before = this.markOf(this.#view);
    this.#hiddenAt = null;
  }

  /** Follows the tab going out of view and back. */
  watch(target: Document): void {
    this.visible = target.visibilityState !== 'hidden';
    target.addEventListener('visibilitychange', () => {
      if (target.visibilityState === 'hidden') this.hidden();
      else this.shown();
      this.visible = target.visibilityState !== 'hidden';
    });
  }

  /** "Mark as seen": nothing of this view shown so far is new any more. */
  markSeen(): void {
    this.before = this.markOf(this.#view);
  }

  #read(): string | null {
    try {
      const value = this.#storage.getItem(STORAGE_KEY);
      return value !== null && STORY_ID.test(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** The views' marks, oldest looked at first; anything damaged is left out. */
  #readViews(): ViewMarks {
    try {
      const entries: unknown = JSON.parse(this.#storage.getItem(VIEWS_KEY) ?? '[]');
      if (!Array.isArray(entries)) return new Map();
      const marks: ViewMarks = new Map();
      for (const entry of entries) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1]?.id !== 'string' || !STORY_ID.test(entry[1].id)) continue;
        marks.set(entry[0], { id: entry[1].id, at: Number(entry[1].at) || 0 });
      }
      return marks;
    } catch {
      return new Map();
    }
  }
}

/** The dashboard's marks, for the whole visit (they follow the tab from the first page that asks). */
export const seenMark = new SeenMark();
if (typeof document !== 'undefined') seenMark.watch(document);
