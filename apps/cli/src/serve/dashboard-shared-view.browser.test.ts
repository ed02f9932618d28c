import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import demoData from '../../data/demo-newsroom.json' with { type: 'json' };
import { setFeedWatchedSince } from '@radar/db';
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TEST_ADMIN_TOKEN, TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

const radar = new TestRadar();
let browser: Browser;
const HOUR = 3_600_000;
const feeds: string[] = [];

// The demo newsroom's stories over the last eight days, so a time range leaves some out.
beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  for (const outlet of demoData.outlets) {
    feeds.push((await radar.addFeed(radar.newsroom.addOutlet({ ...outlet, format: outlet.format as 'rss' | 'atom' }))).id);
  }
  const now = Date.now();
  // watched for as long as the stories go back, so what rises counts them
  for (const id of feeds) await setFeedWatchedSince(radar.radar.database.db, id, new Date(now - 30 * 24 * HOUR));
  demoData.stories.forEach((story, i) => {
    radar.newsroom.publish(story.outlet, { title: story.title, summary: story.summary, publishedAt: new Date(now - i * 4 * HOUR - 60_000) });
  });
  for (const id of feeds) expect(await radar.refresh(id)).toMatchObject({ kind: 'polled' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
});

/** Everything a reader sees of a view: chips, stories, checked values, the keyword, the switch and the range. */
async function viewOf(page: Page) {
  await page.locator('[data-testid=story-list]').waitFor({ state: 'attached' });
  await expect.poll(() => page.getByTestId('story-list').getAttribute('aria-busy')).toBe('false');
  return {
    chips: await page.getByTestId('active-filters').locator('li').allInnerTexts(),
    stories: await page.locator('article[data-testid=story]').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-story-id'))),
    checked: await page
      .locator('[data-testid=filters] fieldset input[type=checkbox]:checked')
      .evaluateAll((boxes) =>
        boxes.map((box) => `${box.closest('fieldset')?.dataset.testid}:${(box as HTMLInputElement).value}`),
      ),
    keyword: await page.getByTestId('keyword-search').inputValue(),
    relevant: await page.getByTestId('relevant-toggle').isChecked(),
    range: await page.getByTestId('time-range').inputValue(),
    total: await page.getByTestId('story-total').innerText(),
  };
}

test('the URL of a filtered view opens the same view in a fresh page', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(radar.url);
  await page.locator('article[data-testid=story]').first().waitFor();

  // a view built by hand: two countries, a company, a topic, a keyword, policy only, last 7 days
  await page.getByLabel('Search countries').fill('Japan');
  await page.getByTestId('country-picker').getByRole('checkbox', { name: 'Japan', exact: true }).check();
  await page.getByLabel('Search countries').fill('EU');
  await page.getByTestId('country-picker').getByRole('checkbox', { name: 'European Union', exact: true }).check();
  await page.getByLabel('Search countries').fill('');
  await page.getByLabel('Search companies').fill('Apple');
  await page.getByTestId('company-picker').getByRole('checkbox', { name: 'Apple', exact: true }).check();
  await page.getByTestId('topic-picker').getByRole('checkbox', { name: 'Competition & antitrust', exact: true }).check();
  await page.getByTestId('relevant-toggle').check();
  await page.getByTestId('time-range').selectOption('7d');
  await page.getByTestId('keyword-search').fill('-chrome');
  await page.getByTestId('keyword-search').press('Enter');
  await expect
    .poll(() => new URL(page.url()).search)
    .toBe('?country=EU,JP&company=apple&topic=competition-antitrust&q=-chrome&relevant=1&range=7d');
  const built = await viewOf(page);
  expect(built.stories).toHaveLength(2);
  expect(built.chips).toHaveLength(7);
  expect(built.checked).toEqual([
    'country-picker:EU',
    'country-picker:JP',
    'company-picker:apple',
    'topic-picker:competition-antitrust',
  ]);
  await screenshot(page, 'dashboard-shared-view-built');

  // the stories are the API's for the same query
  const since = new Date(Date.now() - 7 * 24 * HOUR + 60_000).toISOString();
  const answer = (await (
    await radar.api(`/api/stories?country=EU,JP&company=apple&topic=competition-antitrust&q=-chrome&relevant=1&after=${encodeURIComponent(since)}`)
  ).json()) as { stories: { id: string }[] };
  expect(built.stories).toEqual(answer.stories.map((story) => story.id));

  // and its CSV export is those stories, for a spreadsheet
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^policy-radar-stories-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((row) => row['Story id'])).toEqual(built.stories);
  expect(rows.every((row) => row.Companies?.includes('Apple') && row.Policy === 'yes')).toBe(true);

  // a colleague opens the link: another browser context, nothing in its storage
  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = await fresh.newPage();
  await other.goto(page.url());
  await other.locator('article[data-testid=story]').first().waitFor();
  await expect.poll(() => viewOf(other)).toEqual(built);
  await screenshot(other, 'dashboard-shared-view-opened');

  // and Back in the first page undoes the filters one step at a time, to the plain stream
  await page.getByTestId('clear-filters').click();
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await page.goBack();
  await expect.poll(() => viewOf(page)).toEqual(built);
  await fresh.close();
});

