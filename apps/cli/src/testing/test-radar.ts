import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { readConfig, type Story } from '@radar/core';
import { openScratchDatabase, type DatabaseKind } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import type { PollOutcome } from '@radar/poller';
import { Newsroom, type NewsItem, type Outlet } from '../demo/newsroom.ts';
import { startRadar, type RadarInstance, type RadarInstanceOptions } from '../serve/radar-instance.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token';
export const WEB_ROOT = fileURLToPath(new URL('../../../web/build', import.meta.url));

/**
 * The whole product for one test file: a scratch database, its own Redis prefix, a local
 * newsroom serving feeds, and helpers to add feeds and wait for their polls.
 */
export class TestRadar {
  readonly newsroom = new Newsroom();
  readonly prefix = `radar-test-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  radar!: RadarInstance;
  /** Every poll outcome so far, in order, so a poll that ends before anyone waits is not missed. */
  readonly polls: { feedId: string; outcome: PollOutcome; manual: boolean }[] = [];
  /** The feed id of each outlet opened with `addOutlet`, by slug. */
  readonly #outletFeeds = new Map<string, string>();

  async start(
    kind: DatabaseKind,
    options: { webRoot?: string; port?: number; env?: Record<string, string>; notifier?: RadarInstanceOptions['notifier'] } = {},
  ): Promise<this> {
    await this.newsroom.start();
    const config = readConfig({
      ...process.env,
      ...options.env,
      PORT: String(options.port ?? 0),
      RADAR_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      RADAR_ALLOW_PRIVATE_ADDRESSES: '1',
      RADAR_REDIS_PREFIX: this.prefix,
    });
    this.radar = await startRadar({
      config,
      database: await openScratchDatabase(kind),
      webRoot: options.webRoot,
      notifier: options.notifier,
      onPolled: (feedId, outcome, job) => void this.polls.push({ feedId, outcome, manual: job.manual === true }),
    });
    return this;
  }

  get url(): string {
    return this.radar.url;
  }

  api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...init.headers },
    });
  }

  /**
   * The outcome of the first poll of a feed that ends after the given point of the log:
   * a manual one when asked, else the first that was not skipped (a scheduled run that
   * found the feed not due yet).
   */
  async pollAfter(feedId: string, seen: number, manual = false): Promise<PollOutcome> {
    let found: PollOutcome | undefined;
    await waitUntil(() => {
      found = this.polls
        .slice(seen)
        .find((p) => p.feedId === feedId && (manual ? p.manual : p.outcome.kind !== 'skipped'))?.outcome;
      return found !== undefined;
    }, `a poll of feed ${feedId}`);
    return found!;
  }

  /** Adds a feed through the API and waits for its first poll, which the scheduler runs at once. */
  async addFeed(url: string): Promise<{ id: string; firstPoll: PollOutcome }> {
    const seen = this.polls.length;
    const response = await this.api('/api/feeds', { method: 'POST', body: JSON.stringify({ url }) });
    if (response.status !== 201) throw new Error(`adding ${url}: HTTP ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    return { id, firstPoll: await this.pollAfter(id, seen) };
  }

  /** Opens an outlet in the newsroom and adds its feed (first poll done); answers the feed id. */
  async addOutlet(outlet: Outlet): Promise<string> {
    const { id } = await this.addFeed(this.newsroom.addOutlet(outlet));
    this.#outletFeeds.set(outlet.slug, id);
    return id;
  }

  /**
   * Publishes one story at an outlet opened with `addOutlet`, polls its feed now (so the
   * poller stores, tags and clusters it) and answers the story as the API lists it.
   */
  async publishStory(slug: string, item: NewsItem): Promise<Story> {
    const feedId = this.#outletFeeds.get(slug);
    if (!feedId) throw new Error(`no outlet ${slug} added`);
    this.newsroom.publish(slug, item);
    const outcome = await this.refresh(feedId);
    if (outcome.kind !== 'polled' || outcome.inserted !== 1) throw new Error(`polling ${slug}: ${JSON.stringify(outcome)}`);
    const { stories } = (await (await this.api('/api/stories?limit=100')).json()) as { stories: Story[] };
    const story = stories.find((candidate) => candidate.title === item.title);
    if (!story) throw new Error(`"${item.title}" is not among the latest stories`);
    return story;
  }

  /** Polls a feed now and waits for the outcome. */
  async refresh(feedId: string): Promise<PollOutcome> {
    const seen = this.polls.length;
    const response = await this.api(`/api/feeds/${feedId}/refresh`, { method: 'POST' });
    if (response.status !== 202) throw new Error(`refresh: HTTP ${response.status}`);
    return this.pollAfter(feedId, seen, true);
  }

  async close(): Promise<void> {
    await this.radar?.close();
    await this.radar?.database.close();
    await this.newsroom.close();
    const redis = connectRedis(readConfig().redisUrl);
    await deleteKeysWithPrefix(redis, this.prefix);
    redis.disconnect();
  }
}

/** A TCP port nothing listens on right now (for a server whose own URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until the condition holds, or fails saying what it waited for. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
