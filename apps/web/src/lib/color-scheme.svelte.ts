import { flushSync } from 'svelte';

/**
 * Whether the page is drawn dark right now (the saved theme, or the system's when none is
 * saved; never on paper, which app.css keeps light). For what CSS cannot restyle by itself:
 * canvas charts pick their colours from it.
 */
class ColorScheme {
  dark = $state(false);
  #watching = false;

  constructor() {
    if (typeof window === 'undefined') return;
    this.#read();
  }

  /** Starts following theme changes (the theme toggle, the system setting); idempotent. */
  watch(): void {
    if (this.#watching || typeof window === 'undefined') return;
    this.#watching = true;
    new MutationObserver(() => this.#read()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.#read());
    // printing: the charts are drawn again in the light colours before the page goes to paper, and back after
    const redraw = () => {
      this.#read();
      flushSync();
    };
    window.matchMedia('print').addEventListener('change', redraw);
    window.addEventListener('afterprint', redraw);
  }

  #read(): void {
    this.dark = getComputedStyle(document.documentElement).colorScheme.includes('dark');
  }
}

export const colorScheme = new ColorScheme();
