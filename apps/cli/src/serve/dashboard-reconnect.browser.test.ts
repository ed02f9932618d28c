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
  feedId = (await radar.addFeed(radar.newsroom.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' }))).id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
});

async function publish(title: string, summary: string): Promise<Story> {
  radar.newsroom.publish('wire', { title, summary });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const stories = ((await (await radar.api('/api/stories?limit=5')).json()) as { stories: Story[] }).stories;
  return stories.find((story) => story.title === title)!;
}

test('after the server drops the socket, the stories published meanwhile arrive on reconnect, each exactly once', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const status = page.getByTestId('connection-status');
  await page.goto(radar.url);
  await expect.poll(() => status.getAttribute('data-status')).toBe('live');

  const before = await publish('Brazil orders X to name a legal representative', "Brazil's Supreme Court gave X five days.");
  await page.locator(`article[data-story-id="${before.id}"]`).waitFor();
  await expect.poll(() => page.getByTestId('story-total').innerText()).toBe('1 story');

  // the page cannot reach the server, and the server closes its side of the socket
  await context.setOffline(true);
  expect(radar.radar.api!.io.of('/').sockets.size).toBeGreaterThan(0);
  radar.radar.api!.io.disconnectSockets(true);
  await expect.poll(() => status.getAttribute('data-status')).toMatch(/^(reconnecting|offline)$/);
  expect(radar.radar.api!.io.of('/').sockets.size).toBe(0);

  const missed = [
    await publish('Kenya restores internet access after protest-day disruption', 'Kenyan regulators said access was restored.'),
    await publish('India orders blocking of apps linked to China', 'The Indian IT ministry cited security grounds.'),
  ];
  // nobody is connected to receive them live
  expect(radar.radar.api!.io.of('/').sockets.size).toBe(0);
  for (const story of missed) expect(await page.locator(`[data-story-id="${story.id}"]`).count()).toBe(0);
  await screenshot(page, 'dashboard-offline');

  await context.setOffline(false);
  await expect.poll(() => status.getAttribute('data-status')).toBe('live');
  for (const story of missed) await page.locator(`article[data-story-id="${story.id}"]`).waitFor();

  // and then live ones as usual
  const after = await publish('Australia passes law banning social media for children under 16', 'Canberra passed the bill.');
  await page.locator(`article[data-story-id="${after.id}"]`).waitFor();

  // every story exactly once, newest first
  const rows = await page.locator('article[data-testid=story]').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-story-id')));
  expect(rows).toEqual([after.id, missed[1]!.id, missed[0]!.id, before.id]);
  await expect.poll(() => page.getByTestId('story-total').innerText()).toBe('4 stories');
  await screenshot(page, 'dashboard-after-reconnect');
  await context.close();
});
