import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Story } from '@radar/core';
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

const radar = new TestRadar();
let browser: Browser;
let feedId: string;

beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  feedId = (await radar.addFeed(radar.newsroom.addOutlet({ slug: 'desk', title: 'Policy Desk', format: 'rss', language: 'en' }))).id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
});

/** Publishes a story to the local feed, has the poller ingest it, and answers it as stored (tags included). */
async function publish(title: string, summary: string): Promise<Story> {
  radar.newsroom.publish('desk', { title, summary });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const page = (await (await radar.api('/api/stories?limit=1')).json()) as { stories: Story[] };
  expect(page.stories[0]?.title).toBe(title);
  return page.stories[0]!;
}

test('a dashboard filtered by a country and a company shows live only the stories about both', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(radar.url);
  await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('live');

  await page.getByLabel('Search countries').fill('France');
  await page.getByTestId('country-picker').getByRole('checkbox', { name: 'France', exact: true }).check();
  await page.getByLabel('Search companies').fill('Meta');
  await page.getByTestId('company-picker').getByRole('checkbox', { name: 'Meta', exact: true }).check();
  await expect.poll(() => new URL(page.url()).search).toBe('?country=FR&company=meta');
  await expect.poll(() => page.getByTestId('empty-stream').isVisible()).toBe(true);

  // each of these misses one side of the filter (or both); the detector's tags are checked first
  const franceOnly = await publish(
    'France orders Google to pay news publishers for snippets',
    'The French competition authority in Paris told Google to negotiate with publishers in France.',
  );
  expect(franceOnly).toMatchObject({ countries: ['FR'], companies: ['google'] });
  const metaOnly = await publish(
    "Germany's cartel office orders Meta to stop combining WhatsApp data",
    'The Bundeskartellamt in Bonn said Meta may not merge data from WhatsApp and Instagram without consent in Germany.',
  );
  expect(metaOnly.countries).not.toContain('FR');
  expect(metaOnly.companies).toContain('meta');
  const neither = await publish('Spotify raises subscription prices in several markets', 'Premium plans will cost more from next month.');
  expect(neither.countries).toEqual([]);

  const both = await publish(
    "France's CNIL fines Meta over Instagram data transfers",
    'The French data protection authority said Meta sent data of users in France to the United States without safeguards.',
  );
  expect(both.countries).toContain('FR');
  expect(both.companies).toContain('meta');
  const bothAgain = await publish(
    'Paris prosecutors open inquiry into Facebook ads targeting French voters',
    'The Paris prosecutor said Meta, which owns Facebook, must explain political adverts shown in France.',
  );
  expect(bothAgain.countries).toContain('FR');
  expect(bothAgain.companies).toContain('meta');

  const rows = page.locator('article[data-testid=story]');
  await expect.poll(() => rows.evaluateAll((articles) => articles.map((a) => a.getAttribute('data-story-id')))).toEqual([bothAgain.id, both.id]);
  // the others went out first: had the dashboard taken any, it would show by now
  for (const other of [franceOnly, metaOnly, neither]) expect(await page.locator(`[data-story-id="${other.id}"]`).count()).toBe(0);
  expect(await page.getByTestId('new-stories').count()).toBe(0);
  await expect.poll(() => page.getByTestId('story-total').innerText()).toBe('2 stories match');
  // the counts beside the values follow live: with France chosen, Google has one story
  await page.getByLabel('Search companies').fill('');
  await expect.poll(() => page.getByTestId('company-option-google').innerText()).toMatch(/1$/);
  await screenshot(page, 'dashboard-country-and-company');
});
