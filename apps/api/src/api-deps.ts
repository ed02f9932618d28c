import type { Redis } from 'ioredis';
import type { RadarDb } from '@radar/db';
import type { FeedScheduler } from '@radar/jobs';

/** What the routes need from the outside world. */
export interface ApiDeps {
  db: RadarDb;
  redis: Redis;
  scheduler: FeedScheduler;
  adminToken: string | undefined;
  /** The built dashboard (apps/web/build); absent in API-only tests. */
  webRoot?: string;
}
