import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Feed, FeedAttention, FeedStoryStats } from '@radar/core';
import { setWebSubState } from '@radar/db';
import demoData from '../../data/demo-newsroom.json' with { type: 'json' };
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TEST_ADMIN_TOKEN, TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

const radar = new TestRadar();
let browser: Browser;
const HOUR = 3_600_000;

// The demo newsroom's stories, published over the last day and a half by its outlets and
// ingested by the real poller, so the overview has hours, countries and companies to show.
beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  const feeds = new Map<string, string>();
  for (const outlet of demoData.outlets) {
    feeds.set(outlet.slug, (await radar.addFeed(radar.newsroom.addOutlet({ ...outlet, format: outlet.format as 'rss' | 'atom' }))).id);
  }
  const now = Date.now();
  demoData.stories.forEach((story, i) => {
    radar.newsroom.publish(story.outlet, { title: story.title, summary: story.summary, publishedAt: new Date(now - i * 0.75 * HOUR - 60_000) });
  });
  for (const id of feeds.values()) expect(await radar.refresh(id)).toMatchObject({ kind: 'polled' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
});

async function api<T>(path: string): Promise<T> {
  const response = await radar.api(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function openPage(theme: 'light' | 'dark', width = 1440, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme });
  await context.addInitScript((choice) => localStorage.setItem('radar.theme', choice), theme);
  return context.newPage();
}

