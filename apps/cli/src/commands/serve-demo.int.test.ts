import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';

// `radar serve --demo` run as a user runs it (`pnpm demo`): its own process, a new data directory.

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'radar-cli-demo-'));
const prefix = `radar-test-demo-${process.pid}-${Date.now()}`;
const port = 20_000 + Math.floor(Math.random() * 20_000);
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  rmSync(dataDir, { recursive: true, force: true });
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

test("a new demo starts with its feeds, the team views and alerts of a policy team, and its week of stories with the team's picks pinned", async () => {
  child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--demo'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), RADAR_REDIS_PREFIX: prefix, DATABASE_URL: '', RADAR_ADMIN_TOKEN: 'demo-test-token' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Policy Radar demo on')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the demo did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(output).toMatch(/added \d+ demo feeds/);
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: 'Bearer demo-test-token' } })).json()) as T;

  const { views } = await api<{ views: { name: string; search: string }[] }>('/api/views');
  expect(views.map((view) => view.name).sort()).toEqual(['Brazil', 'Child safety, last 7 days', 'EU platform rules']);
  const { alerts } = await api<{ alerts: { name: string; query: string; trigger: string; channels: unknown[] }[] }>('/api/alerts');
  expect(alerts.map(({ name, query, trigger, channels }) => ({ name, query, trigger, channels }))).toEqual(
    expect.arrayContaining([
      { name: 'Child safety', query: 'topic:child-safety', trigger: 'story', channels: [] },
      { name: 'Rising in policy news', query: 'is:policy', trigger: 'rising', channels: [] },
      { name: 'Feeds that stop working', query: '', trigger: 'feed', channels: [] },
    ]),
  );
  expect(alerts).toHaveLength(3);
  // the first polls bring the newsroom's week of history
  const storyDeadline = Date.now() + 30_000;
  let stories: { stories: unknown[] } = { stories: [] };
  while (stories.stories.length < 20 && Date.now() < storyDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    stories = await api('/api/stories?limit=50');
  }
  expect(stories.stories.length).toBeGreaterThanOrEqual(20);
  // and the team's picks among them are pinned
  let picks: { stories: { title: string; pinnedAt: string | null }[] } = { stories: [] };
  while (picks.stories.length < 3 && Date.now() < storyDeadline + 30_000) {
    picks = await api('/api/stories?q=is%3Apinned');
    if (picks.stories.length < 3) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(picks.stories.map((story) => story.title).sort()).toEqual([
    'Australia passes law banning social media for children under 16',
    'Japan enacts law to curb Apple and Google dominance in smartphone apps',
    'NSO Group ordered to pay WhatsApp damages over Pegasus hacking',
  ]);
  expect(picks.stories.every((story) => story.pinnedAt !== null)).toBe(true);
});
