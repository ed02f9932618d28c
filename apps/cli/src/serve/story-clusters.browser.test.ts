import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Story } from '@radar/core';
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

const radar = new TestRadar();
let browser: Browser;

beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  for (const outlet of [
    { slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' },
    { slug: 'gazette', title: 'Evening Gazette', format: 'atom', language: 'en' },
    { slug: 'courier', title: 'Daily Courier', format: 'rss', language: 'en' },
    { slug: 'sports', title: 'Sports Daily', format: 'rss', language: 'en' },
  ] as const) {
    await radar.addOutlet(outlet);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
});

/** Publishes one story at an outlet and polls it in (the poller clusters it): the story as stored. */
const publish = (slug: string, title: string, summary: string, minutesAgo: number): Promise<Story> =>
  radar.publishStory(slug, { title, summary, publishedAt: new Date(Date.now() - minutesAgo * 60_000) });

test('the stream shows one row per event with its outlets; a report arriving live bumps the same row', async () => {
  // one event reported by two outlets (the poller clusters them), and an unrelated story
  const first = await publish(
    'wire',
    'Ofcom sets July age verification deadline for adult sites in the UK',
    "Britain's regulator Ofcom told adult sites to deploy age verification in the UK by July.",
    30,
  );
  const second = await publish(
    'gazette',
    'UK regulator Ofcom gives adult sites until July for age verification',
    "The UK's Ofcom said age verification must be in place by July.",
    10,
  );
  const unrelated = await publish('sports', 'Local team wins the cup after extra time', 'Fans celebrated late into the night.', 20);
  expect(first.clusterId).not.toBeNull();
  expect(second.clusterId).toBe(first.clusterId);
  expect(unrelated.clusterId).not.toBe(first.clusterId);
  const page = (await (await radar.api('/api/stories?limit=50')).json()) as { clusterOutlets: Record<string, number> };
  expect(page.clusterOutlets[first.clusterId!]).toBe(2);

  const browserPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await browserPage.goto(radar.url);
  await expect.poll(() => browserPage.getByTestId('connection-status').getAttribute('data-status')).toBe('live');
  const rows = browserPage.locator('article[data-testid=story]');
  const rowIds = () => rows.evaluateAll((articles) => articles.map((a) => a.getAttribute('data-story-id')));
  // the newest report stands for the event; the older one has no row of its own
  await expect.poll(rowIds).toEqual([second.id, unrelated.id]);
  const eventRow = browserPage.locator(`article[data-story-id="${second.id}"]`);
  const badge = eventRow.getByTestId('story-outlets');
  expect(await badge.innerText()).toBe('2 outlets');
  expect(await browserPage.locator(`article[data-story-id="${unrelated.id}"]`).getByTestId('story-outlets').count()).toBe(0);

  // screen readers hear the count with the headline, and the other outlet's name from the badge
  expect(await eventRow.getAttribute('aria-describedby')).toBe(`story-${second.id}-outlets`);
  expect(await browserPage.locator(`[id="story-${second.id}-outlets"]`).innerText()).toBe('2 outlets');
  const tip = eventRow.getByRole('tooltip', { includeHidden: true });
  expect(await tip.textContent()).toBe('Also reported by Local Wire');
  expect(await tip.isVisible()).toBe(false);
  await badge.hover();
  await expect.poll(() => tip.isVisible()).toBe(true);
  await browserPage.mouse.move(0, 0);

  // a third outlet reports the event: the same row moves to the top and says 3 outlets
  const third = await publish(
    'courier',
    'Ofcom: adult sites in the UK face July age verification deadline',
    "Britain's Ofcom set a July deadline for age verification on adult sites in the UK.",
    0,
  );
  expect(third.clusterId).toBe(first.clusterId);
  await expect.poll(rowIds).toEqual([third.id, unrelated.id]);
  const liveRow = browserPage.locator(`article[data-story-id="${third.id}"]`);
  await expect.poll(() => liveRow.getByTestId('story-outlets').innerText()).toBe('3 outlets');
  expect(await liveRow.getByRole('tooltip', { includeHidden: true }).textContent()).toBe('Also reported by Evening Gazette and Local Wire');
  expect(await browserPage.getByTestId('new-stories').count()).toBe(0);

  // the keyboard reaches the row, shows its outlets and opens it; the reading pane lists the other two reports
  await browserPage.keyboard.press('j');
  await expect.poll(() => browserPage.evaluate(() => document.activeElement?.getAttribute('data-story-id'))).toBe(third.id);
  await liveRow.getByTestId('story-outlets').hover();
  await expect.poll(() => liveRow.getByRole('tooltip').evaluate((tip) => getComputedStyle(tip).opacity)).toBe('1');
  await screenshot(browserPage, 'story-clusters-one-row-per-event');
  await browserPage.keyboard.press('Enter');
  await expect.poll(() => new URL(browserPage.url()).searchParams.get('story')).toBe(third.id);
  const cluster = browserPage.getByRole('complementary', { name: 'Story details' }).getByTestId('story-cluster');
  await cluster.getByRole('link', { name: first.title }).waitFor();
  expect(await cluster.locator('li .source').allInnerTexts()).toEqual(['Evening Gazette', 'Local Wire']);
  await screenshot(browserPage, 'story-clusters-reading-pane');

  // scrolled down, a fourth report waits behind the bar as one new story, and joins the same row
  await browserPage.keyboard.press('Escape');
  await browserPage.getByTestId('pause-toggle').click();
  const fourth = await publish(
    'sports',
    'Adult sites in the UK must check ages by July, says Ofcom',
    "Ofcom gave adult sites in the UK until July to put age verification in place.",
    0,
  );
  expect(fourth.clusterId).toBe(first.clusterId);
  await expect.poll(() => browserPage.getByTestId('new-stories').innerText()).toBe('1 new story');
  await browserPage.getByTestId('pause-toggle').click();
  await expect.poll(rowIds).toEqual([fourth.id, unrelated.id]);
  await expect.poll(() => browserPage.locator(`article[data-story-id="${fourth.id}"]`).getByTestId('story-outlets').innerText()).toBe('4 outlets');
  await browserPage.close();
});