test("a story's source name shows that feed's stories, with a chip naming it and the search box left free", async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(radar.url);
  const first = page.locator('article[data-testid=story]').first();
  await first.waitFor();
  const source = first.locator('.source-pick');
  const name = await source.innerText();
  await source.click();
  await expect.poll(() => new URL(page.url()).searchParams.get('feed')).toMatch(/.+/);
  await expect.poll(() => page.getByTestId('active-filters').innerText()).toContain(`From ${name}`);
  expect(await page.getByTestId('keyword-search').inputValue()).toBe('');
  await expect.poll(async () => new Set(await page.locator('article[data-testid=story] .source').allInnerTexts())).toEqual(new Set([name]));
  // the reading pane did not open: the name is a filter, not the story
  expect(new URL(page.url()).searchParams.get('story')).toBeNull();
  await page.close();
});

test("'Alert me' on a view opens the alerts page with the view's query and a name, ready for channels", async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${radar.url}/?country=JP&company=apple`);
  await page.locator('article[data-testid=story]').first().waitFor();
  await page.getByTestId('alert-from-view').click();
  await page.waitForURL((address) => address.pathname === '/alerts');
  await expect.poll(() => page.getByLabel('Query').inputValue()).toBe('country:JP company:apple');
  expect(await page.getByLabel('Name').inputValue()).toBe('Japan · Apple');
  // the query is the view's: its preview finds the stories the view listed
  await page.getByTestId('preview-alert').click();
  await expect.poll(() => page.getByTestId('preview-count').innerText()).toMatch(/^[1-9]\d* stor(y|ies) matched$/);
  // policy stories only: the alert asks for them too, and its preview counts what the view lists
  // (over the last 7 days, as the preview looks)
  await page.goto(`${radar.url}/?company=apple&relevant=1&range=7d`);
  await page.locator('article[data-testid=story]').first().waitFor();
  await expect.poll(() => page.getByTestId('story-total').innerText()).toMatch(/^\d+ stor(y|ies) in the last 7 days$/);
  const listed = Number((await page.getByTestId('story-total').innerText()).replace(/\D.*$/, ''));
  const week = encodeURIComponent(new Date(Date.now() - 7 * 24 * HOUR).toISOString());
  const apple = (await (await radar.api(`/api/facets?company=apple&after=${week}`)).json()) as { total: number };
  expect(listed).toBeGreaterThan(0);
  expect(listed, 'some of the stories about Apple are not about policy').toBeLessThan(apple.total);
  await page.getByTestId('alert-from-view').click();
  await page.waitForURL((address) => address.pathname === '/alerts');
  await expect.poll(() => page.getByLabel('Query').inputValue()).toBe('company:apple is:policy');
  await page.getByTestId('preview-alert').click();
  await expect.poll(() => page.getByTestId('preview-count').innerText()).toBe(`${listed} ${listed === 1 ? 'story' : 'stories'} matched`);
  // the plain stream offers none: an alert on every story is no alert
  await page.goto(radar.url);
  await page.locator('article[data-testid=story]').first().waitFor();
  expect(await page.getByTestId('alert-from-view').count()).toBe(0);
  await page.close();
});

test("a feed filter's chip names the feed where no story shown names it (the overview)", async () => {
  const feeds = (await (await radar.api('/api/feeds')).json()) as { feeds: { id: string; title: string | null }[] };
  const feed = feeds.feeds.find((candidate) => candidate.title)!;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${radar.url}/overview?feed=${feed.id}`);
  await expect.poll(() => page.getByTestId('active-filters').innerText()).toContain(`From ${feed.title}`);
  await page.close();
});

