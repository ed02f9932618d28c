/** The threads libuv starts when UV_THREADPOOL_SIZE is unset, and the most it starts. */
const DEFAULT_THREADS = 4;
const MAX_THREADS = 1024;

/**
 * How many host lookups Node runs at once: getaddrinfo runs on libuv's threadpool, and libuv
 * gives such slow work at most half its threads, so that file and zlib work always has some.
 */
export function hostLookupSlots(env: NodeJS.ProcessEnv): number {
  return Math.floor((threadpoolSize(env) + 1) / 2);
}

/** The threads libuv starts, read from the variable as libuv reads it (atoi: a word is 0, 0 is 1, a negative wraps to the most). */
function threadpoolSize(env: NodeJS.ProcessEnv): number {
  if (env.UV_THREADPOOL_SIZE === undefined) return DEFAULT_THREADS;
  const asked = Number.parseInt(env.UV_THREADPOOL_SIZE.trim(), 10) || 0;
  if (asked < 0) return MAX_THREADS;
  return Math.min(Math.max(asked, 1), MAX_THREADS);
}

/**
 * A warning for an operator whose poller fetches more feeds at once than Node looks up hosts
 * at once, where a host whose DNS does not answer holds up the other feeds' lookups for its
 * whole timeout; null when there are slots enough. `pnpm radar` and `pnpm start` start with 32.
 */
export function lookupThreadsAdvice(env: NodeJS.ProcessEnv, concurrentPolls: number): string | null {
  const slots = hostLookupSlots(env);
  if (slots >= concurrentPolls) return null;
  const threads = env.UV_THREADPOOL_SIZE ? `UV_THREADPOOL_SIZE=${env.UV_THREADPOOL_SIZE}` : 'unset UV_THREADPOOL_SIZE';
  return (
    `${threads} lets Node look up ${slots} host${slots === 1 ? '' : 's'} at once, fewer than the ${concurrentPolls} feeds polled at once: ` +
    `a host whose DNS does not answer holds up the others' lookups; set UV_THREADPOOL_SIZE=${concurrentPolls * 4} before starting (pnpm radar does)`
  );
}
