/**
 * Dashboard benchmark, against the whole product on this machine (API, Socket.IO, Redis
 * stream, PostgreSQL, the built dashboard) driven by Debian's chromium:
 *
 * - time to first story: from navigation to the first story on screen, cold cache, median of runs;
 * - JS of the stream page: bytes as served and gzip-compressed (zlib default level);
 * - frame times while 20 stories a second arrive live with 20,000 stories loaded in the list,
 *   all of them sent through the real Socket.IO server from the Redis stream.
 *
 * Prints one JSON line. Build the dashboard first (the package script does):
 *
 *   pnpm --filter @radar/bench web [--loaded 20000] [--rate 20] [--seconds 15] [--runs 5]
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { COMPANIES, readConfig, type Story } from '@radar/core';
import { newStoryId, saveStories, toStory, type NewStory } from '@radar/db';
import { appendStories, connectRedis, storyStreamKey } from '@radar/jobs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../apps/cli/src/testing/browser.ts';
import { TestRadar, waitUntil, WEB_ROOT } from '../../apps/cli/src/testing/test-radar.ts';

const { values } = parseArgs({
  options: {
    loaded: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '15' },
    runs: { type: 'string', default: '5' },
  },
});
const loaded = Number(values.loaded);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const runs = Number(values.runs);

const COUNTRIES = ['FR', 'DE', 'US', 'GB', 'BR', 'IN', 'JP', 'EU', 'AU', 'KR', 'CA', 'NG'];
const TOPICS = ['content-moderation', 'privacy-data-protection', 'competition-antitrust', 'child-safety', 'ai-regulation'];
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;

/** A synthetic story: varied tags and text, like the stream of a busy day. */
function syntheticStory(i: number, publishedAt: Date): NewStory {
  const country = pick(COUNTRIES, i);
  const company = pick(COMPANIES, i * 7).id;
  return {
    id: newStoryId(),
    feedId: null,
    dedupeKey: `bench-${i}-${Math.random().toString(36).slice(2)}`,
    url: `https://news.example/bench/${i}`,
    title: `Regulator in ${country} opens an inquiry into ${company} over its handling of user data (${i})`,
    summary: `Officials said the review of ${company} would look at advertising, minors' protection and data transfers, story ${i}.`,
    sourceTitle: pick(['Policy Wire', 'The Digital Brief', 'Market Desk', 'Netzbericht'], i),
    publishedAt,
    lang: 'en',
    countries: i % 5 === 0 ? [country, pick(COUNTRIES, i + 3)] : [country],
    companies: [company],
    topics: [pick(TOPICS, i)],
    relevant: i % 4 !== 0,
    score: i % 4 === 0 ? 0.2 : 0.8,
  };
}

// Page scripts are plain strings: tsx would wrap named functions in a helper the page does not have.

/** Notes when the first story is laid out in the viewport; the frame after it is the one that shows it. */
const FIRST_STORY_PROBE = `
  new MutationObserver(function (_, observer) {
    var article = document.querySelector('article[data-testid=story]');
    var box = article && article.getBoundingClientRect();
    if (!box || box.height === 0 || box.top >= innerHeight) return;
    observer.disconnect();
    requestAnimationFrame(function () { window.firstStoryAt = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
`;

/** Records the time between animation frames, and long animation frames where the browser reports them. */
const FRAME_RECORDER = `
  window.frameGaps = [];
  window.longFrames = [];
  window.stopFrames = false;
  var last = 0;
  function tick(time) {
    window.frameGaps.push(time - last);
    last = time;
    if (!window.stopFrames) requestAnimationFrame(tick);
  }
  requestAnimationFrame(function (time) { last = time; requestAnimationFrame(tick); });
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        var slowest = entry.scripts.slice().sort(function (a, b) { return b.duration - a.duration; })[0];
        window.longFrames.push({
          ms: Math.round(entry.duration),
          blockingMs: Math.round(entry.blockingDuration),
          script: slowest ? slowest.invoker + ' ' + slowest.sourceFunctionName + ' ' + Math.round(slowest.duration) + 'ms' : 'rendering',
        });
      });
    }).observe({ type: 'long-animation-frame', buffered: false });
  } catch (error) {
    // a browser without long-animation-frame entries: the frame deltas still tell
  }
`;

/** Progress goes to stderr; stdout carries only the JSON line. */
const progress = (message: string) => console.error(`bench/web: ${message}`);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const radar = new TestRadar();
await radar.start('postgres', { webRoot: WEB_ROOT });
const redis = connectRedis(readConfig().redisUrl);
const streamKey = storyStreamKey({ prefix: radar.prefix });
const db = radar.radar.database.db;
let browser: Browser | undefined;

