/**
 * One poll worker process of the benchmark: the real startPoller against the bench's database.
 * Prints 'ready' once started; on SIGUSR2 the CPU time it used since then; counts each poll
 * it finishes in Redis (<prefix>:bench-polls), so the bench knows when a round of polls is done.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '@radar/db';
import { connectRedis } from '@radar/jobs';
import { startPoller } from '@radar/poller';

const [databaseUrl, prefix, concurrency] = process.argv.slice(2);
// the bench's feeds have no secrets: any key will do
const database = await openDatabase({ databaseUrl: databaseUrl!, migrate: false, secretKey: randomBytes(32).toString('base64url') });
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const poller = await startPoller({
  db: database.db,
  redis,
  prefix: prefix!,
  allowPrivateAddresses: true,
  concurrency: Number(concurrency ?? 16),
  onPolled: () => void redis.incr(`${prefix}:bench-polls`).catch(() => {}),
});
// CPU time is counted from here: what the poller spends on ingesting, not on starting
const ready = process.cpuUsage();
process.stdout.write('ready\n');
process.on('SIGUSR2', () => {
  const used = process.cpuUsage(ready);
  process.stdout.write(`${JSON.stringify({ cpuMicros: used.user + used.system, systemMicros: used.system })}\n`);
});
process.on('SIGTERM', async () => {
  await poller.close();
  redis.disconnect();
  await database.close();
  process.exit(0);
});