test('the overview charts stories per hour and shades the map; a country on the map opens its stream', async () => {
  const page = await openPage('light');
  await page.goto(`${radar.url}/overview?range=24h`);

  const since = new Date(Date.now() - 24 * HOUR).toISOString();
  const facets = await api<{ total: number; countries: { id: string; count: number }[] }>(
    `/api/facets?after=${encodeURIComponent(since)}`,
  );
  const all = await api<{ total: number }>('/api/facets');
  // the range is counted on the server: stories older than a day are not in it
  expect(facets.total).toBeLessThan(all.total);
  await expect.poll(() => page.getByTestId('overview-total').innerText()).toMatch(new RegExp(`^${facets.total} stories in the last 24 hours`));
  // against the 24 hours before them
  const before = await api<{ total: number; countries: { id: string; count: number }[] }>(
    `/api/facets?after=${encodeURIComponent(new Date(Date.now() - 48 * HOUR).toISOString())}&until=${encodeURIComponent(since)}`,
  );
  const change = page.getByTestId('overview-change');
  await expect.poll(() => change.getAttribute('title')).toBe(`${before.total} ${before.total === 1 ? 'story' : 'stories'} in the 24 hours before`);
  const percent = before.total === 0 ? null : Math.round(((facets.total - before.total) / before.total) * 100);
  expect(await change.innerText()).toBe(
    percent === null
      ? 'none in the 24 hours before'
      : `${percent === 0 ? 'no change' : `${percent > 0 ? '↑' : '↓'} ${Math.abs(percent)}%`} on the 24 hours before`,
  );
  // and each of the countries with most stories says how many more or fewer it had
  const first = facets.countries[0]!;
  const gained = first.count - (before.countries.find((entry) => entry.id === first.id)?.count ?? 0);
  await expect
    .poll(() => page.getByTestId('top-countries').locator('li').first().locator('.delta').innerText())
    .toBe(gained === 0 ? '=' : `${gained > 0 ? '+' : '−'}${Math.abs(gained)}`);

  // one chart per breakdown, drawn by the chart library, with its table for screen readers
  for (const chart of ['chart-by-country', 'chart-by-company']) {
    await page.getByTestId(chart).locator('canvas').first().waitFor();
    expect(await page.getByTestId(chart).getByRole('img').getAttribute('aria-label')).toMatch(/stories over 2[45] hours; most: /);
  }
  // the time axis spans the range's hours and half an hour either side
  const xSpanHours = async (chart: string) => {
    const [min, max] = (await page.getByTestId(chart).getByTestId('hourly-chart-plot').getAttribute('data-x-range'))!.split(',').map(Number);
    return (max! - min!) / 3600;
  };
  expect(await xSpanHours('chart-by-country')).toBeGreaterThanOrEqual(25);
  expect(await xSpanHours('chart-by-country')).toBeLessThanOrEqual(26);
  const hourly = await api<{ series: { id: string; total: number }[] }>(
    `/api/stats/hourly?by=country&after=${encodeURIComponent(since)}`,
  );
  const topCountry = hourly.series[0]!;
  const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
  await page.getByTestId('chart-by-country').getByText('Show as a table').click();
  expect(await page.getByTestId('chart-by-country').getByTestId('hourly-table').locator('tbody tr').first().innerText()).toContain(String(topCountry.total));

  // the map is shaded by count: the country with most stories darkest, one without none
  const map = page.getByTestId('world-map');
  await map.locator('path[data-country="FR"]').waitFor();
  const fills = await map.evaluate((svg) =>
    Object.fromEntries([...svg.querySelectorAll('path[data-country]')].map((path) => [path.getAttribute('data-country'), path.getAttribute('fill')])),
  );
  const best = facets.countries.find((entry) => fills[entry.id] !== undefined)!;
  expect(fills[best.id]).toMatch(/color-mix\(in oklab, var\(--map-high\) 100%/);
  expect(fills['GL']).toBe('var(--map-empty)');
  expect(await page.getByTestId('top-countries').locator('li').count()).toBe(Math.min(12, facets.countries.length));
  // every topic and the companies with most stories, counted as the facets count them
  const everything = await api<{ topics: { id: string; count: number }[]; companies: { id: string; count: number }[] }>(
    `/api/facets?after=${encodeURIComponent(since)}`,
  );
  const listed = (testid: string) =>
    page.getByTestId(testid).locator('li').evaluateAll((items) => items.map((item) => Number(item.querySelector('.n')!.textContent!.replaceAll(',', ''))));
  await expect.poll(() => listed('top-topics')).toEqual(everything.topics.map((entry) => entry.count));
  await expect.poll(() => listed('top-companies')).toEqual(everything.companies.slice(0, 10).map((entry) => entry.count));
  const topic = everything.topics[0]!;
  await page.getByTestId('top-topics').locator('li button').first().click();
  await expect.poll(() => new URL(page.url()).search).toBe(`?topic=${topic.id}&range=24h`);
  await page.goBack();
  await page.getByTestId('chart-by-country').locator('canvas').first().waitFor();

  // a point inside the country's outline (a country of several islands or overseas parts has holes in its box)
  const country = map.locator(`path[data-country="${best.id}"]`);
  await country.scrollIntoViewIfNeeded();
  const point = await country.evaluate((path) => {
    const box = path.getBoundingClientRect();
    for (let y = box.top + 1; y < box.bottom; y += 2) {
      for (let x = box.left + 1; x < box.right; x += 2) if (document.elementFromPoint(x, y) === path) return { x, y };
    }
    return null;
  });
  expect(point).not.toBeNull();
  await page.mouse.move(point!.x, point!.y);
  await expect.poll(() => page.getByTestId('map-tooltip').innerText()).toMatch(new RegExp(`${best.count} stor`));
  await screenshot(page, 'overview-light');

  await page.mouse.click(point!.x, point!.y);
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/?country=${best.id}&range=24h`);
  await expect
    .poll(() => page.getByTestId('active-filters').getByRole('button', { name: `Remove ${countryNames.of(best.id)}` }).count())
    .toBe(1);
  await expect.poll(() => page.getByTestId('story-total').innerText()).toBe(`${best.count} ${best.count === 1 ? 'story' : 'stories'} in the last 24 hours`);
  const shown = await page.locator('article[data-testid=story]').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-story-id')));
  const expected = await api<{ stories: { id: string }[] }>(`/api/stories?country=${best.id}&after=${encodeURIComponent(since)}&limit=200`);
  expect(shown.length).toBeGreaterThan(0);
  for (const id of shown) expect(expected.stories.map((story) => story.id)).toContain(id);

  // a view whose stories all fall in the last hour or two charts those hours, not a thousand days
  const newest = (await api<{ stories: { title: string }[] }>('/api/stories?limit=1')).stories[0]!;
  const onlyNewest = `"${newest.title.replaceAll('"', '')}"`;
  const newestHours = await api<{ buckets: string[] }>(`/api/stats/timeline?by=country&bucket=auto&q=${encodeURIComponent(onlyNewest)}`);
  expect(newestHours.buckets.length).toBeLessThanOrEqual(2);
  await page.goto(`${radar.url}/overview?q=${encodeURIComponent(onlyNewest)}`);
  await page.getByTestId('chart-by-country').locator('canvas').first().waitFor();
  expect(await xSpanHours('chart-by-country')).toBe(newestHours.buckets.length);
  // a week is counted by day, the reader's days
  await page.goto(`${radar.url}/overview?range=7d`);
  await expect.poll(() => page.getByTestId('chart-by-country').getByRole('heading').innerText()).toBe('Stories per day by country');
  await page.getByTestId('chart-by-country').locator('canvas').first().waitFor();
  expect(await page.getByTestId('chart-by-country').getByRole('img').getAttribute('aria-label')).toMatch(/stories over [78] days; most: /);
  const spanDays = (await xSpanHours('chart-by-country')) / 24;
  expect(spanDays).toBeGreaterThanOrEqual(7);
  expect(spanDays).toBeLessThanOrEqual(8);
  expect(await page.getByTestId('chart-by-company').getByRole('heading').innerText()).toBe('Stories per day by company');
  await screenshot(page, 'overview-week');
  // the days download as CSV, the same counts as the chart's
  await page.getByTestId('chart-by-country').getByText('Show as a table').click();
  const link = page.getByTestId('chart-by-country').getByTestId('timeline-csv');
  expect(await link.innerText()).toBe('Download every day as CSV');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^policy-radar-stories-per-day-by-country-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
  const weekCounts = await api<{ buckets: string[]; total: number[] }>((await link.getAttribute('href'))!.replace('/timeline.csv', '/timeline'));
  expect(rows.map((row) => Number(row['All stories']))).toEqual(weekCounts.total);
  expect(Object.keys(rows[0]!)[0]).toBe('Day (UTC)');
  await page.goto(`${radar.url}/overview?country=${best.id}&range=24h`);

  // the Overview link keeps the view
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect.poll(() => new URL(page.url()).search).toBe(`?country=${best.id}&range=24h`);
  await page.context().close();
});

/** Opens the feeds page as the admin and adds an address in its form. */
async function addOnFeedsPage(address: string): Promise<Page> {
  const page = await openPage('light');
  await page.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  await page.goto(`${radar.url}/feeds`);
  await page.getByTestId('feed-row').first().waitFor();
  await page.getByLabel('Address of a site or feed').fill(address);
  await page.getByRole('button', { name: 'Add feed' }).click();
  return page;
}

test("a site's address typed on the feeds page becomes the feed the site announces", async () => {
  const feedUrl = radar.newsroom.addOutlet({ slug: 'rights-watch', title: 'Rights Watch', format: 'atom', language: 'en' });
  // dated before the newsroom's stories, which the screenshots below show first
  const earlier = () => new Date(Date.now() - 40 * HOUR);
  radar.newsroom.publish('rights-watch', { title: 'Regulator orders a platform to stop tracking children', summary: 'The data protection authority ordered the change.', publishedAt: earlier() });
  const siteUrl = `${radar.newsroom.baseUrl}/rights-watch`;
  const page = await addOnFeedsPage(siteUrl);
  await expect.poll(() => page.locator('.notice').innerText()).toMatch(/Added 127\.0\.0\.1.*first poll/);
  // without a reload by the user, the row turns into the feed: its title, its address, healthy
  const row = page.getByTestId('feed-row').filter({ hasText: 'Rights Watch' });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.locator('.url').innerText()).toBe(feedUrl);
  expect(await row.getByRole('link', { name: 'Rights Watch' }).getAttribute('href')).toBe(siteUrl);
  expect(await row.getAttribute('data-state')).toBe('ok');
  const { feeds } = await api<{ feeds: Feed[] }>('/api/feeds');
  expect(feeds.filter((feed) => feed.url === siteUrl)).toEqual([]);
  expect(feeds.find((feed) => feed.url === feedUrl)).toMatchObject({ title: 'Rights Watch', lastStatus: 200, lastItems: 1, storyCount: 1 });

  // the same site typed again: paused, saying once that its feed is already watched
  await page.getByLabel('Address of a site or feed').fill(siteUrl);
  await page.getByRole('button', { name: 'Add feed' }).click();
  const twin = page.getByTestId('feed-row').filter({ hasText: siteUrl });
  await expect.poll(() => twin.getAttribute('data-state')).toBe('paused');
  const twinId = await twin.getAttribute('data-feed-id');
  expect(await twin.getByTestId('feed-paused-reason').innerText()).toBe(`this web page's feed, ${feedUrl}, is already watched ("Rights Watch")`);
  expect(await twin.getByTestId('feed-error').count()).toBe(0);

  // renamed by the user: the new name on the feeds page, and on the stories it brings from then on
  const watched = (await api<{ feeds: Feed[] }>('/api/feeds')).feeds.find((feed) => feed.url === feedUrl)!;
  const watchedRow = page.locator(`[data-feed-id="${watched.id}"]`);
  await watchedRow.hover();
  await watchedRow.getByRole('button', { name: 'Rename Rights Watch' }).click();

  // the list narrowed to paused feeds, then to the words typed; nothing found says so
  const rows = page.getByTestId('feed-row');
  const allRows = await rows.count();
  await page.getByRole('button', { name: /^Paused \d/ }).click();
  await expect.poll(() => rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-feed-id')))).toEqual([twinId]);
  await page.getByRole('button', { name: /^All \d/ }).click();
  await page.getByLabel('Filter feeds by name or address').fill('rights WATCH');
  await expect.poll(() => rows.count()).toBe(2);
  await page.getByLabel('Filter feeds by name or address').fill('no such words');
  await expect.poll(() => page.getByTestId('no-feed-matches').innerText()).toMatch(/No feed matches “no such words”/);
  await page.getByRole('button', { name: 'Show all feeds' }).click();
  await expect.poll(() => rows.count()).toBe(allRows);
  await page.getByLabel('Name of Rights Watch').fill('Rights Watch (EU desk)');
  await page.getByLabel('Name of Rights Watch').press('Enter');
  await expect.poll(() => watchedRow.locator('.name').innerText()).toBe('Rights Watch (EU desk)');
  radar.newsroom.publish('rights-watch', { title: 'Court upholds a fine against a search engine', summary: 'The court ruled.', publishedAt: earlier() });
  expect(await radar.refresh(watched.id)).toMatchObject({ kind: 'polled', inserted: 1 });
  const { stories } = await api<{ stories: { title: string; source: { title: string } }[] }>('/api/stories?q=%22search%20engine%22');
  expect(stories.map((story) => [story.title, story.source.title])).toEqual([['Court upholds a fine against a search engine', 'Rights Watch (EU desk)']]);
  // an empty name gives the feed back its own title at its next read
  await watchedRow.hover();
  await watchedRow.getByRole('button', { name: 'Rename Rights Watch (EU desk)' }).click();
  await page.getByLabel('Name of Rights Watch (EU desk)').fill('');
  await watchedRow.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await api<{ feeds: Feed[] }>('/api/feeds')).feeds.find((feed) => feed.id === watched.id)!.title).toBeNull();
  expect(await radar.refresh(watched.id)).toMatchObject({ kind: 'polled' });
  expect((await api<{ feeds: Feed[] }>('/api/feeds')).feeds.find((feed) => feed.id === watched.id)!.title).toBe('Rights Watch');
  await watchedRow.hover();
  await watchedRow.getByRole('button', { name: 'Rename Rights Watch' }).click();
  await screenshot(page, 'feeds-renamed');
  await page.context().close();
});

