/** The current time, ticking while anything reads it, for relative times ("3 min. ago"). */
class Clock {
  #now = $state(Date.now());
  #subscribers = 0;
  #timer: ReturnType<typeof setInterval> | null = null;

  get now(): number {
    if ($effect.tracking()) {
      $effect(() => {
        if (this.#subscribers++ === 0) this.#timer = setInterval(() => (this.#now = Date.now()), 15_000);
        return () => {
          if (--this.#subscribers === 0 && this.#timer !== null) {
            clearInterval(this.#timer);
            this.#timer = null;
          }
        };
      });
    }
    return this.#now;
  }
}

export const clock = new Clock();