test("chosen days show the stories published on them in the reader's time zone, and no live story", async () => {
  // a reader in India (UTC+05:30): the days are theirs, not the server's
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Kolkata' });
  const OFFSET = 5.5 * HOUR;
  const dayOf = (time: number) => new Date(time + OFFSET).toISOString().slice(0, 10);
  const startOf = (day: string) => Date.parse(`${day}T00:00:00Z`) - OFFSET;
  const now = Date.now();
  const page = await context.newPage();
  await page.goto(radar.url);
  await page.locator('article[data-testid=story]').first().waitFor();

  // "Dates…" starts with the last seven days, today included
  await page.getByTestId('time-range').selectOption('days');
  await expect.poll(() => new URL(page.url()).search).toBe(`?from=${dayOf(now - 6 * 24 * HOUR)}&to=${dayOf(now)}`);
  const [from, to] = [dayOf(now - 4 * 24 * HOUR), dayOf(now - 3 * 24 * HOUR)];
  await page.getByTestId('time-from').fill(from);
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(from);
  await page.getByTestId('time-to').fill(to);
  await expect.poll(() => new URL(page.url()).search).toBe(`?from=${from}&to=${to}`);

  // the stories are the API's between the first instant of `from` and the end of `to`, there
  const after = new Date(startOf(from)).toISOString();
  const until = new Date(startOf(to) + 24 * HOUR).toISOString();
  const answer = (await (
    await radar.api(`/api/stories?after=${encodeURIComponent(after)}&until=${encodeURIComponent(until)}&limit=200`)
  ).json()) as { stories: { id: string; publishedAt: string }[] };
  expect(answer.stories.length).toBeGreaterThanOrEqual(10);
  const ids = answer.stories.map((story) => story.id);
  await expect.poll(async () => (await viewOf(page)).total).toMatch(new RegExp(`^${answer.stories.length} stories`));
  const view = await viewOf(page);
  // one row per event: a report of an event another outlet reported too shares its row
  expect(view.stories.length).toBeGreaterThanOrEqual(ids.length / 2);
  expect(view.stories.filter((id) => !id || !ids.includes(id))).toEqual([]);
  expect(view.range).toBe('days');
  expect(view.total).toMatch(new RegExp(`^${answer.stories.length} stories from .+ to .+$`));
  expect(view.chips).toHaveLength(1);
  await screenshot(page, 'dashboard-chosen-days');

  // the CSV export is those stories, every report
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const rows = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((row) => row['Story id'])).toEqual(ids);

  // a story published now reaches the plain stream live, and not these days
  const plain = await context.newPage();
  await plain.goto(radar.url);
  await plain.locator('article[data-testid=story]').first().waitFor();
  radar.newsroom.publish(demoData.stories[0]!.outlet, { title: 'Brazil orders a new rule for platforms', summary: 'Published now.', publishedAt: new Date() });
  for (const id of feeds) await radar.refresh(id);
  await expect.poll(() => plain.locator('article[data-testid=story] h2').first().innerText()).toContain('Brazil orders a new rule');
  expect((await viewOf(page)).stories).toEqual(view.stories);
  expect(await page.getByText('Brazil orders a new rule').count()).toBe(0);

  // Earlier and Later step by the days' own length
  await page.getByTestId('time-earlier').click();
  await expect.poll(() => new URL(page.url()).search).toBe(`?from=${dayOf(now - 6 * 24 * HOUR)}&to=${dayOf(now - 5 * 24 * HOUR)}`);
  await page.getByTestId('time-later').click();
  await expect.poll(() => new URL(page.url()).search).toBe(`?from=${from}&to=${to}`);
  await expect.poll(async () => (await viewOf(page)).stories).toEqual(view.stories);

  // the overview counts the same days, and says where its hours end
  await page.goto(`${radar.url}/overview?from=${from}&to=${to}`);
  await expect.poll(() => page.getByTestId('overview-total').innerText()).toMatch(new RegExp(`^${answer.stories.length} stories from`));
  await expect.poll(() => page.getByTestId('chart-by-country').locator('.span').innerText()).not.toMatch(/to now/);
  expect(await page.getByTestId('overview-from').inputValue()).toBe(from);

  // taking the chip off shows every story again, the new one first
  await page.getByTestId('open-stream').click();
  await page.getByTestId('time-chip').getByRole('button').click();
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await expect.poll(() => page.locator('article[data-testid=story] h2').first().innerText()).toContain('Brazil orders a new rule');
  expect(await page.getByTestId('time-to').count()).toBe(0);
  await context.close();
});

