import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Story } from '@radar/core';
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TEST_ADMIN_TOKEN, TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

const radar = new TestRadar();
let browser: Browser;

beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  for (const outlet of [
    { slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' },
    { slug: 'gazette', title: 'Evening Gazette', format: 'atom', language: 'en' },
    { slug: 'sports', title: 'Sports Daily', format: 'rss', language: 'en' },
    { slug: 'urdu', title: 'Urdu Desk', format: 'rss', language: 'ur' },
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

test('a story opens with its mentions highlighted and tagged, and every outlet that reported the event, newest first', async () => {
  // one event reported by two outlets (the poller clusters them), and an unrelated story
  const first = await publish(
    'wire',
    'Ofcom sets July age verification deadline for adult sites in the UK',
    "Britain's regulator Ofcom told adult sites and TikTok to deploy age verification in the UK by July.",
    30,
  );
  const second = await publish(
    'gazette',
    'UK regulator Ofcom gives adult sites until July for age verification',
    "The UK's Ofcom said age verification must be in place by July.",
    5,
  );
  const unrelated = await publish('sports', 'Local team wins the cup after extra time', 'Fans celebrated late into the night.', 1);
  expect(first.clusterId).not.toBeNull();
  expect(second.clusterId).toBe(first.clusterId);
  expect(unrelated.clusterId).not.toBe(first.clusterId);

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(radar.url);
  // one row per event: the newest report (the gazette's) stands for both
  await page.locator(`article[data-story-id="${second.id}"]`).waitFor();
  expect(await page.locator(`article[data-story-id="${first.id}"]`).count()).toBe(0);
  // the keyboard way: j moves to the story, Enter opens it in the reading pane
  const order = await page.locator('article[data-testid=story]').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-story-id')));
  for (let i = 0; i <= order.indexOf(second.id); i++) await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('story')).toBe(second.id);
  // the first report, grouped under that row, opens by its link
  await page.goto(`${radar.url}/?story=${first.id}`);

  const detail = page.getByRole('complementary', { name: 'Story details' }).getByTestId('story-detail');
  await detail.getByTestId('story-mentions').waitFor();
  expect(await detail.getByRole('heading', { level: 2 }).innerText()).toBe(first.title);
  expect(await detail.innerText()).toContain('Local Wire');

  // the words behind each tag are marked in the headline and summary, each with what it was tagged as
  const stored = (await (await radar.api(`/api/stories/${first.id}`)).json()) as {
    mentions: { kind: string; id: string; text: string; field: string }[];
  };
  expect(stored.mentions.length).toBeGreaterThan(0);
  const marks = await detail
    .locator('h2 mark, .summary mark')
    .evaluateAll((elements) => elements.map((mark) => ({ text: mark.textContent, kind: mark.className.split(' ')[0], title: mark.getAttribute('title') })));
  expect(marks).toContainEqual({ text: 'Ofcom', kind: 'country', title: 'Country: United Kingdom' });
  expect(marks).toContainEqual(expect.objectContaining({ text: 'TikTok', kind: 'company', title: 'Company: TikTok' }));
  expect(marks.some((mark) => mark.kind === 'topic')).toBe(true);
  for (const mention of stored.mentions) {
    expect(marks.map((mark) => mark.text)).toContain(mention.text);
  }
  const mentionList = await detail.getByTestId('story-mentions').innerText();
  expect(mentionList).toContain('Country: United Kingdom');
  expect(mentionList).toContain('Company: TikTok');

  // the cluster: the other outlet's report, linked, and not the unrelated story
  const cluster = detail.getByTestId('story-cluster');
  await cluster.getByRole('link', { name: second.title }).waitFor();
  expect(await cluster.innerText()).toContain('Evening Gazette');
  expect(await cluster.innerText()).not.toContain(unrelated.title);
  await screenshot(page, 'story-view-mentions-and-cluster');

  // from the second report, the first is the other outlet; a third report joins the top of the list
  await page.goto(`${radar.url}/?story=${second.id}`);
  await cluster.getByRole('link', { name: first.title }).waitFor();
  const third = await publish(
    'sports',
    'Ofcom: adult sites in the UK face July age verification deadline',
    "Britain's Ofcom set a July deadline for age verification on adult sites in the UK.",
    0,
  );
  expect(third.clusterId).toBe(first.clusterId);
  await page.goto(`${radar.url}/?story=${second.id}`);
  await cluster.getByRole('link', { name: third.title }).waitFor();
  const outlets = await cluster.locator('li .source').allInnerTexts();
  expect(outlets).toEqual(['Sports Daily', 'Local Wire']);
  await page.keyboard.press('Escape');
  await expect.poll(() => new URL(page.url()).searchParams.get('story')).toBeNull();
});

test('a story lists earlier stories on its subject (its countries and topics), other events only, each opening in the pane', async () => {
  const forum = await publish(
    'wire',
    'Ofcom fines a UK forum for failing to check the age of its users',
    'The UK regulator said the forum let children see harmful content without age checks.',
    3 * 24 * 60,
  );
  const ban = await publish(
    'gazette',
    'UK ministers consider a ban on social media for under-16s',
    "Britain's technology secretary said a ban on social media for children under 16 was being considered to protect their safety online.",
    2 * 24 * 60,
  );
  const elsewhere = await publish(
    'wire',
    'France weighs a ban on social media for under-15s',
    'French ministers said a ban on social media for children under 15 would protect their safety online.',
    24 * 60,
  );
  const now = await publish(
    'gazette',
    'Ofcom opens an investigation into a UK video platform over age checks',
    "Britain's Ofcom said the platform may have failed to protect children with effective age checks.",
    0,
  );
  expect(now.countries).toContain('GB');
  expect(now.topics).toContain('child-safety');

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${radar.url}/?story=${now.id}`);
  const detail = page.getByRole('complementary', { name: 'Story details' }).getByTestId('story-detail');
  const related = detail.getByTestId('story-related');
  await related.waitFor();
  const listed = await related.locator('li a').evaluateAll((links) => links.map((link) => link.getAttribute('data-story-id')));
  // the earlier British stories on child safety, newest first; not the story itself, nor France's
  expect(listed).toEqual(expect.arrayContaining([ban.id, forum.id]));
  expect(listed.indexOf(ban.id)).toBeLessThan(listed.indexOf(forum.id));
  expect(listed).not.toContain(now.id);
  expect(listed).not.toContain(elsewhere.id);
  // none of them is another report of this event
  const answers = (await Promise.all(listed.map(async (id) => (await (await radar.api(`/api/stories/${id}`)).json()) as { story: Story }))).map((a) => a.story);
  expect(answers.every((story) => story.clusterId === null || story.clusterId !== now.clusterId)).toBe(true);
  expect(answers.every((story) => story.countries.includes('GB') && story.topics.includes('child-safety'))).toBe(true);
  await screenshot(page, 'story-view-related');

  // one opens in the pane
  await related.locator(`a[data-story-id="${forum.id}"]`).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('story')).toBe(forum.id);
  await expect.poll(() => detail.getByRole('heading', { level: 2 }).innerText()).toBe(forum.title);
  // and the subject's own stream (now the forum story's) is a link away
  await expect.poll(() => detail.getByTestId('related-subject').innerText()).toMatch(/^All stories on United Kingdom · Child safety/);
  await detail.getByTestId('related-subject').click();
  await expect.poll(() => new URL(page.url()).search).toBe(`?country=GB&topic=${[...forum.topics].sort().join(',')}&range=30d`);
  await page.close();
});

test('a story in a right-to-left language reads right to left in the stream and the reading pane, on a left-to-right page', async () => {
  const urdu = await publish('urdu', 'پاکستان میں ایکس پر پابندی برقرار', 'حکومت نے کہا کہ پلیٹ فارم پر پابندی قومی سلامتی کے لیے ہے۔', 2);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${radar.url}/?story=${urdu.id}`);
  const card = page.locator(`article[data-story-id="${urdu.id}"]`);
  await card.waitFor();
  const direction = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => [getComputedStyle(element).direction, element.getAttribute('lang')]);
  expect(await direction(`article[data-story-id="${urdu.id}"] .headline`)).toEqual(['rtl', 'ur']);
  expect(await direction(`article[data-story-id="${urdu.id}"] .summary`)).toEqual(['rtl', 'ur']);
  const detail = page.getByRole('complementary', { name: 'Story details' }).getByTestId('story-detail');
  await detail.getByRole('heading', { level: 2 }).waitFor();
  expect(await detail.getByRole('heading', { level: 2 }).evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  // the page around it stays left to right
  expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('ltr');
  await screenshot(page, 'story-view-right-to-left');
  await page.close();
});

test("an editor corrects a story's tags in the reading pane; a colleague's view it no longer matches loses it at once", async () => {
  const story = await publish(
    'wire',
    'France weighs new rules for online marketplaces',
    'The French economy ministry in Paris consulted on duties for marketplaces.',
    3,
  );
  expect(story.countries).toContain('FR');

  // a colleague watches France
  const colleague = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await colleague.goto(`${radar.url}/?country=FR`);
  await colleague.locator(`article[data-story-id="${story.id}"]`).waitFor();

  // the editor opens the story, asked for the admin token on saving
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const editor = await context.newPage();
  await editor.goto(`${radar.url}/?story=${story.id}`);
  const pane = editor.getByTestId('story-detail');
  await pane.getByTestId('correct-tags').click();
  const form = pane.getByTestId('tag-editor');
  await form.getByRole('button', { name: 'Remove France' }).click();
  await form.getByLabel('Add a country').selectOption('DE');
  await form.getByLabel('Add a topic').selectOption('competition-antitrust');
  await form.getByRole('switch', { name: 'About policy' }).setChecked(true);
  await screenshot(editor, 'story-correcting-tags');
  await form.getByRole('button', { name: 'Save tags' }).click();
  const dialog = editor.locator('dialog[open]');
  await dialog.getByLabel('Token').fill(TEST_ADMIN_TOKEN);
  await dialog.getByRole('button', { name: 'Save token' }).click();

  await pane.getByTestId('tags-edited').waitFor();
  expect(await pane.getByRole('list', { name: 'Tagged' }).innerText()).toMatch(/DE[\s\S]*Competition/);
  expect(await pane.getByRole('list', { name: 'Tagged' }).innerText()).not.toContain('FR');
  // the colleague's France view loses it live, without a reload
  await expect.poll(() => colleague.locator(`article[data-story-id="${story.id}"]`).count(), { timeout: 5_000 }).toBe(0);
  // stored: a reload finds it under Germany, corrected
  const stored = (await (await radar.api(`/api/stories/${story.id}`)).json()) as { story: Story };
  expect(stored.story).toMatchObject({ countries: ['DE'], relevant: true, tagsEditedAt: expect.any(String) });
  expect(stored.story.topics).toContain('competition-antitrust');
  await colleague.goto(`${radar.url}/?country=DE`);
  await colleague.locator(`article[data-story-id="${story.id}"]`).waitFor();

  // undone: the detector's tags again, and Germany's view loses the story
  await pane.getByTestId('correct-tags').click();
  await form.getByRole('button', { name: 'Restore the detector’s tags' }).click();
  await expect.poll(() => pane.getByTestId('tags-edited').count()).toBe(0);
  expect(await pane.getByRole('list', { name: 'Tagged' }).innerText()).toContain('FR');
  await expect.poll(() => colleague.locator(`article[data-story-id="${story.id}"]`).count(), { timeout: 5_000 }).toBe(0);
  await colleague.close();
  await context.close();
});

test("an editor pins a story for the team; a colleague's view of the team's picks gains it at once, and loses it when the pin comes off", async () => {
  const story = await publish('gazette', 'Regulator publishes guidance on data brokers', 'The privacy regulator set out duties for data brokers.', 4);

  // a colleague switches to the team's picks, empty so far: the search says is:pinned
  const colleague = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await colleague.goto(`${radar.url}/`);
  await colleague.locator(`article[data-story-id="${story.id}"]`).waitFor();
  await colleague.getByTestId('pinned-toggle').check();
  await expect.poll(() => colleague.locator(`article[data-story-id="${story.id}"]`).count()).toBe(0);
  expect(new URL(colleague.url()).searchParams.get('q')).toBe('is:pinned');
  expect(await colleague.getByTestId('keyword-search').inputValue()).toBe('is:pinned');
  expect(await colleague.locator(`article[data-story-id="${story.id}"]`).count()).toBe(0);
  // the filters name the picks in words, not as a quoted keyword
  expect(await colleague.getByTestId('active-filters').locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^The team’s picks\s*×$/)]);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const editor = await context.newPage();
  await editor.goto(`${radar.url}/?story=${story.id}`);
  const pane = editor.getByTestId('story-detail');
  const pin = pane.getByTestId('detail-pin');
  expect(await pin.getAttribute('aria-pressed')).toBe('false');
  await pin.click();
  const dialog = editor.locator('dialog[open]');
  await dialog.getByLabel('Token').fill(TEST_ADMIN_TOKEN);
  await dialog.getByRole('button', { name: 'Save token' }).click();
  await pane.getByTestId('story-pinned').waitFor();
  expect(await pin.getAttribute('aria-pressed')).toBe('true');
  expect(await pin.innerText()).toContain('Pinned');
  // the editor's own stream marks the row
  await editor.locator(`article[data-story-id="${story.id}"] [data-testid="story-pinned-pill"]`).waitFor();
  await screenshot(editor, 'story-pinned');

  // live in the colleague's view of picks, marked pinned
  const row = colleague.locator(`article[data-story-id="${story.id}"]`);
  await row.waitFor({ timeout: 5_000 });
  expect(await row.getByTestId('story-pinned-pill').count()).toBe(1);

  // the pin comes off (the token is saved now: no question asked)
  await pin.click();
  await expect.poll(() => pane.getByTestId('story-pinned').count()).toBe(0);
  await expect.poll(() => colleague.locator(`article[data-story-id="${story.id}"]`).count(), { timeout: 5_000 }).toBe(0);
  const stored = (await (await radar.api(`/api/stories/${story.id}`)).json()) as { story: Story };
  expect(stored.story.pinnedAt).toBeUndefined();
  // with a keyword beside it, each has its chip; the picks chip's × keeps the keyword
  await colleague.getByTestId('keyword-search').fill('is:pinned fines');
  await colleague.getByTestId('keyword-search').press('Enter');
  const chips = colleague.getByTestId('active-filters').locator('li');
  await expect.poll(() => chips.allInnerTexts()).toEqual([expect.stringMatching(/^The team’s picks\s*×$/), expect.stringMatching(/^“fines”\s*×$/)]);
  await colleague.getByRole('button', { name: "Show every story, not only the team's picks" }).click();
  await expect.poll(() => new URL(colleague.url()).searchParams.get('q')).toBe('fines');
  expect(await colleague.getByTestId('pinned-toggle').isChecked()).toBe(false);
  await colleague.close();
  await context.close();
});
