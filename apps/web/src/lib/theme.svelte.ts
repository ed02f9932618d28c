import { browserStorage, type KeyValueStorage } from './browser-storage.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'radar.theme';
const isChoice = (value: string | null): value is ThemeChoice => value === 'system' || value === 'light' || value === 'dark';

/** Light, dark or the system's; written on <html data-theme> so the CSS variables follow. */
export class ThemePreference {
  choice = $state<ThemeChoice>('system');
  #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage = browserStorage()) {
    this.#storage = storage;
    const stored = storage.getItem(STORAGE_KEY);
    this.choice = isChoice(stored) ? stored : 'system';
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    if (choice === 'system') this.#storage.removeItem(STORAGE_KEY);
    else this.#storage.setItem(STORAGE_KEY, choice);
    this.apply();
  }

  /** The next choice in the order system → light → dark. */
  cycle(): void {
    this.set(this.choice === 'system' ? 'light' : this.choice === 'light' ? 'dark' : 'system');
  }

  apply(root: HTMLElement | undefined = globalThis.document?.documentElement): void {
    if (!root) return;
    if (this.choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.choice;
  }
}

export const theme = new ThemePreference();