test('the overview names what rose in the last day against the days before, and opens its stories', async () => {
  const titles = [
    "Ghana's communications authority orders telecoms to block betting apps",
    "Ghana's data protection commission opens an inquiry into TikTok",
    "Ghana's parliament passes cybersecurity amendment on platform takedowns",
    "Ghana's Supreme Court hears a challenge to online speech rules",
  ];
  titles.forEach((title, i) =>
    radar.newsroom.publish(demoData.stories[1]!.outlet, { title, summary: 'Accra.', publishedAt: new Date(Date.now() - (i + 1) * HOUR) }),
  );
  for (const id of feeds) await radar.refresh(id);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${radar.url}/overview`);
  const ghana = page.locator('[data-testid=rising-value][data-id=GH]');
  await ghana.waitFor();
  // Ghana had no story in the days before
  expect(await ghana.innerText()).toMatch(/COUNTRY\s+Ghana\s+New\s+4 stories · none in the \d+ days before$/);
  // a bar for each day of the baseline and one for the last, which alone has stories
  const bars = ghana.getByTestId('daily-bars');
  const days = Number(/Compared with the (\d+) days before/.exec(await page.getByTestId('rising').innerText())![1]);
  expect(await bars.getAttribute('aria-label')).toBe(`4 in the last 24 hours; 0 in the ${days} days before`);
  expect(await bars.locator('rect').count()).toBe(days + 1);
  expect(await bars.locator('rect.last').count()).toBe(1);
  expect(await page.getByTestId('rising').innerText()).toMatch(/Compared with the \d+ days before/);
  await screenshot(page, 'overview-rising');
  // following it is one click: the alerts page with an alert on Ghana's stories, ready for channels
  const follow = page.locator('li', { has: ghana }).getByTestId('rising-alert');
  const alertHref = new URL((await follow.getAttribute('href'))!, radar.url);
  expect([alertHref.pathname, alertHref.searchParams.get('name'), alertHref.searchParams.get('query')]).toEqual(['/alerts', 'Ghana', 'country:GH']);
  await follow.click();
  await expect.poll(() => page.getByLabel('Query').inputValue()).toBe('country:GH');
  await page.goBack();
  await ghana.click();
  await expect.poll(() => new URL(page.url()).search).toBe('?country=GH&range=24h');
  await expect.poll(() => page.getByTestId('story-total').innerText()).toBe('4 stories in the last 24 hours');
  // the stream names it under its title too, and opens the same stories
  await page.goto(radar.url);
  const named = page.getByTestId('stream-rising').locator('[data-id=GH]');
  await named.waitFor();
  expect(await named.innerText()).toMatch(/Ghana\s+New$/);
  expect(await named.getAttribute('title')).toMatch(/^4 stories in the last 24 hours, none in the \d+ days before$/);
  await screenshot(page, 'stream-rising');
  await named.click();
  await expect.poll(() => new URL(page.url()).search).toBe('?country=GH&range=24h');
  // within Ghana's stories, Ghana is not news
  await expect.poll(() => page.getByTestId('stream-rising').locator('[data-id=GH]').count()).toBe(0);
  await page.goto(`${radar.url}/overview?country=GH`);
  await page.getByTestId('rising').locator('[data-testid=rising-value], [data-testid=rising-none]').first().waitFor();
  expect(await page.locator('[data-testid=rising-value][data-id=GH]').count()).toBe(0);
  await page.close();
});

test('a phone shows the four values that rose most, and the rest when asked', async () => {
  const countries = ['Peru', 'Chile', 'Senegal', 'Uganda', 'Zambia'];
  countries.forEach((country, c) => {
    for (let i = 0; i < 3; i++) {
      radar.newsroom.publish(demoData.stories[2]!.outlet, {
        title: `${country}'s regulator opens inquiry ${i + 1} into a social media platform`,
        summary: `The authority in ${country} said it would examine the platform's handling of user data.`,
        publishedAt: new Date(Date.now() - (c * 3 + i + 1) * 20 * 60_000),
      });
    }
  });
  for (const id of feeds) await radar.refresh(id);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  await phone.goto(`${radar.url}/overview`);
  const tiles = phone.getByTestId('rising-value');
  await tiles.first().waitFor();
  const risen = await tiles.count();
  expect(risen).toBeGreaterThan(4);
  expect(await tiles.nth(3).isVisible()).toBe(true);
  expect(await tiles.nth(4).isVisible()).toBe(false);
  await phone.getByRole('button', { name: `Show all ${risen}` }).click();
  expect(await tiles.nth(risen - 1).isVisible()).toBe(true);
  expect(await phone.getByRole('button', { name: /^Show all/ }).count()).toBe(0);
  // a laptop shows them all at once
  await phone.setViewportSize({ width: 1440, height: 900 });
  await phone.reload();
  await tiles.first().waitFor();
  expect(await tiles.nth(risen - 1).isVisible()).toBe(true);
  await context.close();
});

