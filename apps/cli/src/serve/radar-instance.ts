import type { RadarConfig } from '@radar/core';
import { openDatabase, type Database } from '@radar/db';
import { connectRedis, FeedScheduler, storyStreamKey } from '@radar/jobs';
import { startApiServer, type ApiServer } from '@radar/api';
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
}

export interface RadarInstance {
  database: Database;
  api: ApiServer | null;
  poller: Poller | null;
  scheduler: FeedScheduler;
  url: string;
  close(): Promise<void>;
}

/** Starts the API and/or the poller against one database and one Redis. */
export async function startRadar(options: RadarInstanceOptions): Promise<RadarInstance> {
  const { config } = options;
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
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
  const api =
    options.withApi === false
      ? null
      : await startApiServer({
          db: database.db,
          redis,
          scheduler,
          adminToken: config.adminToken,
          webRoot: options.webRoot,
          streamKey: storyStreamKey(settings),
          port: config.port,
        });
  return {
    database,
    api,
    poller,
    scheduler,
    url: `http://127.0.0.1:${api?.port ?? config.port}`,
    async close() {
      await api?.close();
      await poller?.close();
      await scheduler.close();
      redis.disconnect();
      if (!options.database) await database.close();
    },
  };
}
