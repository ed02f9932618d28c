import { z } from 'zod';
import { browserStorage, type KeyValueStorage } from './browser-storage.ts';

const STORAGE_KEY = 'radar.savedViews';

const SavedViewSchema = z.object({ name: z.string().min(1).max(80), search: z.string().max(4_000) });
export type SavedView = z.infer<typeof SavedViewSchema>;

/** Named dashboard views (a query string each), kept in this browser. */
export class SavedViews {
  views = $state<SavedView[]>([]);
  #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage = browserStorage()) {
    this.#storage = storage;
    const parsed = z.array(SavedViewSchema).safeParse(readJson(storage.getItem(STORAGE_KEY)));
    this.views = parsed.success ? parsed.data : [];
  }

  /** Saves a view under a name; the same name replaces the earlier view. */
  save(name: string, search: string): void {
    const view = SavedViewSchema.parse({ name: name.trim(), search });
    this.views = [...this.views.filter((existing) => existing.name !== view.name), view].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    this.#persist();
  }

  remove(name: string): void {
    this.views = this.views.filter((view) => view.name !== name);
    this.#persist();
  }

  #persist(): void {
    try {
      this.#storage.setItem(STORAGE_KEY, JSON.stringify(this.views));
    } catch {
      // Storage full or refused: the views stay for this visit.
    }
  }
}

function readJson(text: string | null): unknown {
  try {
    return text === null ? [] : JSON.parse(text);
  } catch {
    return [];
  }
}

export const savedViews = new SavedViews();