test('a page that announces several feeds becomes the first; the others are offered on its row, and added with a click', async () => {
  const briefsUrl = radar.newsroom.addOutlet({ slug: 'rights-briefs', title: 'Rights Briefs', format: 'rss', language: 'en' });
  const digestUrl = radar.newsroom.addOutlet({ slug: 'rights-digest', title: 'Rights Digest', format: 'atom', language: 'en' });
  const pageUrl = `${radar.newsroom.baseUrl}/rights-network`;
  radar.newsroom.respond('/rights-network', {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><title>Rights network</title>
      <link rel="alternate" type="application/rss+xml" title="Rights Briefs" href="/feeds/rights-briefs.xml">
      <link rel="alternate" type="application/atom+xml" title="Rights Digest" href="/feeds/rights-digest.xml"></head><body></body></html>`,
  });
  const page = await addOnFeedsPage(pageUrl);
  const briefs = page.getByTestId('feed-row').filter({ hasText: briefsUrl });
  await expect.poll(() => briefs.count()).toBe(1);
  await expect.poll(() => briefs.getByTestId('feed-found-on').innerText()).toMatch(/^Found on 127\.0\.0\.1:\d+\/rights-network, which also announces \+ Rights Digest$/);
  await briefs.scrollIntoViewIfNeeded();
  await screenshot(page, 'feeds-found-on');
  await briefs.getByRole('button', { name: 'Add Rights Digest' }).click();
  await expect.poll(() => page.getByTestId('feed-row').filter({ hasText: digestUrl }).count()).toBe(1);
  // once added, it is no longer offered
  await expect.poll(() => briefs.getByTestId('feed-found-on').innerText()).toMatch(/^Found on 127\.0\.0\.1:\d+\/rights-network$/);
  const { feeds } = await api<{ feeds: Feed[] }>('/api/feeds');
  expect(feeds.find((feed) => feed.url === briefsUrl)?.foundOn).toEqual({ page: pageUrl, others: [{ url: digestUrl, title: 'Rights Digest' }] });
  await page.context().close();
});

test("an OPML list's address typed where a feed goes says so on its row, and its feeds are imported from there with a click", async () => {
  const listedUrl = radar.newsroom.addOutlet({ slug: 'listed-wire', title: 'Listed Wire', format: 'rss', language: 'en' });
  const listUrl = radar.newsroom.respond('/lists/rights.opml', {
    status: 200,
    contentType: 'text/x-opml',
    body: `<?xml version="1.0"?><opml version="2.0"><body><outline text="Rights"><outline type="rss" text="Listed Wire" xmlUrl="${listedUrl}"/></outline></body></opml>`,
  });
  const page = await addOnFeedsPage(listUrl);
  const row = page.getByTestId('feed-row').filter({ hasText: listUrl });
  await expect.poll(() => row.getByTestId('feed-error').innerText(), { timeout: 10_000 }).toBe('This address holds a list of feeds (OPML), not a feed.');
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'feeds-opml-address');
  await row.getByTestId('import-listed').click();
  await expect.poll(() => page.locator('.notice').innerText()).toMatch(/Imported 1 feed from 127\.0\.0\.1:\d+\/lists\/rights\.opml; the list itself is no longer watched\./);
  await expect.poll(() => page.getByTestId('feed-row').filter({ hasText: listUrl }).count()).toBe(0);
  const listed = page.getByTestId('feed-row').filter({ hasText: listedUrl });
  await expect.poll(() => listed.getByTestId('feed-folder').innerText()).toBe('Rights');
  await page.context().close();
});

test('a feed that answers but has published nothing for months is marked quiet, and listed under Quiet', async () => {
  const feedUrl = radar.newsroom.addOutlet({ slug: 'old-bulletin', title: 'Old Bulletin', format: 'rss', language: 'en' });
  radar.newsroom.publish('old-bulletin', { title: 'Ministry publishes its annual transparency report', summary: 'The report lists takedown orders.', publishedAt: new Date(Date.now() - 150 * 24 * HOUR) });
  const { id } = await radar.addFeed(feedUrl);
  const page = await openPage('light');
  await page.goto(`${radar.url}/feeds`);
  const row = page.locator(`[data-feed-id="${id}"]`);
  await expect.poll(() => row.getByTestId('feed-quiet').innerText()).toBe('No new story for 5 months: the publisher may have moved or retired this feed.');
  expect(await row.getAttribute('data-state')).toBe('ok');
  // the others publish: not quiet
  expect(await page.getByTestId('feed-quiet').count()).toBe(1);
  await page.getByRole('button', { name: /^Quiet 1$/ }).click();
  await expect.poll(() => page.getByTestId('feed-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-feed-id')))).toEqual([id]);
  await screenshot(page, 'feeds-quiet');
  await page.context().close();
});

test('a feed that published more than it lists between two polls says some stories may have been missed', async () => {
  const listing = (...ids: number[]) => ({
    status: 200,
    contentType: 'application/rss+xml',
    body: `<rss version="2.0"><channel><title>Torrent Wire</title>${ids
      .map((id) => `<item><guid>torrent-${id}</guid><title>Torrent story ${id}</title><link>${radar.newsroom.baseUrl}/torrent/${id}</link><pubDate>${new Date(Date.now() - 20 * HOUR - id * 60_000).toUTCString()}</pubDate></item>`)
      .join('')}</channel></rss>`,
  });
  const url = radar.newsroom.respond('/torrent.xml', listing(3, 2, 1));
  const { id } = await radar.addFeed(url);
  radar.newsroom.respond('/torrent.xml', listing(9, 8, 7));
  expect(await radar.refresh(id)).toMatchObject({ kind: 'polled', inserted: 3 });
  const page = await openPage('light');
  await page.goto(`${radar.url}/feeds`);
  const row = page.locator(`[data-feed-id="${id}"]`);
  await expect
    .poll(() => row.getByTestId('feed-overflowed').innerText())
    .toBe('Published more than the 3 stories it lists between two polls (just now): some may have been missed; it is polled more often now.');
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'feeds-overflowed');
  await page.context().close();
});

test("a feed's history shows each poll, why one failed, and leads to the feed's stories in the stream", async () => {
  // two days back: the demo's stories stay the newest, for the tests after this one
  const published = Date.now() - 48 * HOUR;
  const listing = (...ids: number[]) => ({
    status: 200,
    contentType: 'application/rss+xml',
    body: `<rss version="2.0"><channel><title>Gazette</title>${ids
      .map((n) => `<item><guid>gazette-${n}</guid><title>Gazette notice ${n} on data protection</title><link>${radar.newsroom.baseUrl}/gazette/${n}</link><pubDate>${new Date(published - n * 60_000).toUTCString()}</pubDate></item>`)
      .join('')}</channel></rss>`,
  });
  const url = radar.newsroom.respond('/gazette.xml', listing(2, 1));
  const { id } = await radar.addFeed(url);
  radar.newsroom.respond('/gazette.xml', { status: 503, contentType: 'text/plain', body: 'down for maintenance' });
  expect(await radar.refresh(id)).toMatchObject({ kind: 'failed', status: 503 });
  radar.newsroom.respond('/gazette.xml', listing(3, 2, 1));
  expect(await radar.refresh(id)).toMatchObject({ kind: 'polled', inserted: 1 });

  const page = await openPage('light');
  await page.goto(`${radar.url}/feeds`);
  const row = page.locator(`[data-feed-id="${id}"]`);
  const toggle = row.getByTestId('history-toggle');
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
  const history = page.locator(`#history-${id}`).getByTestId('poll-history');
  const rows = history.getByTestId('poll-row');
  await expect.poll(() => rows.count()).toBe(3);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-outcome')))).toEqual(['read', 'failed', 'read']);
  expect(await rows.nth(0).innerText()).toMatch(/Read\s+200\b[\s\S]*\b3\s+1 new$/);
  expect(await rows.nth(1).innerText()).toMatch(/Failed\s+503\b[\s\S]*503/);
  expect(await rows.nth(2).innerText()).toMatch(/\b2\s+2 new$/);
  expect(await history.getByTestId('poll-strip').locator('.bar').count()).toBe(3);
  // the failures alone, at a click
  await history.getByTestId('failures-only').click();
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().getAttribute('data-outcome')).toBe('failed');
  await history.getByRole('button', { name: /^All/ }).click();
  await expect.poll(() => rows.count()).toBe(3);
  expect(await history.getByTestId('poll-summary').innerText()).toMatch(/^Last 3 polls since .+ · 1 failed · typical answer \d+ ms · 3 new$/);
  await history.scrollIntoViewIfNeeded();
  await screenshot(page, 'feeds-poll-history');

  // the feed's stories, and no other's
  await history.getByRole('link', { name: 'Its stories in the stream' }).click();
  await page.waitForURL((address) => address.pathname === '/' && address.searchParams.get('feed') === id);
  const titles = page.getByTestId('story').getByTestId('story-link');
  await expect.poll(() => titles.allInnerTexts()).toEqual(['Gazette notice 1 on data protection', 'Gazette notice 2 on data protection', 'Gazette notice 3 on data protection']);
  // the search reads as the feed's name
  await expect.poll(() => page.getByTestId('active-filters').innerText()).toContain('From Gazette');
  await page.context().close();
});

test("a feed's history says when its page of older items could not be read, beside what the read found", async () => {
  const published = Date.now() - 50 * HOUR;
  const older = radar.newsroom.respond('/ledger-older.xml', { status: 500, contentType: 'text/plain', body: 'archive offline' });
  const listing = (...ids: number[]) => ({
    status: 200,
    contentType: 'application/atom+xml',
    body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title><link rel="next" href="${older}"/>${ids
      .map((n) => `<entry><id>ledger-${n}</id><title>Ledger entry ${n} on platform rules</title><link href="${radar.newsroom.baseUrl}/ledger/${n}"/><updated>${new Date(published - n * 60_000).toISOString()}</updated></entry>`)
      .join('')}</feed>`,
  });
  const url = radar.newsroom.respond('/ledger.xml', listing(2, 1));
  const { id } = await radar.addFeed(url);
  radar.newsroom.respond('/ledger.xml', listing(5, 4, 3));
  expect(await radar.refresh(id)).toMatchObject({ kind: 'polled', inserted: 3, olderPages: { read: 0 } });

  const page = await openPage('light');
  await page.goto(`${radar.url}/feeds`);
  const row = page.locator(`[data-feed-id="${id}"]`);
  await row.getByTestId('history-toggle').click();
  const rows = page.locator(`#history-${id}`).getByTestId('poll-history').getByTestId('poll-row');
  await expect.poll(() => rows.count()).toBe(2);
  expect(await rows.nth(0).innerText()).toMatch(/\b3\s+3 new · the page of older items could not be read: .*500\) from \S+ledger-older\.xml$/);
  expect(await rows.nth(0).locator('.note').evaluate((note) => getComputedStyle(note).color)).not.toBe(await rows.nth(0).evaluate((tr) => getComputedStyle(tr).color));
  // what fell off the list was missed, and the row says so
  await expect.poll(() => row.getByTestId('feed-overflowed').isVisible()).toBe(true);
  await rows.nth(1).scrollIntoViewIfNeeded();
  await screenshot(page, 'feeds-older-page-unread');
  await page.context().close();
});

test("a feed's row says whether its hub pushes it, and why not when the hub refused or could not be reached", async () => {
  const db = radar.radar.database.db;
  const add = async (slug: string) => (await radar.addFeed(radar.newsroom.addOutlet({ slug, title: `Hubbed ${slug}`, format: 'atom', language: 'en' }))).id;
  const [pushed, refused, unreachable] = [await add('hub-pushed'), await add('hub-refused'), await add('hub-unreachable')];
  const topic = 'https://publisher.example/feed';
  const later = new Date(Date.now() + 6 * HOUR);
  await setWebSubState(db, pushed, { websubHub: 'https://hub.example/', websubTopic: topic, websubState: 'subscribed', websubExpiresAt: later });
  await setWebSubState(db, refused, { websubHub: 'https://hub.example/', websubTopic: topic, websubState: 'denied: publisher opted out' });
  await setWebSubState(db, unreachable, { websubHub: 'https://hub.example/', websubTopic: topic, websubState: 'failed: hub https://hub.example/ answered HTTP 503', websubExpiresAt: later });

  const page = await openPage('light');
  await page.goto(`${radar.url}/feeds`);
  const note = (id: string) => page.locator(`[data-feed-id="${id}"]`).getByTestId('feed-push');
  await expect.poll(() => note(pushed).innerText()).toBe('push via WebSub');
  expect(await note(refused).innerText()).toBe('push refused');
  expect(await note(refused).getAttribute('title')).toBe('The hub hub.example refused to push this feed: publisher opted out. It is read by polling.');
  expect(await note(unreachable).innerText()).toBe('push unavailable');
  expect(await note(unreachable).getAttribute('title')).toMatch(/^hub https:\/\/hub\.example\/ answered HTTP 503\. It will be asked again later/);
  const colour = (id: string) => note(id).evaluate((element) => getComputedStyle(element).color);
  expect(await colour(refused)).not.toBe(await colour(pushed));
  // a feed whose document names no hub says nothing of push
  const plain = await add('hub-none');
  await page.reload();
  await expect.poll(() => page.locator(`[data-feed-id="${plain}"]`).isVisible()).toBe(true);
  expect(await note(plain).count()).toBe(0);
  await page.locator(`[data-feed-id="${refused}"]`).scrollIntoViewIfNeeded();
  await screenshot(page, 'feeds-websub');
  await page.context().close();
});

test('a feed is set from its row to be read at least every 5 minutes, however rarely it publishes, and back to its own pace', async () => {
  const url = radar.newsroom.addOutlet({ slug: 'slow-regulator', title: 'Slow Regulator', format: 'rss', language: 'en' });
  const { id } = await radar.addFeed(url);
  const page = await openPage('light');
  await page.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  await page.goto(`${radar.url}/feeds`);
  const row = page.locator(`[data-feed-id="${id}"]`);
  await row.getByTestId('feed-pace').click();
  await row.getByLabel('How often Slow Regulator is read').selectOption('300');
  await row.getByTestId('feed-pace-form').getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.notice').innerText()).toContain('Slow Regulator is read at least every 5 min from now on.');
  await expect.poll(() => row.getByTestId('feed-cap').innerText()).toBe(', at least every 5 min');
  expect((await api<Feed>(`/api/feeds/${id}`)).maxIntervalSeconds).toBe(300);
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'feeds-pace');

  await row.getByTestId('feed-pace').click();
  expect(await row.getByLabel('How often Slow Regulator is read').inputValue()).toBe('300');
  await row.getByLabel('How often Slow Regulator is read').selectOption('');
  await row.getByTestId('feed-pace-form').getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => row.getByTestId('feed-cap').count()).toBe(0);
  expect((await api<Feed>(`/api/feeds/${id}`)).maxIntervalSeconds).toBeNull();
  await page.context().close();
});