test("a view shared with the team shows in a colleague's browser; a view kept in one browser stays there", async () => {
  const mine = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await mine.newPage();
  await page.goto(`${radar.url}/?country=FR`);
  await page.locator('article[data-testid=story]').first().waitFor();
  const names = (list: string) => page.getByTestId(list).getByRole('link').allInnerTexts();

  // shared: the first admin write asks for the token
  await page.getByTestId('save-view').click();
  await page.getByLabel('Name of this view').fill('France desk');
  await page.getByTestId('share-view').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByTestId('admin-token-dialog').getByLabel('Token').fill(TEST_ADMIN_TOKEN);
  await page.getByTestId('admin-token-dialog').getByRole('button', { name: /save/i }).click();
  await expect.poll(() => names('team-views')).toEqual(['France desk']);
  // kept in this browser only
  await page.goto(`${radar.url}/?company=meta`);
  await page.getByTestId('save-view').click();
  await page.getByLabel('Name of this view').fill('Meta, mine');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => names('browser-views')).toEqual(['Meta, mine']);
  await screenshot(page, 'saved-views-team-and-browser');

  // a colleague sees the team's view, not the other, and it opens the same view
  const theirs = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const colleague = await theirs.newPage();
  await colleague.goto(radar.url);
  await expect.poll(() => colleague.getByTestId('team-views').getByRole('link').allInnerTexts()).toEqual(['France desk']);
  expect(await colleague.getByTestId('browser-views').count()).toBe(0);
  await colleague.getByTestId('team-views').getByRole('link', { name: 'France desk' }).click();
  await expect.poll(() => colleague.getByTestId('active-filters').locator('li').allInnerTexts()).toEqual([expect.stringContaining('France')]);

  // the view of one browser moves to the team's with Share (the token is saved in this one now)
  await page.getByRole('button', { name: 'Share Meta, mine with the team' }).click();
  await expect.poll(() => names('team-views')).toEqual(['France desk', 'Meta, mine']);
  expect(await page.getByTestId('browser-views').count()).toBe(0);

  // the colleague removes one for everyone, after confirming, with the token
  colleague.on('dialog', (dialog) => void dialog.accept());
  await colleague.reload();
  await colleague.getByRole('button', { name: 'Remove team view France desk' }).click();
  await colleague.getByTestId('admin-token-dialog').getByLabel('Token').fill(TEST_ADMIN_TOKEN);
  await colleague.getByTestId('admin-token-dialog').getByRole('button', { name: /save/i }).click();
  await expect.poll(() => colleague.getByTestId('team-views').getByRole('link').allInnerTexts()).toEqual(['Meta, mine']);
  const stored = (await (await radar.api('/api/views')).json()) as { views: { name: string; search: string }[] };
  expect(stored.views.map((view) => [view.name, view.search])).toEqual([['Meta, mine', '?company=meta']]);
  await mine.close();
  await theirs.close();
});
