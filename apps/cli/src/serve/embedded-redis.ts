import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { redactUrl } from '@radar/jobs';

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1500 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Makes sure Redis answers at `url`. When nothing does, the URL points at this machine and a
 * `redis-server` binary exists, it starts one for the lifetime of this process.
 */
export async function ensureRedis(url: string): Promise<{ stop(): void }> {
  if (await answers(url)) return { stop() {} };
  const { hostname, port } = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname);
  const binary = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (!local || binary.error || binary.status !== 0) {
    throw new Error(`nothing answers at ${redactUrl(url)}; start Redis or set REDIS_URL`);
  }
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', port || '6379', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await answers(url)) {
      console.log(`started redis-server on port ${port || 6379} for this process`);
      return { stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error('redis-server did not start');
}
