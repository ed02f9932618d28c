import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Alert } from '@radar/core';
import { verifySignature } from '@radar/alerts';
import { createAlert, deleteAlert, listAlertRows, newStoryId, pauseFeed, recordFiring, saveStories, SecretBox, setFeedWatchedSince, updateAlert } from '@radar/db';
import { WebhookReceiver } from '@radar/notifier/testing';
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TEST_ADMIN_TOKEN, TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

const radar = new TestRadar();
const receiver = new WebhookReceiver();
let browser: Browser;
let feedId: string;

beforeAll(async () => {
  await receiver.start();
  await radar.start('pglite', { webRoot: WEB_ROOT });
  feedId = (await radar.addFeed(radar.newsroom.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' }))).id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await radar.close();
  await receiver.close();
});

test('an alert created in the dashboard fires on a matching story: a toast, the inbox count and the webhook', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${radar.url}/alerts`);
  await expect.poll(() => page.getByTestId('alerts-summary').innerText()).toMatch(/0 alerts/);

  // a query with a fault is underlined and explained before anything is sent
  await page.getByLabel('Query').fill('"age verification" country:GB OR');
  await expect.poll(() => page.getByTestId('query-error').innerText()).toMatch(/OR needs a term after it/);
  expect(await page.getByTestId('save-alert').isDisabled()).toBe(true);
  await screenshot(page, 'alerts-query-error');

  await page.getByLabel('Name').fill('Age checks in the UK or Australia');
  await page.getByLabel('Query').fill('"age verification" country:GB OR country:AU');
  await page.getByRole('button', { name: '+ Webhook' }).click();
  await page.getByLabel('Webhook URL').fill(receiver.url('/team'));
  await page.getByLabel('Signing secret').fill('browser-secret');
  await page.getByTestId('save-alert').click();
  // the first write asks for the admin token
  await page.getByTestId('admin-token-dialog').getByLabel('Token').fill(TEST_ADMIN_TOKEN);
  await page.getByTestId('admin-token-dialog').getByRole('button', { name: /save/i }).click();
  await expect.poll(() => page.getByTestId('alert-row').count()).toBe(1);
  // the form is ready for the next alert
  await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('');
  expect(await page.getByTestId('alert-row').innerText()).toContain('"age verification" country:GB OR country:AU');

  radar.newsroom.publish('wire', {
    title: 'UK regulator Ofcom sets age verification deadline for adult sites',
    summary: "Britain's Ofcom told platforms in the UK to deploy age verification by July.",
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });

  const toast = page.getByTestId('alert-toast');
  await toast.waitFor({ timeout: 10_000 });
  expect(await toast.textContent()).toMatch(/Age checks in the UK or Australia[\s\S]*UK regulator Ofcom sets age verification deadline/);
  await expect.poll(() => page.getByTestId('alert-unread-count').innerText()).toBe('1');
  await expect.poll(() => page.getByTestId('alert-row').innerText()).toMatch(/fired 1 time/);
  await screenshot(page, 'alerts-toast-and-inbox-count');

  await expect.poll(() => receiver.at('/team').length).toBe(1);
  const [request] = receiver.at('/team');
  expect(verifySignature(request!.body, 'browser-secret', request!.headers['x-radar-signature'] as string)).toBe(true);

  await page.getByTestId('alert-inbox-link').click();
  await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(1);
  expect(await page.getByTestId('inbox-item').innerText()).toContain('UK regulator Ofcom sets age verification deadline');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect.poll(() => page.getByTestId('alert-unread-count').count()).toBe(0);
  await screenshot(page, 'alerts-inbox');
});

test("a channel sealed under another installation's key is shown as needing to be entered again", async () => {
  // a Slack address sealed elsewhere, as a database copied from another installation holds it
  const alert = await createAlert(radar.radar.database.db, { name: 'Copied alert', query: 'dsa', channels: [] });
  await updateAlert(radar.radar.database.db, alert.id, {
    channels: [{ id: 'copied', type: 'slack', url: SecretBox.throwaway().seal('https://hooks.slack.com/services/T0/B0/x') }],
  });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${radar.url}/alerts`);
  const row = page.getByTestId('alert-row').filter({ hasText: 'Copied alert' });
  const chip = row.locator('.chip.unreadable');
  await expect.poll(() => chip.innerText()).toBe('Slack: sealed under another secret key: enter it again');
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'alerts-unreadable-channel');

  // editing it: it cannot be kept blind; entered again, it is sealed under this installation's key
  await page.evaluate((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  await page.reload();
  await row.getByRole('button', { name: 'Edit Copied alert' }).click();
  const form = row.getByTestId('alert-edit');
  await expect.poll(() => form.getByTestId('channel-unreadable').count()).toBe(1);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/must be entered again or removed/);
  await form.getByRole('button', { name: 'Enter again' }).click();
  await form.getByLabel('Slack URL').fill('https://hooks.slack.com/services/T0/B0/entered-again');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => row.locator('.chip').innerText()).toBe('Slack: https://hooks.slack.com/…');
  const [stored] = (await listAlertRows(radar.radar.database.db)).filter((row) => row.id === alert.id);
  expect(stored!.channels).toEqual([{ id: expect.any(String), type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/entered-again' }]);
  await page.context().close();
});

test("an alert's channels are edited in its card: a digest changed to weekly at 08:00 in Brussels, one added, one removed, the kept webhook's secret untouched", async () => {
  const created = await createAlert(radar.radar.database.db, {
    name: 'Age checks',
    query: '"age verification"',
    channels: [
      { id: 'hook', type: 'webhook', url: receiver.url('/kept'), secret: 'kept-secret' },
      { id: 'desk', type: 'email', to: 'desk@ngo.example', digest: 'none' },
      { id: 'ops', type: 'teams', url: 'https://ngo.webhook.office.com/webhookb2/ops' },
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  await page.goto(`${radar.url}/alerts`);
  const row = page.locator(`[data-alert-id="${created.id}"]`);
  await row.getByRole('button', { name: 'Edit Age checks' }).click();
  const form = row.getByTestId('alert-edit');
  const channels = form.getByTestId('channel');
  await expect.poll(() => channels.count()).toBe(3);
  // kept channels show where they go, never their secrets
  expect(await form.innerText()).not.toMatch(/kept-secret|webhookb2\/ops/);
  await form.getByLabel('When to send to desk@ngo.example').selectOption('weekly');
  // a channel that named no time shows the digest's old hour, 07:00 UTC: moved to 08:00 in Brussels
  expect(await form.getByLabel("Time zone of the digest's hour").inputValue()).toBe('UTC');
  await form.getByLabel('Hour the digest goes out').selectOption('8');
  await form.getByLabel("Time zone of the digest's hour").selectOption('Europe/Brussels');
  await form.getByRole('button', { name: 'Remove this Teams channel' }).click();
  await form.getByRole('button', { name: '+ Slack' }).click();
  await form.getByLabel('Slack URL').fill('https://hooks.slack.com/services/T1/B1/new');
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'alerts-editing-channels');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.notice').innerText()).toContain('Saved “Age checks”.');
  await expect
    .poll(() => row.locator('.chip').allInnerTexts())
    .toEqual([
      `Webhook: ${receiver.url('/kept')}`,
      'E-mail (weekly digest, Mondays at 08:00 Europe/Brussels): desk@ngo.example',
      'Slack: https://hooks.slack.com/…',
    ]);
  const [stored] = (await listAlertRows(radar.radar.database.db)).filter((alert) => alert.id === created.id);
  expect(stored!.channels).toEqual([
    { id: 'hook', type: 'webhook', url: receiver.url('/kept'), secret: 'kept-secret' },
    { id: 'desk', type: 'email', to: 'desk@ngo.example', digest: 'weekly', digestTime: { hour: 8, timeZone: 'Europe/Brussels' } },
    { id: expect.any(String), type: 'slack', url: 'https://hooks.slack.com/services/T1/B1/new' },
  ]);
  await context.close();
});

test("an alert's name and query are edited in its card, the query checked as it is typed; its channels stay", async () => {
  const created = await createAlert(radar.radar.database.db, {
    name: 'DSA fines',
    query: '"digital services act" fine',
    channels: [{ id: 'team', type: 'webhook', url: receiver.url('/edited'), secret: 'edited-secret' }],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  await page.goto(`${radar.url}/alerts`);
  const row = page.locator(`[data-alert-id="${created.id}"]`);
  await row.getByRole('button', { name: 'Edit DSA fines' }).click();
  const form = row.getByTestId('alert-edit');
  await form.getByLabel('Name').fill('DSA and DMA fines');
  await form.getByLabel('Query').fill('("digital services act" OR "digital markets act" fine');
  await expect.poll(async () => (await form.getByRole('alert').count()) === 1 && (await form.getByRole('alert').innerText()).length > 0).toBe(true);
  expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'alerts-editing');
  await form.getByLabel('Query').fill('("digital services act" OR "digital markets act") fine');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.notice').innerText()).toContain('Saved “DSA and DMA fines”.');
  await expect.poll(() => row.locator('code.query').innerText()).toBe('("digital services act" OR "digital markets act") fine');
  await screenshot(page, 'alerts-edited');
  const stored = (await (await radar.api(`/api/alerts/${created.id}`)).json()) as Alert;
  expect(stored).toMatchObject({ name: 'DSA and DMA fines', query: '("digital services act" OR "digital markets act") fine' });
  expect(stored.channels).toEqual([expect.objectContaining({ id: 'team', type: 'webhook', signed: true })]);
  await context.close();
});

test("a channel's Test button sends it a test message through the notifier, and says what the receiver answered", async () => {
  // (receiver.url sets what a path answers: each address is asked for once)
  const tested = receiver.url('/tested');
  const broken = receiver.url('/broken', [404]);
  const matched = newStoryId();
  await saveStories(radar.radar.database.db, [
    {
      id: matched,
      feedId: null,
      dedupeKey: matched,
      url: 'https://news.example/zqxw',
      title: 'Regulator opens a zqxw inquiry',
      sourceTitle: 'Wire',
      publishedAt: new Date(),
    },
  ]);
  const created = await createAlert(radar.radar.database.db, {
    name: 'Checks',
    query: 'zqxw',
    channels: [
      { id: 'ok', type: 'webhook', url: tested, secret: 'tested-secret' },
      { id: 'broken', type: 'webhook', url: broken, secret: 'broken-secret' },
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  await page.goto(`${radar.url}/alerts`);
  const row = page.locator(`[data-alert-id="${created.id}"]`);

  await row.getByRole('button', { name: `Send a test to Webhook ${tested}` }).click();
  await expect.poll(() => page.locator('.notice').innerText()).toContain(`Sent a test to Webhook ${tested} (it answered 200).`);
  const [request] = receiver.at('/tested');
  expect(request!.headers['x-radar-event']).toBe('test');
  expect(verifySignature(request!.body, 'tested-secret', request!.headers['x-radar-signature'] as string)).toBe(true);
  // the newest story the alert matched lately, under its name marked as a test
  expect(JSON.parse(request!.body)).toMatchObject({
    alert: { id: created.id, name: 'Checks (test)' },
    story: { id: matched, title: 'Regulator opens a zqxw inquiry' },
  });
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'alerts-channel-tested');

  await row.getByRole('button', { name: `Send a test to Webhook ${broken}` }).click();
  await expect
    .poll(() => page.locator('.notice').innerText())
    .toMatch(new RegExp(`The test to Webhook ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed: .*404`));
  // a test is no delivery: the alert's log stays empty
  await row.getByRole('button', { name: 'Deliveries' }).click();
  await expect.poll(() => row.getByTestId('delivery-log').innerText()).toContain('No deliveries yet.');
  await context.close();
});

test('a rising alert written from a view: its preview says what rises now, and its firing says what rose above the story', async () => {
  const db = radar.radar.database.db;
  const story = (title: string, hoursAgo: number, countries: string[]) => {
    const id = newStoryId();
    return {
      id,
      feedId: null,
      dedupeKey: id,
      url: `https://news.example/${id}`,
      title,
      sourceTitle: 'Archive',
      publishedAt: new Date(Date.now() - hoursAgo * 3_600_000),
      countries,
    };
  };
  // the wire read for a month, so its story counts towards what rises
  await setFeedWatchedSince(db, feedId, new Date(Date.now() - 30 * 86_400_000));
  // two weeks of a Kenyan story a day, then three about Ghana in the last hours
  await saveStories(db, [
    ...Array.from({ length: 14 }, (_, day) => story(`Kenya blackoutword report ${day}`, (day + 2) * 24, ['KE'])),
    ...[1, 2, 3].map((hours) => story(`Ghana blackoutword, hour ${hours}`, hours, ['GH'])),
  ]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  // as the overview's "Alert me when something rises" opens it
  await page.goto(`${radar.url}/alerts?${new URLSearchParams({ name: 'Rising: blackouts', query: 'blackoutword', trigger: 'rising' })}`);
  await expect.poll(() => page.getByLabel('Query').inputValue()).toBe('blackoutword');
  expect(await page.getByRole('radio', { name: /Something rising/ }).isChecked()).toBe(true);
  // told of countries and topics, not companies
  await page.getByTestId('rising-kinds').getByRole('checkbox', { name: 'Companies' }).uncheck();
  await page.getByTestId('preview-alert').click();
  await expect.poll(() => page.getByTestId('preview-rising').innerText()).toMatch(/Ghana\s*New\s*3 stories in 24 hours, none in the 14 days before/);
  expect(await page.getByTestId('preview-rising').innerText()).not.toContain('Kenya');
  await screenshot(page, 'alerts-rising-preview');
  await page.getByTestId('save-alert').click();
  await expect
    .poll(() => page.getByTestId('alert-row').filter({ hasText: 'Rising: blackouts' }).getByTestId('rising-pill').innerText())
    .toBe('Rising: countries and topics');
  const stored = (await listAlertRows(db)).find((alert) => alert.name === 'Rising: blackouts');
  expect(stored).toMatchObject({ query: 'blackoutword', trigger: 'rising', risingKinds: ['country', 'topic'] });

  radar.newsroom.publish('wire', {
    title: 'Ghana orders internet shutdown in a fourth region (blackoutword)',
    summary: "Ghana's communications regulator ordered operators to cut mobile internet access, the blackoutword spreading.",
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const toast = page.getByTestId('alert-toast').filter({ hasText: 'Rising: blackouts' });
  await toast.waitFor({ timeout: 10_000 });
  expect(await toast.innerText()).toMatch(
    /Ghana is rising\s*4 stories in the last 24 hours, none in the 14 days before\s*The latest:\s*Ghana orders internet shutdown in a fourth region/,
  );
  expect(await toast.getByRole('link', { name: 'Ghana is rising' }).getAttribute('href')).toBe('/?country=GH&range=24h');
  await screenshot(page, 'alerts-rising-toast');
  await page.goto(`${radar.url}/alerts/inbox`);
  await expect
    .poll(() => page.getByTestId('inbox-item').filter({ hasText: 'Rising: blackouts' }).innerText())
    .toMatch(/Ghana is rising[\s\S]*Ghana orders internet shutdown/);
  await context.close();
});

test("the inbox shows one alert's firings or every alert's, all or only the unread, and marks one read", async () => {
  const db = radar.radar.database.db;
  const stories = ['Fiji regulator fines carrier', 'Fiji court rules on data law', 'Tonga blocks messaging app'].map((title) => {
    const id = newStoryId();
    return { id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title, sourceTitle: 'Pacific Wire', publishedAt: new Date() };
  });
  await saveStories(db, stories);
  const fiji = await createAlert(db, { name: 'Fiji desk', query: 'fiji', channels: [] });
  const tonga = await createAlert(db, { name: 'Tonga desk', query: 'tonga', channels: [] });
  for (const [alert, story] of [
    [fiji, stories[0]!],
    [fiji, stories[1]!],
    [tonga, stories[2]!],
  ] as const) {
    await recordFiring(db, { alertId: alert.id, eventKey: `story:${story.id}`, storyId: story.id });
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  const titles = () => page.getByTestId('inbox-item').locator('.title').allInnerTexts();

  // an alert's "2 unread" opens its firings
  await page.goto(`${radar.url}/alerts`);
  await page.locator(`[data-alert-id="${fiji.id}"]`).getByTestId('alert-inbox').click();
  await expect.poll(titles).toEqual(['Fiji court rules on data law', 'Fiji regulator fines carrier']);
  expect(new URL(page.url()).searchParams.get('alert')).toBe(fiji.id);
  expect(await page.getByLabel("Which alert's firings").inputValue()).toBe(fiji.id);

  // one marked read leaves the unread list
  await page.getByRole('button', { name: 'Mark read: “Fiji court rules on data law”' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Mark read: “Fiji court rules on data law”' }).count()).toBe(0);
  await page.getByRole('switch', { name: 'Unread only' }).check();
  await expect.poll(titles).toEqual(['Fiji regulator fines carrier']);
  await expect.poll(() => page.getByLabel("Which alert's firings").locator('option:checked').innerText()).toBe('Fiji desk (1 unread)');
  await screenshot(page, 'inbox-one-alert-unread');

  // every alert's unread firings, Tonga's among them
  await page.getByLabel("Which alert's firings").selectOption('');
  await expect.poll(titles).toEqual(expect.arrayContaining(['Tonga blocks messaging app', 'Fiji regulator fines carrier']));
  expect(await titles()).not.toContain('Fiji court rules on data law');
  expect(new URL(page.url()).search).toBe('?unread=1');
  await context.close();
});

test('a feed alert made in the dashboard has no query, and tells of a paused feed in a toast, the inbox and its webhook', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  await page.goto(`${radar.url}/alerts`);
  const form = page.getByTestId('create-alert');
  await form.getByLabel('Name').fill('Feeds that stop');
  await form.getByText('A feed stopping').click();
  // a feed alert reads no query: the field and its preview go away
  await expect.poll(() => form.getByLabel('Query').count()).toBe(0);
  expect(await form.getByTestId('preview-alert').count()).toBe(0);
  await form.getByRole('button', { name: '+ Webhook' }).click();
  await form.getByLabel('Webhook URL').fill(receiver.url('/feeds'));
  await form.getByLabel('Signing secret').fill('feeds-secret');
  await screenshot(page, 'alerts-feed-trigger');
  await page.getByTestId('save-alert').click();
  const row = page.getByTestId('alert-row').filter({ hasText: 'Feeds that stop' });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.getByTestId('feed-pill').innerText()).toBe('Feeds');
  expect(await row.getByTestId('feed-alert-about').innerText()).toMatch(/pauses a watched feed/);

  // the poller gives up on a feed; the notifier's next sweep tells of it
  const broken = await radar.addFeed(radar.newsroom.addOutlet({ slug: 'gazette', title: 'Official Gazette', format: 'rss', language: 'en' }));
  await pauseFeed(radar.radar.database.db, broken.id, 'failing for 3 days: HTTP 410 Gone');
  await radar.radar.notifier!.sweepFeedProblems();

  const toast = page.getByTestId('alert-toast').filter({ hasText: 'Feed paused' });
  await toast.waitFor({ timeout: 10_000 });
  expect(await toast.textContent()).toMatch(/Feeds that stop[\s\S]*Feed paused: Official Gazette[\s\S]*failing for 3 days: HTTP 410 Gone/);
  await screenshot(page, 'alerts-feed-toast');
  await expect.poll(() => receiver.at('/feeds').length).toBe(1);
  const [request] = receiver.at('/feeds');
  expect(verifySignature(request!.body, 'feeds-secret', request!.headers['x-radar-signature'] as string)).toBe(true);
  expect(JSON.parse(request!.body).feed).toMatchObject({ feedId: broken.id, title: 'Official Gazette', reason: 'failing for 3 days: HTTP 410 Gone' });

  await row.getByTestId('alert-inbox').click();
  await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(1);
  const item = page.getByTestId('inbox-item');
  expect(await item.getByTestId('feed-problem-notice').innerText()).toMatch(/Feed paused: Official Gazette\s+failing for 3 days: HTTP 410 Gone/);
  expect(await item.getByRole('link', { name: 'Feed paused: Official Gazette' }).getAttribute('href')).toBe('/feeds');
  await screenshot(page, 'inbox-feed-paused');
  await item.getByRole('button', { name: 'Mark read: “Feed paused: Official Gazette”' }).click();
  await expect.poll(() => item.getByRole('button', { name: /Mark read/ }).count()).toBe(0);
  await context.close();
});

test('with feeds paused and no feed alert, the feeds page offers one, which the alerts page makes ready to create', async () => {
  const db = radar.radar.database.db;
  for (const alert of await listAlertRows(db)) if (alert.trigger === 'feed') await deleteAlert(db, alert.id);
  const stopped = await radar.addFeed(radar.newsroom.addOutlet({ slug: 'bulletin', title: 'Ministry Bulletin', format: 'rss', language: 'en' }));
  await pauseFeed(db, stopped.id, 'failing for 3 days: HTTP 500');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  const page = await context.newPage();
  await page.goto(`${radar.url}/feeds`);
  const offer = page.getByTestId('feed-alert-offer');
  await offer.waitFor();
  // the paused feed says why, and since when
  const stoppedRow = page.locator(`[data-feed-id="${stopped.id}"]`);
  expect(await stoppedRow.getByTestId('feed-paused-reason').innerText()).toBe('failing for 3 days: HTTP 500');
  expect(await stoppedRow.locator('.paused-reason').innerText()).toMatch(/^failing for 3 days: HTTP 500 · paused just now$/);
  await screenshot(page, 'feeds-feed-alert-offer');
  await offer.click();

  const form = page.getByTestId('create-alert');
  await expect.poll(() => form.getByLabel('Name').inputValue()).toBe('Feeds that stop working');
  expect(await form.getByRole('radio', { name: /A feed stopping/ }).isChecked()).toBe(true);
  expect(await form.getByLabel('Query').count()).toBe(0);
  await page.getByTestId('save-alert').click();
  await expect.poll(() => page.getByTestId('alert-row').filter({ hasText: 'Feeds that stop working' }).count()).toBe(1);

  // with a feed alert kept, the offer is gone
  const alertsListed = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/alerts');
  await page.goto(`${radar.url}/feeds`);
  await alertsListed;
  await page.getByTestId('feeds-summary').getByText(/paused/).waitFor();
  expect(await offer.count()).toBe(0);
  await context.close();
});
