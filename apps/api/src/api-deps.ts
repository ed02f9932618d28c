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
  /** Widgets without a token work on any site (RADAR_ALLOW_ANONYMOUS_WIDGETS). */
  allowAnonymousWidgets?: boolean;
  /** Called when an admin revokes a widget token, so its open sockets are closed at once. */
  onWidgetTokenRevoked?: (tokenId: string) => void;
}