/** Stores stories and appends them to the live stream, as the poller does. */
async function publish(batch: NewStory[]): Promise<Story[]> {
  const { inserted } = await saveStories(db, batch);
  const stories = inserted.map(toStory);
  await appendStories(redis, streamKey, stories.map((story) => ({ story })));
  return stories;
}

/** How many stories the list holds (each story says its place in the list: aria-setsize). */
const storiesInList = (page: Page) =>
  page.locator('article[data-testid=story]').first().getAttribute('aria-setsize').then((n) => Number(n ?? 0));

try {
  // a day of history in the database: what the first page is read from
  const now = Date.now();
  const history = Array.from({ length: 2_000 }, (_, i) => syntheticStory(i, new Date(now - (2_000 - i) * 40_000)));
  for (let i = 0; i < history.length; i += 1_000) await saveStories(db, history.slice(i, i + 1_000));

  browser = await launchChromium();
  progress('history stored; measuring the first story');

  // 1. time to first story and JS, cold: a new browser context (empty cache) each run
  const firstStoryMs: number[] = [];
  let js = { files: 0, servedBytes: 0, gzipBytes: 0, compressedByServer: false };
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(FIRST_STORY_PROBE);
    const page = await context.newPage();
    const scripts: Promise<{ served: number; gzip: number; encoded: boolean }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        (async () => ({
          served: (await response.request().sizes()).responseBodySize,
          gzip: gzipSync(await response.body()).length,
          encoded: Boolean(response.headers()['content-encoding']),
        }))(),
      );
    });
    await page.goto(radar.url);
    await page.waitForFunction('"firstStoryAt" in window', undefined, { timeout: 30_000 });
    firstStoryMs.push((await page.evaluate('window.firstStoryAt')) as number);
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(scripts);
    js = {
      files: sizes.length,
      servedBytes: sizes.reduce((sum, size) => sum + size.served, 0),
      gzipBytes: sizes.reduce((sum, size) => sum + size.gzip, 0),
      compressedByServer: sizes.some((size) => size.encoded),
    };
    await context.close();
  }
  firstStoryMs.sort((a, b) => a - b);

  progress(`first story: ${firstStoryMs.join(', ')} ms; loading ${loaded} live stories`);
  // 2. frames with 20,000 stories in the list and 20 a second arriving
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(radar.url);
  await waitUntil(async () => (await page.getByTestId('connection-status').getAttribute('data-status')) === 'live', 'the page to go live', 30_000);
  const initial = await storiesInList(page);
  const loadStarted = performance.now();
  for (let i = 0; i < loaded; i += 1_000) {
    const count = Math.min(1_000, loaded - i);
    const batch = Array.from({ length: count }, (_, j) => syntheticStory(10_000 + i + j, new Date(now - (loaded - i - j) * 1_000)));
    await publish(batch);
    // one thousand at a time, so the stream never holds more than the API has read
    await waitUntil(async () => (await storiesInList(page)) >= initial + i + count, `${i + count} live stories in the list`, 60_000);
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const inList = await storiesInList(page);
  progress(`${inList} stories in the list after ${loadSeconds.toFixed(1)} s; ${rate} a second for ${seconds} s`);

  await page.evaluate(FRAME_RECORDER);
  const live = rate * seconds;
  const started = performance.now();
  for (let i = 0; i < live; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await publish([syntheticStory(50_000 + i, new Date())]);
  }
  await waitUntil(async () => (await storiesInList(page)) >= inList + live, 'every live story in the list', 30_000);
  const measured = (await page.evaluate('window.stopFrames = true; ({ frames: window.frameGaps, longFrames: window.longFrames })')) as {
    frames: number[];
    longFrames: { ms: number; blockingMs: number; script: string }[];
  };
  const frames = [...measured.frames].sort((a, b) => a - b);
  const finalCount = await storiesInList(page);
  await context.close();

  console.log(
    JSON.stringify({
      bench: 'web',
      firstStoryMs: { median: round(quantile(firstStoryMs, 0.5)), runs: firstStoryMs.map((ms) => round(ms)) },
      streamPageJs: { ...js, gzipKB: round(js.gzipBytes / 1024) },
      loadedStories: inList,
      loadSeconds: round(loadSeconds, 2),
      liveStories: live,
      storiesPerSecond: rate,
      finalStoriesInList: finalCount,
      frameMs: {
        count: frames.length,
        p50: round(quantile(frames, 0.5)),
        p95: round(quantile(frames, 0.95)),
        max: round(frames.at(-1) ?? 0),
        over50: frames.filter((ms) => ms > 50).length,
      },
      // the browser's long animation frames (over 50 ms), with the script that took longest in each
      longAnimationFrames: measured.longFrames,
    }),
  );
} finally {
  await browser?.close();
  redis.disconnect();
  await radar.close();
}
