import { browserStorage, type KeyValueStorage } from './browser-storage.ts';

const STORAGE_KEY = 'radar.adminToken';

/** The admin token for feed changes, asked once and kept in this browser. */
export class AdminToken {
  value = $state<string | null>(null);
  #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage = browserStorage()) {
    this.#storage = storage;
    this.value = storage.getItem(STORAGE_KEY);
  }

  set(token: string): void {
    const trimmed = token.trim();
    if (!trimmed) return this.clear();
    this.value = trimmed;
    this.#storage.setItem(STORAGE_KEY, trimmed);
  }

  clear(): void {
    this.value = null;
    this.#storage.removeItem(STORAGE_KEY);
  }
}

export const adminToken = new AdminToken();
