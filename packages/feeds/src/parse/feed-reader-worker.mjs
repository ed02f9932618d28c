// The feed reader's thread starts here: the product runs its TypeScript through tsx, whose
// loader a worker thread does not inherit.
import { register } from 'tsx/esm/api';

register();
await import('./feed-reader-worker.ts');
