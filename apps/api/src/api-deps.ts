import type { Redis } from 'ioredis';
import type { StoryEdit } from '@radar/core';
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
  /** Lists of feeds at private addresses may be fetched (RADAR_ALLOW_PRIVATE_ADDRESSES: tests and the demo only). */
  allowPrivateAddresses?: boolean;
  /** Widgets without a token work on any site (RADAR_ALLOW_ANONYMOUS_WIDGETS). */
  allowAnonymousWidgets?: boolean;
  /**
   * Sends a test message to an alert's channel through the notifiers' queue and says what came
   * of it (the notifier's createAlertTester); absent, the alerts API answers tests with 503.
   */
  alertTester?: {
    send(alertId: string, channelId: string): Promise<{ ok: true; status: number | null } | { ok: false; reason: 'failed' | 'timeout'; error: string }>;
  };
  /** Passes an editor's correction of a story's tags to open dashboards (through every API node); absent, edits are only stored. */
  announceStoryEdit?: (edit: StoryEdit) => Promise<void>;
  /** Called when an admin revokes a widget token, so its open sockets are closed at once. */
  onWidgetTokenRevoked?: (tokenId: string) => void;
}
