import type { RadarConfig } from '@radar/core';
import type { Database } from '@radar/db';
import { openConfiguredDatabase } from './installation-secrets.ts';
import { alertNoticeStreamKey, connectRedis, FeedScheduler, storyEditStreamKey, storyStreamKey } from '@radar/jobs';
import { startApiServer, type ApiServer } from '@radar/api';
import { createAlertTester, startNotifier, type Notifier, type NotifierOptions } from '@radar/notifier';
import { startPoller, type Poller, type PollerOptions } from '@radar/poller';

export interface RadarInstanceOptions {
  config: RadarConfig;
  /** An open database; when absent one is opened from the config. */
  database?: Database;
  webRoot?: string;
  /** Run the poll worker in this process (the embedded default). */
  withPoller?: boolean;
  /** Run the HTTP API in this process. */
  withApi?: boolean;
  onPolled?: PollerOptions['onPolled'];
  /** Run alert matching and delivery in this process (default true). */
  withNotifier?: boolean;
  /** Notifier settings beyond the config (retry timing, hooks for tests). */
  notifier?: Partial<Pick<NotifierOptions, 'retry' | 'claimIdleMs' | 'digestSweepMs' | 'onFired' | 'onDelivered'>>;
}

export interface RadarInstance {
  database: Database;
  api: ApiServer | null;
  poller: Poller | null;
  notifier: Notifier | null;
  scheduler: FeedScheduler;
  url: string;
  close(): Promise<void>;
}

/** Starts the API, the poller and/or the notifier against one database and one Redis. */
export async function startRadar(options: RadarInstanceOptions): Promise<RadarInstance> {
  const { config } = options;
  const database = options.database ?? (await openConfiguredDatabase(config));
  const redis = connectRedis(config.redisUrl);
  const settings = { prefix: config.redisPrefix };
  const scheduler = new FeedScheduler(redis, settings);
  const poller =
    options.withPoller === false
      ? null
      : await startPoller({
          ...settings,
          db: database.db,
          redis,
          allowPrivateAddresses: config.allowPrivateAddresses,
          publicUrl: config.publicUrl,
          onPolled: options.onPolled,
        });
  const notifier =
    options.withNotifier === false
      ? null
      : await startNotifier({
          ...settings,
          ...options.notifier,
          db: database.db,
          redis,
          allowPrivateAddresses: config.allowPrivateAddresses,
          smtpUrl: config.smtpUrl,
          mailFrom: config.mailFrom,
        });
  // test messages go through the notifiers' queue, wherever the notifiers run
  const alertTester = options.withApi === false ? null : createAlertTester({ ...settings, redis });
  const api =
    options.withApi === false
      ? null
      : await startApiServer({
          alertTester: alertTester ?? undefined,
          db: database.db,
          redis,
          scheduler,
          adminToken: config.adminToken,
          allowAnonymousWidgets: config.allowAnonymousWidgets,
          allowPrivateAddresses: config.allowPrivateAddresses,
          webRoot: options.webRoot,
          streamKey: storyStreamKey(settings),
          alertNoticeStreamKey: alertNoticeStreamKey(settings),
          storyEditStreamKey: storyEditStreamKey(settings),
          port: config.port,
        });
  return {
    database,
    api,
    poller,
    notifier,
    scheduler,
    url: `http://127.0.0.1:${api?.port ?? config.port}`,
    async close() {
      await api?.close();
      await alertTester?.close();
      await poller?.close();
      await notifier?.close();
      await scheduler.close();
      redis.disconnect();
      if (!options.database) await database.close();
    },
  };
}
