import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
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
