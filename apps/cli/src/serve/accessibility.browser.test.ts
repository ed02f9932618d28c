import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Story } from '@radar/core';
import { launchChromium } from '../testing/browser.ts';
import { TEST_ADMIN_TOKEN, TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

// Every page of the dashboard, as people who use a screen reader, a keyboard or a high contrast
// need it: axe-core's WCAG checks, light and dark, wide and narrow, none serious or critical.

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const radar = new TestRadar();
let browser: Browser;
let story: Story;

beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  await radar.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' });
  // an alert that fires, so the inbox, its badge and its toasts have something to show
  const alert = await radar.api('/api/alerts', { method: 'POST', body: JSON.stringify({ name: 'France', query: 'country:FR', channels: [] }) });
  expect(alert.status).toBe(201);
  story = await radar.publishStory('wire', { title: 'France fines a platform over age checks', summary: 'The French regulator Arcom in Paris fined the platform.' });
  await radar.publishStory('wire', { title: 'Brazil court orders X blocked', summary: 'A justice of Brazil’s Supreme Court ordered providers to block X.' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.each([
  { scheme: 'light', width: 1440, height: 900 },
  { scheme: 'dark', width: 1440, height: 900 },
  { scheme: 'light', width: 390, height: 844 },
  { scheme: 'dark', width: 390, height: 844 },
] as const)('every page passes the WCAG checks: $scheme, $width px wide', async ({ scheme, width, height }) => {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
  await context.addInitScript((token) => localStorage.setItem('radar.adminToken', token), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  const found: Record<string, string[]> = {};
  for (const path of ['/', `/?story=${story.id}`, '/overview', '/feeds', '/alerts', '/alerts/inbox', '/embed']) {
    await page.goto(`${radar.url}${path}`, { waitUntil: 'networkidle' });
    await page.locator('main').first().waitFor();
    const problems = await violations(page);
    if (problems.length > 0) found[path] = problems;
  }
  // the story's tag editor, open
  await page.goto(`${radar.url}/?story=${story.id}`, { waitUntil: 'networkidle' });
  await page.getByTestId('correct-tags').click();
  const editing = await violations(page);
  if (editing.length > 0) found['tag editor'] = editing;
  expect(found).toEqual({});
  await context.close();
});
