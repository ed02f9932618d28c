import { adminToken as savedToken, type AdminToken } from './admin-token.svelte.ts';
import { ApiError } from './api-client.ts';

export const REFUSED_TOKEN = 'The server refused this token. Enter the current one.';

/** What an admin action came to: its answer, or nothing when the user closed the token dialog. */
export type GateResult<T> = { done: true; value: T } | { done: false };

/**
 * Admin writes from a page: runs an action with the saved admin token, asking for the
 * token in the page's dialog when none is saved, and again when the server refuses it.
 * The page's AdminTokenDialog shows `open` and `reason` and answers `saved()` or `closed()`.
 */
export class AdminGate {
  open = $state(false);
  reason = $state<string | null>(null);
  #answer: ((saved: boolean) => void) | null = null;
  readonly #token: AdminToken;

  constructor(token: AdminToken = savedToken) {
    this.#token = token;
  }

  /** Opens the dialog; true once a token is saved, false when it is closed without one. */
  ask(reason: string | null = null): Promise<boolean> {
    this.#answer?.(false);
    this.reason = reason;
    this.open = true;
    return new Promise((resolve) => (this.#answer = resolve));
  }

  saved(): void {
    this.#settle(true);
  }

  closed(): void {
    this.#settle(false);
  }

  #settle(saved: boolean): void {
    this.open = false;
    const answer = this.#answer;
    this.#answer = null;
    answer?.(saved);
  }

  /**
   * Runs `action` with the admin token, asking for one first (with `reason`, if given) when
   * none is saved, and again when the server refuses it. Other failures are thrown.
   */
  async run<T>(action: (token: string) => Promise<T>, reason: string | null = null): Promise<GateResult<T>> {
    let why = reason;
    for (;;) {
      const token = this.#token.value;
      if (!token) {
        if (!(await this.ask(why))) return { done: false };
        continue;
      }
      try {
        return { done: true, value: await action(token) };
      } catch (error) {
        if (!(error instanceof ApiError && (error.status === 401 || error.status === 403))) throw error;
        this.#token.clear();
        why = REFUSED_TOKEN;
      }
    }
  }
}
