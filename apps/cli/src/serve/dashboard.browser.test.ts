import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

const radar = new TestRadar();
let browser: Browser;
let feedId: string;

beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  feedId = (await radar.addFeed(radar.newsroom.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' }))).id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
});

test('a dashboard filtered by country shows matching stories live, and only those', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(radar.url);
  await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/live/i);

  await page.getByPlaceholder('Search countries').fill('France');
  await page.getByRole('checkbox', { name: 'France' }).check();
  await expect.poll(() => new URL(page.url()).searchParams.get('country')).toBe('FR');

  const main = page.locator('main');
  radar.newsroom.publish('wire', {
    title: 'Germany fines a platform under its network enforcement law',
    summary: 'The German Federal Office of Justice in Bonn imposed the fine on the platform.',
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  radar.newsroom.publish('wire', {
    title: 'France orders platforms to remove terrorist content within an hour',
    summary: 'The French interior minister told Facebook and Google that France will fine slow platforms.',
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });

  const france = main.getByRole('link', { name: /France orders platforms/ });
  await france.waitFor({ timeout: 10_000 });
  expect(await france.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/articles\/wire\/\d+$/);
  // the German story went out first: had the dashboard taken it, it would be on screen by now
  expect(await main.getByText('Germany fines a platform').count()).toBe(0);
  await screenshot(page, 'dashboard-live-country-filter');
});

test('stories stored since the last visit are marked new, those seen live are not, and "Mark as seen" clears them', async () => {
  const publish = async (title: string, summary: string) => {
    radar.newsroom.publish('wire', { title, summary });
    expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  };
  await publish('Commission opens proceedings against a marketplace', 'Brussels suspects the marketplace of favouring its own sellers.');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const visit = async () => {
    const page = await context.newPage();
    await page.goto(radar.url);
    await page.locator('article[data-testid=story]').first().waitFor();
    return page;
  };
  const newTitles = (page: Page) => page.locator('article[data-testid=story]', { has: page.getByTestId('story-new') }).locator('h2').allInnerTexts();

  // a first visit: nothing is new
  let page = await visit();
  await page.waitForTimeout(300);
  expect(await newTitles(page)).toEqual([]);
  expect(await page.getByTestId('new-since-visit').count()).toBe(0);
  // a story that comes in live while the page is in view is seen
  await publish('Commission fines a search engine', 'The fine follows a complaint by comparison shopping sites in Germany.');
  await page.getByRole('link', { name: 'Commission fines a search engine' }).waitFor();
  await page.waitForTimeout(300);
  // two saved views: one the next stories belong to, one they do not
  for (const [name, search] of [['Commission', '?q=commission'], ['Germany', '?country=DE']]) {
    await page.goto(`${radar.url}/${search}`);
    await page.getByTestId('save-view').click();
    await page.getByLabel('Name of this view').fill(name!);
    await page.getByLabel('Name of this view').press('Enter');
  }
  await page.close();

  // away: two stories come in; the next visit marks them, and only them
  await publish('Commission questions a video platform', 'Officials sent a request for information about recommender systems and minors.');
  await publish('Commission designates a new gatekeeper', 'A cloud provider joins the list under the Digital Markets Act.');
  page = await visit();
  await expect.poll(() => newTitles(page)).toEqual(['Commission designates a new gatekeeper', 'Commission questions a video platform']);
  expect(await page.getByTestId('new-since-visit').innerText()).toMatch(/^2 new since your last visit\s+Mark as seen$/);
  // the saved views say which of them has news
  const viewNews = () => page.getByTestId('saved-views').locator('li').evaluateAll((items) => items.map((item) => item.textContent!.replace(/\s+/g, ' ').replace('×', '').trim()));
  await expect.poll(viewNews).toEqual(['Commission 2 new', 'Germany']);
  await screenshot(page, 'dashboard-new-since-last-visit');
  await page.getByTestId('new-since-visit').getByRole('button', { name: 'Mark as seen' }).click();
  await expect.poll(() => newTitles(page)).toEqual([]);
  expect(await page.getByTestId('new-since-visit').count()).toBe(0);
  // the Commission view keeps its news until it is looked at: each view has its own mark
  expect(await viewNews()).toEqual(['Commission 2 new', 'Germany']);
  await page.getByTestId('saved-views').getByRole('link', { name: 'Commission' }).click();
  await expect.poll(() => newTitles(page)).toEqual(['Commission designates a new gatekeeper', 'Commission questions a video platform']);
  await page.close();
  // the next visit: nothing new on the stream, nor in either view
  page = await visit();
  await expect.poll(viewNews).toEqual(['Commission', 'Germany']);
  expect(await newTitles(page)).toEqual([]);
  await context.close();
});

