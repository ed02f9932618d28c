/** One poll worker process of the benchmark: the real startPoller against the bench's database. */
import { openDatabase } from '@radar/db';
import { connectRedis } from '@radar/jobs';
import { startPoller } from '@radar/poller';

const [databaseUrl, prefix, concurrency] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: databaseUrl!, migrate: false });
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const poller = await startPoller({
  db: database.db,
  redis,
  prefix: prefix!,
  allowPrivateAddresses: true,
  concurrency: Number(concurrency ?? 16),
});
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await poller.close();
  redis.disconnect();
  await database.close();
  process.exit(0);
});