test("a feed whose site turns feed readers away is read as a browser from its row, and back as Policy Radar's own", async () => {
  // a ministry's server: 403 for any reader that does not call itself a browser
  const ministry = createServer((req, res) => {
    if (!req.headers['user-agent']?.startsWith('Mozilla/')) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      `<rss version="2.0"><channel><title>Ministry Notices</title><item><title>Ministry consults on platform transparency rules</title><link>https://ministry.example/1</link><pubDate>${new Date(Date.now() - 30 * HOUR).toUTCString()}</pubDate></item></channel></rss>`,
    );
  });
  await new Promise<void>((resolve) => ministry.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(ministry.address() as AddressInfo).port}/notices.xml`;
  try {
    const page = await addOnFeedsPage(feedUrl);
    const row = page.getByTestId('feed-row').filter({ hasText: feedUrl });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('failing');
    expect(await row.getByTestId('feed-error').innerText()).toMatch(/try reading it with a browser's User-Agent\)$/);
    await row.getByRole('button', { name: 'Read as a browser' }).click();
    // a browser's name is offered, to be kept or changed
    expect(await row.getByLabel(/^User-Agent for/).inputValue()).toMatch(/^Mozilla\/5\.0 /);
    await row.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    expect(await row.locator('.facts').innerText()).toMatch(/read as a browser · Change User-Agent$/);
    await screenshot(page, 'feeds-read-as-browser');
    await row.getByRole('button', { name: 'Change User-Agent' }).click();
    await row.getByRole('button', { name: "Use Policy Radar's own" }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('failing');
    const { feeds } = await api<{ feeds: Feed[] }>('/api/feeds');
    expect(feeds.find((feed) => feed.url === feedUrl)).toMatchObject({ userAgent: null, storyCount: 1 });
    await page.context().close();
  } finally {
    ministry.close();
  }
});

test('a feed that needs a login is signed in from its row, and shows who it is read as, never the password', async () => {
  // a members' feed: 401 without the right login
  const expected = `Basic ${Buffer.from('reader:hunter2').toString('base64')}`;
  const members = createServer((req, res) => {
    if (req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="members"' }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      `<rss version="2.0"><channel><title>Members Brief</title><item><title>Regulator consults on cloud contracts</title><link>https://members.example/1</link><pubDate>${new Date(Date.now() - 30 * HOUR).toUTCString()}</pubDate></item></channel></rss>`,
    );
  });
  await new Promise<void>((resolve) => members.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(members.address() as AddressInfo).port}/brief.xml`;
  try {
    const page = await addOnFeedsPage(feedUrl);
    const row = page.getByTestId('feed-row').filter({ hasText: feedUrl });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('failing');
    expect(await row.getByTestId('feed-error').innerText()).toMatch(/\(the feed needs a login: add it as https:\/\/user:password@… or set its login\)$/);
    // the header's Feeds tab counts the feeds that need someone, this one among them
    const attention = await api<FeedAttention>('/api/feeds/attention');
    expect(attention.failing).toBeGreaterThan(0);
    const badge = async () => ((await page.getByTestId('feeds-attention').count()) ? page.getByTestId('feeds-attention').innerText() : '0');
    await expect.poll(badge).toBe(String(attention.failing + attention.paused));
    expect(await page.getByTestId('feeds-attention').getAttribute('title')).toMatch(/feeds? failing/);
    await row.getByRole('button', { name: 'Sign in' }).click();
    await row.getByLabel(/^User name for/).fill('reader');
    await row.getByLabel(/^Password for/).fill('hunter2');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    await expect.poll(badge).toBe(String(attention.failing - 1 + attention.paused));
    expect(await row.locator('.facts').innerText()).toMatch(/signed in as reader · Change login$/);
    await screenshot(page, 'feeds-signed-in');
    expect(await page.locator('body').innerText()).not.toContain('hunter2');
    // opened again, the form has the user name but not the password
    await row.getByRole('button', { name: 'Change login' }).click();
    expect(await row.getByLabel(/^User name for/).inputValue()).toBe('reader');
    expect(await row.getByLabel(/^Password for/).inputValue()).toBe('');
    await row.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.getByTestId('feed-login').count()).toBe(0);
    const { feeds } = await api<{ feeds: Feed[] }>('/api/feeds');
    expect(feeds.find((feed) => feed.url === feedUrl)).toMatchObject({ login: { username: 'reader' }, storyCount: 1 });
    await page.context().close();
  } finally {
    members.close();
  }
});

test("a reader's OPML file imports on the feeds page, and the export lists every feed", async () => {
  const urls = ['opml-one', 'opml-two'].map((slug) => radar.newsroom.addOutlet({ slug, title: slug, format: 'rss', language: 'en' }));
  const watched = (await api<{ feeds: Feed[] }>('/api/feeds')).feeds[0]!.url;
  const outlines = [...urls, watched].map((url, i) => `<outline type="rss" text="${i === 0 ? 'Société numérique' : 'feed'}" xmlUrl="${url}"/>`).join('');
  // an older reader's export, in Latin-1: the page sends the file as it is, the server reads its declaration
  const opml = `<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><head><title>Team</title></head><body><outline text="Desk">${outlines}<outline type="rss" text="bad" xmlUrl="javascript:alert(1)"/></outline></body></opml>`;
  const page = await openPage('light');
  await page.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  await page.goto(`${radar.url}/feeds`);
  await page.getByTestId('feed-row').first().waitFor();
  await page.getByTestId('opml-file').setInputFiles({ name: 'team.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml, 'latin1') });
  await expect
    .poll(() => page.locator('.notice').innerText())
    .toContain('Imported 2 feeds from team.opml; 1 already watched; 1 skipped: javascript:alert(1) (not an http(s) URL).');
  for (const url of urls) await expect.poll(() => page.getByTestId('feed-row').filter({ hasText: url }).count()).toBe(1);
  expect(await page.getByTestId('feed-row').filter({ hasText: urls[0] }).innerText()).toContain('Société numérique');
  // the file's folder came with its feeds: listed by it, and one moved to a folder of its own
  const rowOf = (url: string) => page.getByTestId('feed-row').filter({ hasText: url });
  for (const url of urls) await expect.poll(() => rowOf(url).getByTestId('feed-folder').innerText()).toBe('Desk');
  await expect.poll(() => page.getByTestId('folder-filter').locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['All folders', 'Desk (2)']));
  await rowOf(urls[0]!).getByTestId('feed-folder').click();
  await rowOf(urls[0]!).getByLabel(/^Folder for/).fill('Regulators');
  await rowOf(urls[0]!).getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => rowOf(urls[0]!).getByTestId('feed-folder').innerText()).toBe('Regulators');
  await page.getByTestId('folder-filter').selectOption('Regulators');
  await expect.poll(() => page.getByTestId('feed-row').count()).toBe(1);
  // the folder's feeds alone, as an OPML list to share
  const folderList = await page.request.get(new URL((await page.getByTestId('folder-export').getAttribute('href'))!, radar.url).href);
  expect(await folderList.text()).toContain(`xmlUrl="${urls[0]}"`);
  expect(await folderList.text()).not.toContain(`xmlUrl="${urls[1]}"`);
  await screenshot(page, 'feeds-folder');
  // the folder's stories: the stream searched for it, a chip naming it
  radar.newsroom.publish('opml-one', { title: 'Regulator opens a probe into app store fees', summary: 'The competition authority will look at commissions.' });
  const filed = (await api<{ feeds: Feed[] }>('/api/feeds')).feeds.find((feed) => feed.url === urls[0])!;
  expect(await radar.refresh(filed.id)).toMatchObject({ kind: 'polled', inserted: 1 });
  await page.getByTestId('folder-stories').click();
  await expect.poll(() => page.getByTestId('active-filters').innerText()).toContain('In Regulators');
  // the folder filter itself, ticked in the Folders list, the search box left free
  expect(new URL(page.url()).searchParams.getAll('folder')).toEqual(['Regulators']);
  await expect.poll(() => page.getByTestId('folder-picker').getByRole('checkbox', { name: /^Regulators/ }).isChecked()).toBe(true);
  expect(await page.getByTestId('keyword-search').inputValue()).toBe('');
  await expect.poll(() => page.getByTestId('story-link').allInnerTexts()).toEqual(['Regulator opens a probe into app store fees']);
  await screenshot(page, 'stream-folder');
  // or the stream's Folders list, with how many stories each holds
  await page.goto(`${radar.url}/`);
  const regulators = page.getByTestId('folder-picker').getByRole('checkbox', { name: /^Regulators/ });
  await expect.poll(() => page.getByTestId('folder-option-Regulators').innerText()).toMatch(/Regulators\s*1/);
  await regulators.check();
  await expect.poll(() => new URL(page.url()).search).toBe('?folder=Regulators');
  await expect.poll(() => page.getByTestId('story-link').allInnerTexts()).toEqual(['Regulator opens a probe into app store fees']);
  expect(await page.getByTestId('active-filters').innerText()).toContain('In Regulators');
  await page.getByTestId('folder-picker').scrollIntoViewIfNeeded();
  await screenshot(page, 'stream-folder-picker');
  // and a story's reading pane names its folder, a click away from the folder's stories
  await page.goto(`${radar.url}/`);
  await page.locator('article[data-testid=story]', { hasText: 'Regulator opens a probe into app store fees' }).locator('.summary, p').first().click();
  await page.getByTestId('story-folder').waitFor();
  await screenshot(page, 'story-folder');
  await page.getByTestId('story-folder').click();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('folder')).toEqual(['Regulators']);
  await page.goto(`${radar.url}/feeds`);
  await page.getByTestId('folder-filter').selectOption('Desk');
  await expect.poll(async () => (await page.getByTestId('feed-row').allInnerTexts()).every((text) => text.includes('Desk'))).toBe(true);
  const exported = await (await radar.api((await page.getByRole('link', { name: 'Export OPML' }).getAttribute('href'))!)).text();
  for (const url of [...urls, watched]) expect(exported).toContain(`xmlUrl="${url}"`);
  expect(exported).toMatch(new RegExp(`<outline text="Regulators" title="Regulators">\\s*<outline[^>]*xmlUrl="${urls[0]}"`));
  await page.context().close();
});

test('a list of addresses pasted into the feeds page is added at once, saying which were watched already or refused', async () => {
  const urls = ['paste-one', 'paste-two'].map((slug) => radar.newsroom.addOutlet({ slug, title: `Pasted ${slug}`, format: 'rss', language: 'en' }));
  const watched = (await api<{ feeds: Feed[] }>('/api/feeds')).feeds[0]!.url;
  const page = await openPage('light');
  await page.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  await page.goto(`${radar.url}/feeds`);
  await page.getByTestId('feed-row').first().waitFor();
  const box = page.getByLabel('Address of a site or feed');
  await box.focus();
  // pasted from a document, one address a line: the box keeps them apart
  await box.evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${urls[0]}\n${urls[1]}\r\n${watched}\nnot:an-address\n${urls[0]}`);
  expect(await box.inputValue()).toBe(`${urls[0]} ${urls[1]} ${watched} not:an-address ${urls[0]}`);
  await page.getByRole('button', { name: 'Add feed' }).click();
  await expect
    .poll(() => page.locator('.notice').innerText())
    .toContain('Added 2 feeds: their first polls are under way. 1 feed already watched. Not added: not:an-address (not an address).');
  for (const url of urls) await expect.poll(() => page.getByTestId('feed-row').filter({ hasText: url }).count()).toBe(1);
  // the box keeps what was not added, to be mended
  expect(await box.inputValue()).not.toBe('');
  await page.context().close();
});

