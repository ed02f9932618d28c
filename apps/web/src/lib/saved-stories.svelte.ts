import { z } from 'zod';
import { browserStorage, type KeyValueStorage } from './browser-storage.ts';

const STORAGE_KEY = 'radar.savedStories';
/** As many as one request's filter can name (the API takes 300 ids). */
export const MAX_SAVED_STORIES = 300;

const SavedSchema = z.array(z.object({ id: z.string().min(1).max(64), savedAt: z.number() })).max(MAX_SAVED_STORIES);
type Saved = z.infer<typeof SavedSchema>[number];

/**
 * The stories a reader keeps for later (a briefing, a report), kept in this browser like the
 * saved views, newest saved first. Other tabs of the dashboard follow along.
 */
export class SavedStories {
  #saved = $state.raw<Saved[]>([]);
  #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage = browserStorage()) {
    this.#storage = storage;
    this.#saved = this.#read();
  }

  /** Ids, newest saved first. */
  get ids(): string[] {
    return this.#saved.map((entry) => entry.id);
  }

  get count(): number {
    return this.#saved.length;
  }

  has(id: string): boolean {
    return this.#saved.some((entry) => entry.id === id);
  }

  /** Saves a story, or answers false when the list is full. */
  save(id: string, now = Date.now()): boolean {
    if (this.has(id)) return true;
    if (this.#saved.length >= MAX_SAVED_STORIES) return false;
    this.#saved = [{ id, savedAt: now }, ...this.#saved];
    this.#persist();
    return true;
  }

  remove(id: string): void {
    this.#saved = this.#saved.filter((entry) => entry.id !== id);
    this.#persist();
  }

  clear(): void {
    this.#saved = [];
    this.#persist();
  }

  /** Reads the list again (another tab changed it). */
  reload(): void {
    this.#saved = this.#read();
  }

  #read(): Saved[] {
    try {
      const parsed = SavedSchema.safeParse(JSON.parse(this.#storage.getItem(STORAGE_KEY) ?? '[]'));
      return parsed.success ? parsed.data.sort((a, b) => b.savedAt - a.savedAt) : [];
    } catch {
      return [];
    }
  }

  #persist(): void {
    try {
      this.#storage.setItem(STORAGE_KEY, JSON.stringify(this.#saved));
    } catch {
      // storage full or refused: the list holds for this visit
    }
  }
}

/** The dashboard's saved stories, shared by every page. */
export const savedStories = new SavedStories();
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) savedStories.reload();
  });
}
