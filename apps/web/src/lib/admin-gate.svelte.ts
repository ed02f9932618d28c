import { adminToken as savedToken, type AdminToken } from './admin-token.svelte.ts';
import { ApiError } from './api-client.ts';

export const REFUSED_TOKEN = 'The server refused this token. Enter the current one.';

/** A refused or missing token: the server's answer that asks for the token again. */
const refusesToken = (error: unknown) => error instanceof ApiError && (error.status === 401 || error.status === 403);

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
        if (!refusesToken(error)) throw error;
        this.#token.clear();
        why = REFUSED_TOKEN;
      }
    }
  }

  /**
   * Runs `action` on each item in turn with one admin token, asked for as `run` asks: a refused
   * token starts the whole run again with the next one. Answers, item by item, the error its
   * action threw, or null where it was done.
   */
  runEach<T>(items: readonly T[], action: (item: T, token: string) => Promise<unknown>): Promise<GateResult<unknown[]>> {
    return this.run(async (token) => {
      const errors: unknown[] = [];
      for (const item of items) {
        try {
          await action(item, token);
          errors.push(null);
        } catch (error) {
          if (refusesToken(error)) throw error;
          errors.push(error);
        }
      }
      return errors;
    });
  }
}