test('the feeds table sorts by a column; feeds ticked together are moved, paused and deleted at once', async () => {
  const urls = ['bulk-one', 'bulk-two', 'bulk-three'].map((slug) => radar.newsroom.addOutlet({ slug, title: `Bulk ${slug}`, format: 'rss', language: 'en' }));
  const ids: string[] = [];
  for (const url of urls) ids.push((await radar.addFeed(url)).id);
  const page = await openPage('light');
  await page.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${radar.url}/feeds`);
  await page.getByTestId('feed-row').first().waitFor();

  // by items, most first; again, fewest first; feeds that listed none (never read) last either way
  const items = async () => (await page.locator('[data-testid="feed-row"] td[data-label="Items"]').allInnerTexts()).map((text) => (text === '—' ? null : Number(text.replace(/,/g, ''))));
  const ordered = (values: (number | null)[], direction: 1 | -1) => {
    const known = values.filter((value) => value !== null);
    return known.every((value, i) => i === 0 || (value - known[i - 1]!) * direction >= 0) && values.slice(known.length).every((value) => value === null);
  };
  await page.getByTestId('sort-items').click();
  expect(await page.locator('th', { has: page.getByTestId('sort-items') }).getAttribute('aria-sort')).toBe('descending');
  expect(ordered(await items(), -1)).toBe(true);
  await page.getByTestId('sort-items').click();
  expect(await page.locator('th', { has: page.getByTestId('sort-items') }).getAttribute('aria-sort')).toBe('ascending');
  expect(ordered(await items(), 1)).toBe(true);
  const distinct = new Set((await items()).filter((value) => value !== null));
  expect(distinct.size).toBeGreaterThan(1);

  // each feed's share of policy stories over the last 30 days, as the API counts it
  const stats = await api<FeedStoryStats>('/api/feeds/stats');
  const busiest = stats.feeds.sort((a, b) => b.stories - a.stories)[0]!;
  const cell = page.locator(`[data-feed-id="${busiest.feedId}"] [data-testid=feed-policy]`);
  await expect.poll(() => cell.innerText()).toBe(`${Math.round((busiest.policyStories / busiest.stories) * 100)}%`);
  expect(await cell.locator('.share').getAttribute('title')).toBe(`${busiest.policyStories} of ${busiest.stories} stories of the last 30 days are about internet policy`);
  // sorted by it, the feeds bringing least policy news first, those without stories last
  await page.getByTestId('sort-policy').click();
  const shares = (await page.locator('[data-testid="feed-row"] [data-testid=feed-policy]').allInnerTexts()).map((text) => (text === '—' ? null : Number(text.replace('%', ''))));
  expect(ordered(shares, 1)).toBe(true);

  // the three bulk feeds, filtered and ticked at once
  await page.getByLabel('Filter feeds by name or address').fill('bulk-');
  await expect.poll(() => page.getByTestId('feed-row').count()).toBe(3);
  await page.getByTestId('select-all').check();
  await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('3 feeds selected');
  // one unticked: the others only are acted on
  const rowOf = (id: string) => page.locator(`[data-testid="feed-row"][data-feed-id="${id}"]`);
  await rowOf(ids[2]!).getByTestId('select-feed').uncheck();
  await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('2 feeds selected');
  expect(await page.getByTestId('select-all').evaluate((box: HTMLInputElement) => box.indeterminate)).toBe(true);

  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Move to folder…' }).click();
  await page.getByLabel('Folder for the selected feeds').fill('Watchlist');
  await page.getByTestId('bulk-folder-form').getByRole('button', { name: 'Move' }).click();
  await expect.poll(() => page.locator('.notice').innerText()).toContain('Moved 2 feeds to Watchlist.');
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => page.locator('.notice').innerText()).toContain('Paused 2 feeds.');
  await screenshot(page, 'feeds-bulk');
  const stored = async () => (await api<{ feeds: Feed[] }>('/api/feeds')).feeds;
  const byId = (feeds: Feed[], id: string) => feeds.find((feed) => feed.id === id);
  let feeds = await stored();
  for (const id of ids.slice(0, 2)) expect(byId(feeds, id)).toMatchObject({ folder: 'Watchlist', enabled: false });
  expect(byId(feeds, ids[2]!)).toMatchObject({ folder: null, enabled: true });
  await expect.poll(() => rowOf(ids[0]!).getAttribute('data-state')).toBe('paused');

  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => page.locator('.notice').innerText()).toContain('Deleted 2 feeds.');
  await expect.poll(() => page.getByTestId('feed-row').count()).toBe(1);
  await expect.poll(() => page.getByTestId('bulk-actions').count()).toBe(0);
  feeds = await stored();
  expect(ids.map((id) => byId(feeds, id) !== undefined)).toEqual([false, false, true]);
  await page.context().close();
});

test('a long list of feeds is drawn a hundred rows at a time; sorting and filtering reach every feed, not only the rows drawn', async () => {
  const before = (await api<{ feeds: Feed[] }>('/api/feeds')).feeds.length;
  // 150 feeds of a publisher's archive (never answered: their polls fail, which the list does not mind)
  const names = Array.from({ length: 150 }, (_, i) => `Zeta archive ${String(i).padStart(3, '0')}`);
  const outlines = names.map((name, i) => `<outline type="rss" text="${name}" xmlUrl="http://127.0.0.1:9/archive-${i}.xml"/>`).join('');
  const imported = await radar.api('/api/feeds/import', {
    method: 'POST',
    headers: { 'content-type': 'text/x-opml' },
    body: `<?xml version="1.0"?><opml version="2.0"><head><title>Archive</title></head><body>${outlines}</body></opml>`,
  });
  expect(imported.status).toBe(200);
  const added = ((await imported.json()) as { added: Feed[] }).added;
  expect(added).toHaveLength(150);
  const total = before + 150;

  const page = await openPage('light');
  await page.goto(`${radar.url}/feeds`);
  await page.getByTestId('feed-row').first().waitFor();
  expect(await page.getByTestId('feed-row').count()).toBe(100);
  expect(await page.getByTestId('more-feeds').innerText()).toContain(`Showing 100 of ${total} feeds`);

  // sorted by name, last first: the first row is the last name of all, though it was not drawn before
  const names100 = async () => page.locator('[data-testid="feed-row"] .name').allInnerTexts();
  const firstDrawn = await names100();
  await page.getByTestId('sort-name').click();
  await page.getByTestId('sort-name').click();
  expect(await page.locator('th', { has: page.getByTestId('sort-name') }).getAttribute('aria-sort')).toBe('descending');
  const last = 'Zeta archive 149';
  expect(firstDrawn).not.toContain(last);
  await expect.poll(async () => (await names100())[0]).toBe(last);
  expect(await page.getByTestId('feed-row').count()).toBe(100);
  expect(firstDrawn).not.toEqual(await names100());

  // the next page, then the filter finds a feed among all of them and starts again from the top
  await page.getByTestId('more-feeds').getByRole('button', { name: `Show ${Math.min(100, total - 100)} more` }).click();
  await expect.poll(() => page.getByTestId('feed-row').count()).toBe(Math.min(200, total));
  await page.getByLabel('Filter feeds by name or address').fill('zeta 149');
  await expect.poll(() => page.locator('[data-testid="feed-row"] .name').allInnerTexts()).toEqual(['Zeta archive 149']);
  expect(await page.getByTestId('more-feeds').count()).toBe(0);
  await page.getByLabel('Filter feeds by name or address').fill('zeta');
  await expect.poll(() => page.getByTestId('feed-row').count()).toBe(100);
  await page.getByTestId('more-feeds').getByRole('button', { name: 'Show all' }).click();
  await expect.poll(() => page.getByTestId('feed-row').count()).toBe(150);

  // ticking all ticks every feed listed, drawn or not
  await page.getByLabel('Filter feeds by name or address').fill('zeta');
  await page.getByTestId('select-all').check();
  await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('150 feeds selected');
  await page.context().close();
  for (const feed of added) expect((await radar.api(`/api/feeds/${feed.id}`, { method: 'DELETE' })).status).toBe(204);
});

test('the overview prints (or saves as PDF) light, without navigation or controls, whatever the theme', async () => {
  const page = await openPage('dark', 1000, 900);
  await page.goto(`${radar.url}/overview?range=7d`);
  await page.getByTestId('chart-by-country').locator('canvas').first().waitFor();
  await expect.poll(() => page.getByTestId('print-overview').isVisible()).toBe(true);
  expect(await page.getByTestId('printed-note').isVisible()).toBe(false);
  const palette = () => page.getByTestId('chart-by-country').getByTestId('hourly-chart-plot').getAttribute('data-palette');
  expect(await palette()).toBe('dark');
  await page.emulateMedia({ media: 'print' });
  // the charts are drawn again in the light colours, for paper
  await expect.poll(palette).toBe('light');
  expect(await page.locator('header.topbar').isVisible()).toBe(false);
  expect(await page.getByTestId('print-overview').isVisible()).toBe(false);
  expect(await page.getByTestId('overview-range').isVisible()).toBe(false);
  expect(await page.getByTestId('printed-note').innerText()).toMatch(/^Policy Radar · printed /);
  expect(await page.getByTestId('chart-by-country').isVisible()).toBe(true);
  // the page is light on paper: white behind the cards
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  // the chips say what the view is, without their remove buttons
  expect(await page.getByTestId('active-filters').getByRole('button').first().isVisible()).toBe(false);
  await screenshot(page, 'overview-print', { fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(20_000);
  // and back on screen, dark again
  await page.emulateMedia({ media: 'screen' });
  await expect.poll(palette).toBe('dark');
  await page.context().close();
});

test('every page in light and dark, on a laptop, and the stream on a phone', async () => {
  // a feed with a long address, which fails: the feeds table must still fit its page
  const longAddress = `${radar.newsroom.baseUrl}/feeds/${'regional-digital-policy-and-platform-regulation-'.repeat(3)}updates.xml`;
  expect((await radar.addFeed(longAddress)).firstPoll).toMatchObject({ kind: 'failed' });
  for (const theme of ['light', 'dark'] as const) {
    const page = await openPage(theme);
    await page.goto(radar.url);
    await page.locator('article[data-testid=story]').first().waitFor();
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('live');
    await screenshot(page, `stream-${theme}`);

    await page.locator('article[data-testid=story]').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('story-mentions').waitFor();
    await screenshot(page, `story-${theme}`);

    await page.goto(`${radar.url}/overview?range=7d`);
    await page.getByTestId('chart-by-company').locator('canvas').first().waitFor();
    await page.getByTestId('world-map').locator('path').first().waitFor();
    await screenshot(page, `overview-${theme}-7d`);

    await page.goto(`${radar.url}/feeds`);
    await page.getByTestId('feed-row').first().waitFor();
    // each feed's health shows the size of the document it last fetched
    const { feeds } = await api<{ feeds: Feed[] }>('/api/feeds');
    const fetched = feeds.find((feed) => feed.lastStatus === 200 && feed.lastBytes !== null)!;
    const size = fetched.lastBytes! < 1000 ? `${fetched.lastBytes} B` : `${Math.round(fetched.lastBytes! / 1000)} KB`;
    expect(await page.locator(`[data-feed-id="${fetched.id}"] [data-testid=feed-size]`).textContent()).toBe(size);
    await screenshot(page, `feeds-${theme}`);
    for (const width of [1440, 1000]) {
      await page.setViewportSize({ width, height: 900 });
      // every column, the actions included, in view without scrolling sideways
      const overflow = await page.locator('.table-wrap').evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth);
      expect(overflow, `feeds table at ${width}px`).toBeLessThanOrEqual(0);
      await expect.poll(() => page.getByRole('button', { name: /^Delete / }).first().isVisible()).toBe(true);
    }
    // on a phone, every row fits the screen (with the notes the tests above left on some)
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('feed-row').last().scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, `feeds-${theme}-phone`);
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.goto(`${radar.url}/alerts`);
    await page.getByTestId('alerts-summary').waitFor();
    await screenshot(page, `alerts-${theme}`);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(theme);
    await page.context().close();

    const phone = await openPage(theme, 390, 844);
    await phone.goto(radar.url);
    await phone.locator('article[data-testid=story]').first().waitFor();
    await screenshot(phone, `stream-phone-${theme}`);
    await phone.goto(`${radar.url}/overview?range=24h`);
    await phone.getByTestId('chart-by-country').locator('canvas').first().waitFor();
    await screenshot(phone, `overview-phone-${theme}`);
    // nothing is wider than the screen
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.context().close();
  }
});
