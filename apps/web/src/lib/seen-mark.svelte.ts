import { browserStorage, type KeyValueStorage } from './browser-storage.ts';

const STORAGE_KEY = 'radar.seenUpTo';
/** Story ids are UUIDv7: their order is the order stories were stored in. */
const STORY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Away from the tab for less than this, the reader has not left: what was new stays new. */
export const AWAY_MS = 5 * 60_000;

/**
 * What this browser's reader has already had in front of them, so the stories stored since
 * their last visit stand out. The mark is the newest story id shown while the page was in
 * view, kept in localStorage; `before` is the mark the stories are compared with: the one
 * left by the last visit, or the one the reader left the tab with after being away a while.
 */
export class SeenMark {
  /** Stories stored after this one are new to the reader; null: none is (a first visit). */
  before = $state<string | null>(null);
  /** The page is in view (what is on screen is seen). */
  visible = $state(true);
  #seen: string | null;
  #hiddenAt: number | null = null;
  #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage = browserStorage()) {
    this.#storage = storage;
    this.#seen = this.#read();
    this.before = this.#seen;
  }

  isNew(story: { id: string }): boolean {
    return this.before !== null && story.id > this.before;
  }

  /** The reader has these stories in front of them: the mark moves past the newest. */
  saw(stories: readonly { id: string }[]): void {
    let newest = this.#seen;
    for (const story of stories) if (newest === null || story.id > newest) newest = story.id;
    if (newest === null || newest === this.#seen) return;
    // another tab may have seen further
    const stored = this.#read();
    this.#seen = stored !== null && stored > newest ? stored : newest;
    try {
      this.#storage.setItem(STORAGE_KEY, this.#seen);
    } catch {
      // storage refused: the mark holds for this visit
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
    if (this.#hiddenAt !== null && now - this.#hiddenAt >= AWAY_MS) this.before = this.#seen;
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

  /** "Mark as seen": nothing shown so far is new any more. */
  markSeen(): void {
    this.before = this.#seen;
  }

  #read(): string | null {
    try {
      const value = this.#storage.getItem(STORAGE_KEY);
      return value !== null && STORY_ID.test(value) ? value : null;
    } catch {
      return null;
    }
  }
}

/** The dashboard's mark, for the whole visit (it follows the tab from the first page that asks). */
export const seenMark = new SeenMark();
if (typeof document !== 'undefined') seenMark.watch(document);