test('stories saved from their row or the reading pane make a view of their own, kept in this browser, with its CSV export', async () => {
  radar.newsroom.publish('wire', { title: 'Regulator consults on app store rules', summary: 'The consultation runs until spring.' });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  radar.newsroom.publish('wire', { title: 'Parliament debates a bill on encryption', summary: 'Members questioned the interior minister on client-side scanning.' });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(radar.url);
  const rows = page.locator('article[data-testid=story]');
  await rows.first().waitFor();
  const [first, second] = [rows.nth(0), rows.nth(1)];
  const firstTitle = await first.locator('h2').innerText();
  const secondTitle = await second.locator('h2').innerText();

  // from the row's bookmark
  await first.hover();
  await first.getByTestId('save-story').click();
  await expect.poll(() => first.getByTestId('save-story').getAttribute('aria-pressed')).toBe('true');
  // from the reading pane
  await second.locator('.summary').click();
  await page.getByTestId('detail-save').click();
  await expect.poll(() => page.getByTestId('detail-save').innerText()).toBe('Saved');
  await expect.poll(() => page.getByTestId('saved-count').innerText()).toBe('2');
  await expect.poll(() => second.getByTestId('save-story').getAttribute('aria-pressed')).toBe('true');

  await page.getByTestId('saved-toggle').check();
  await expect.poll(() => new URL(page.url()).searchParams.get('saved')).toBe('1');
  await expect.poll(() => rows.locator('h2').allInnerTexts()).toEqual([firstTitle, secondTitle]);
  expect(await page.getByTestId('active-filters').innerText()).toContain('Saved stories');
  await screenshot(page, 'dashboard-saved-stories');
  // copied as a list to paste into an e-mail: plain text and HTML with links
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: radar.url });
  await page.getByTestId('copy-list').click();
  await expect.poll(() => page.getByTestId('copy-note').innerText()).toBe('Copied 2 stories');
  const clipboard = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return { text: await (await item!.getType('text/plain')).text(), html: await (await item!.getType('text/html')).text() };
  });
  expect(clipboard.text.split('\n\n')[0]).toBe('Policy Radar · Saved stories');
  expect(clipboard.text).toContain(`• ${firstTitle}\n  Local Wire · `);
  expect(clipboard.text.indexOf(firstTitle)).toBeLessThan(clipboard.text.indexOf(secondTitle));
  expect(clipboard.html).toMatch(new RegExp(`<a href="http://127\\.0\\.0\\.1:\\d+/articles/wire/\\d+">${secondTitle}</a>`));
  // a story's link, copied from its reading pane, opens it for a colleague
  await rows.nth(1).locator('.summary').click();
  await page.getByTestId('copy-story-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${radar.url}/\\?story=[0-9a-f-]{36}$`));
  const colleague = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await colleague.goto(link);
  await expect.poll(() => colleague.getByTestId('story-detail').locator('h2').first().innerText()).toBe(secondTitle);
  await colleague.close();
  await page.getByTestId('close-story').click();
  // the whole list, shared as a link: a colleague's stream shows those stories, and says so
  await page.getByTestId('share-saved').click();
  await expect.poll(() => page.getByTestId('share-saved').innerText()).toBe('Link copied');
  const listLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(listLink).toMatch(new RegExp(`^${radar.url}/\\?id=[0-9a-f-]{36},[0-9a-f-]{36}$`));
  const reader = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await reader.goto(listLink);
  await expect.poll(() => reader.locator('article[data-testid=story] h2').allInnerTexts()).toEqual([firstTitle, secondTitle]);
  expect(await reader.getByTestId('chosen-stories').innerText()).toContain('2 chosen stories');
  await screenshot(reader, 'dashboard-shared-list');
  await reader.close();
  // the export holds the saved stories, and only them
  const csv = await (await radar.api((await page.getByTestId('export-csv').getAttribute('href'))!)).text();
  expect(csv.trim().split('\r\n')).toHaveLength(3);
  for (const title of [firstTitle, secondTitle]) expect(csv).toContain(title);

  // taken off the list, a story leaves the view; the list outlives the page
  await page.getByRole('button', { name: `Saved: ${secondTitle}` }).click();
  await expect.poll(() => rows.locator('h2').allInnerTexts()).toEqual([firstTitle]);
  await page.reload();
  await expect.poll(() => rows.locator('h2').allInnerTexts()).toEqual([firstTitle]);
  // the keyboard: j picks the row, s takes it off the list
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await expect.poll(() => page.getByTestId('empty-stream').innerText()).toContain('No saved stories yet');
  expect(await page.getByTestId('saved-count').innerText()).toBe('0');
  // saved again from the stream, then the whole list cleared at once (after a confirmation)
  await page.getByTestId('saved-toggle').uncheck();
  await rows.first().waitFor();
  for (const row of [rows.nth(0), rows.nth(1)]) {
    await row.hover();
    await row.getByTestId('save-story').click();
  }
  await page.getByTestId('saved-toggle').check();
  await expect.poll(() => rows.count()).toBe(2);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('clear-saved').click();
  await expect.poll(() => page.getByTestId('empty-stream').innerText()).toContain('No saved stories yet');
  expect(await page.getByTestId('saved-count').innerText()).toBe('0');
  await context.close();
});
