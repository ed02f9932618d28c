/**
 * Feeds page benchmark, against the whole product on this machine (API, PostgreSQL, the built
 * dashboard) driven by Debian's chromium, for a team that watches many feeds:
 *
 * - first rows: from navigation to the first rows of the feeds table on screen, median of runs;
 * - sort: from a click on a column to the table drawn in the new order (name, status, items);
 * - filter: from typing in the filter box to the rows that match drawn.
 *
 * The feeds come from an OPML import, at addresses nothing answers, so each has a first poll
 * that failed, as a large watch list always has some. Prints one JSON line. Build the dashboard
 * first (the package script does):
 *
 *   pnpm --filter @radar/bench feeds-page [--feeds 1000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../apps/cli/src/testing/browser.ts';
import { TEST_ADMIN_TOKEN, TestRadar, WEB_ROOT } from '../../apps/cli/src/testing/test-radar.ts';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const feedCount = Number(values.feeds);
const runs = Number(values.runs);

const progress = (message: string) => console.error(`bench/feeds-page: ${message}`);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const round = (n: number) => Math.round(n);

/**
 * Milliseconds from an action to the table drawn as it should be: the condition holds, and the
 * frame that shows it has been laid out and painted (the frame after it has begun).
 */
async function timed(page: Page, action: () => Promise<void>, shown: string): Promise<number> {
  const started = (await page.evaluate('performance.now()')) as number;
  await action();
  await page.waitForFunction(shown, undefined, { timeout: 60_000, polling: 'raf' });
  const painted = (await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))')) as number;
  return painted - started;
}

const radar = new TestRadar();
await radar.start('postgres', { webRoot: WEB_ROOT });
const browser = await launchChromium();
try {
  const folders = ['Regulators', 'Parliaments', 'Press', 'Courts', 'Digital rights'];
  const outlines = folders
    .map((folder, f) => {
      const inFolder = Array.from({ length: feedCount }, (_, n) => n)
        .filter((n) => n % folders.length === f)
        .map((n) => `<outline type="rss" text="${folder} source ${n}" xmlUrl="http://127.0.0.1:9/feeds/${n}.xml"/>`)
        .join('');
      return `<outline text="${folder}">${inFolder}</outline>`;
    })
    .join('');
  const imported = await radar.api('/api/feeds/import', {
    method: 'POST',
    headers: { 'content-type': 'text/x-opml' },
    body: `<?xml version="1.0"?><opml version="2.0"><head><title>Watch list</title></head><body>${outlines}</body></opml>`,
  });
  if (imported.status !== 200) throw new Error(`import: HTTP ${imported.status} ${await imported.text()}`);
  const feeds = ((await imported.json()) as { added: unknown[] }).added.length;
  progress(`${feeds} feeds imported`);

  const firstRows: number[] = [];
  const sorts: Record<string, number[]> = { name: [], status: [], items: [] };
  const filters: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((token) => localStorage.setItem('radar.adminToken', token), TEST_ADMIN_TOKEN);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${radar.url}/feeds`);
    await page.locator('[data-testid=feed-row]').first().waitFor({ timeout: 60_000 });
    firstRows.push(Date.now() - started);
    for (const key of Object.keys(sorts)) {
      sorts[key]!.push(
        await timed(page, () => page.getByTestId(`sort-${key}`).click(), `document.querySelector('th:has([data-testid=sort-${key}])').getAttribute('aria-sort') !== 'none'`),
      );
    }
    filters.push(
      await timed(
        page,
        () => page.getByLabel('Filter feeds by name or address').fill('courts source'),
        `[...document.querySelectorAll('[data-testid=feed-row] .name')].every((name) => name.textContent.includes('Courts source'))`,
      ),
    );
    await context.close();
  }
  const rows = await (async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${radar.url}/feeds`);
    await page.locator('[data-testid=feed-row]').first().waitFor({ timeout: 60_000 });
    const count = await page.locator('[data-testid=feed-row]').count();
    await context.close();
    return count;
  })();
  console.log(
    JSON.stringify({
      bench: 'feeds-page',
      feeds,
      rowsDrawn: rows,
      firstRowsMs: { median: round(median(firstRows)), runs: firstRows },
      sortMs: Object.fromEntries(Object.entries(sorts).map(([key, list]) => [key, round(median(list))])),
      filterMs: round(median(filters)),
    }),
  );
} finally {
  await browser.close();
  await radar.close();
}
