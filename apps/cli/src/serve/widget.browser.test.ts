import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { readConfig, type Story } from '@radar/core';
import { newStoryId, saveStories, toStory } from '@radar/db';
import { appendStory, connectRedis, storyStreamKey } from '@radar/jobs';
import { launchChromium, screenshot } from '../testing/browser.ts';
import { TEST_ADMIN_TOKEN, TestRadar, WEB_ROOT } from '../testing/test-radar.ts';

// The widget as a customer's intranet shows it: pages served from other local origins
// embed widget.js (or the /embed/stream iframe) with a widget token made for them.

const radar = new TestRadar();
let browser: Browser;
let feedId: string;
let intranet: HostSite;
let elsewhere: HostSite;
let token: string;

/** A site Policy Radar does not control: serves whatever pages the test puts in it. */
interface HostSite {
  origin: string;
  pages: Map<string, string>;
  server: Server;
}

async function startHostSite(): Promise<HostSite> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages, server };
}

/** An intranet page with the snippet from the README in its sidebar. */
function intranetPage(widget: string, options: { dark?: boolean; hostileCss?: boolean; script?: boolean } = {}): string {
  const { dark = false, hostileCss = false, script = true } = options;
  const hostile = hostileCss
    ? `* { font-family: "Comic Sans MS", cursive !important; letter-spacing: 3px !important; color: #e00 !important; }
       body { font-size: 30px; line-height: 3; text-transform: uppercase; text-align: center; }
       article, section, header, footer, p, ul, li { display: none !important; background: #ff0 !important; padding: 40px !important; }
       a { color: lime !important; text-decoration: line-through !important; } time { display: none !important; }`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme intranet</title>
<style>
body { margin: 0; font: 15px/1.5 Georgia, serif; background: ${dark ? '#0d1117' : '#f4f1ea'}; color: ${dark ? '#c9d1d9' : '#2b2b2b'}; }
.top { padding: 14px 28px; background: ${dark ? '#161b22' : '#23395d'}; color: #fff; font-weight: bold; }
.layout { display: flex; gap: 28px; padding: 24px 28px; }
main { flex: 1; }
h2.host { font-size: 22px; margin-top: 0; }
article.host { padding: 12px 0; border-bottom: 1px solid #ccc; }
aside { width: 380px; }
${hostile}
</style></head><body>
<div class="top">Acme intranet · Public affairs</div>
<div class="layout">
<main><h2 class="host">Team news</h2><article class="host">The policy team meets on Thursday at 10:00 in room 4.</article>
<article class="host">Briefing notes for the Paris trip are in the shared drive.</article></main>
<aside>${widget}</aside>
</div>
${script ? `<script src="${radar.url}/widget.js" async></script>` : ''}
</body></html>`;
}

const snippet = (attributes: string) => `<radar-stream countries="FR" limit="6" ${attributes} token="${token}"></radar-stream>`;

/** Fails the test if the page ever shows an alert: script from a feed ran. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function widgetStatus(page: Page | Frame): Promise<string> {
  return page.locator('radar-stream .status').first().innerText();
}

beforeAll(async () => {
  await radar.start('postgres', { webRoot: WEB_ROOT });
  feedId = (await radar.addFeed(radar.newsroom.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' }))).id;
  [intranet, elsewhere] = await Promise.all([startHostSite(), startHostSite()]);
  const created = await radar.api('/api/widget-tokens', {
    method: 'POST',
    body: JSON.stringify({ name: 'Acme intranet', origins: [intranet.origin], filter: { countries: ['FR'] } }),
  });
  expect(created.status).toBe(201);
  token = ((await created.json()) as { token: string }).token;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const site of [intranet, elsewhere]) {
    site?.server.closeAllConnections();
    await new Promise((resolve) => site?.server.close(resolve));
  }
  await radar.close();
});

test('an intranet page on its own origin shows a story published a moment before, live', async () => {
  // the stream the page opens on: stories already in, before the live one
  for (const item of [
    {
      title: 'CNIL fines Google over cookie banners',
      summary: 'The French data protection authority said Google made refusing cookies harder than accepting them.',
    },
    {
      title: 'French Senate passes age checks for social networks',
      summary: 'Senators in Paris voted for parental consent under 15 on platforms such as TikTok and Instagram.',
    },
    { title: 'Arcom asks X to explain its handling of election content', summary: 'The French regulator wrote to X ahead of the municipal elections.' },
  ]) {
    radar.newsroom.publish('wire', item);
    expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  }
  intranet.pages.set('/', intranetPage(`${snippet('theme="light"')}<div style="height:16px"></div>${snippet('theme="light" compact limit="3"')}`));
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  const dialogs = watchDialogs(page);
  await page.goto(`${intranet.origin}/`);
  await expect.poll(() => widgetStatus(page), { timeout: 10_000 }).toBe('Live');

  radar.newsroom.publish('wire', {
    title: 'Germany fines a platform under its network enforcement law',
    summary: 'The German Federal Office of Justice in Bonn imposed the fine.',
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const published = radar.newsroom.publish('wire', {
    title: 'France orders platforms to remove terrorist content within an hour',
    summary: 'The French interior minister told Facebook and Google that France will fine slow platforms.',
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });

  const widget = page.locator('radar-stream').first();
  const story = widget.locator('article', { hasText: 'France orders platforms' });
  await story.waitFor({ timeout: 10_000 });
  const link = story.locator('a').first();
  expect(await link.getAttribute('href')).toBe(published.link);
  expect(await link.getAttribute('rel')).toContain('noopener');
  expect(await link.getAttribute('target')).toBe('_blank');
  // headline and summary take their direction from their own text (a story in Urdu reads right to left)
  expect(await link.getAttribute('dir')).toBe('auto');
  expect(await story.locator('.summary').getAttribute('dir')).toBe('auto');
  expect(await story.locator('.chip').allInnerTexts()).toEqual(expect.arrayContaining(['France']));
  expect(await story.locator('.source').innerText()).toBe('Local Wire');
  // the German story came first: a France token never lets it through
  expect(await page.locator('radar-stream article', { hasText: 'Germany fines' }).count()).toBe(0);
  // the compact widget shows the same story on one line, without summary and chips
  const compact = page.locator('radar-stream[compact] article', { hasText: 'France orders platforms' });
  await compact.waitFor();
  expect(await compact.locator('.summary').isVisible()).toBe(false);
  await page.waitForTimeout(3000); // let the new-story highlight fade before the picture
  await screenshot(page, 'widget-intranet-light');

  const dark = await browser.newPage({ viewport: { width: 1200, height: 760 }, colorScheme: 'dark' });
  intranet.pages.set('/dark', intranetPage(snippet('theme="auto"'), { dark: true }));
  await dark.goto(`${intranet.origin}/dark`);
  await dark.locator('radar-stream article', { hasText: 'France orders platforms' }).waitFor();
  const background = await dark.locator('radar-stream .radar').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(21, 25, 32)');
  await screenshot(dark, 'widget-intranet-dark');
  expect(dialogs).toEqual([]);
  await dark.close();
  await page.close();
});

test("an editor's correction reaches the widget: a company added shows on the story, a story no longer about France leaves", async () => {
  radar.newsroom.publish('wire', { title: 'Paris court hears the case against a messaging app', summary: 'French judges in Paris heard the prosecutors.' });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const { stories } = (await (await radar.api('/api/stories?q=%22Paris+court+hears%22')).json()) as { stories: Story[] };
  const [story] = stories;
  expect(story?.countries).toEqual(['FR']);
  intranet.pages.set('/edits', intranetPage(snippet('theme="light"')));
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  await page.goto(`${intranet.origin}/edits`);
  const article = page.locator('radar-stream article', { hasText: 'Paris court hears' });
  await article.waitFor({ timeout: 10_000 });
  await expect.poll(() => widgetStatus(page), { timeout: 10_000 }).toBe('Live');

  const correct = (body: unknown) => radar.api(`/api/stories/${story!.id}`, { method: 'PATCH', body: JSON.stringify(body) });
  expect((await correct({ companies: ['telegram'] })).status).toBe(200);
  await expect.poll(() => article.locator('.chip').allInnerTexts()).toEqual(['France', 'Telegram']);
  expect((await correct({ countries: ['BE'] })).status).toBe(200);
  await expect.poll(() => article.count()).toBe(0);
  await page.close();
});

test("a widget of the team's picks (is:pinned) gains last week's story the moment the team pins it, in its place by date, and loses it when the pin comes off", async () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const old = newStoryId();
  await saveStories(radar.radar!.database.db, [
    {
      id: old,
      feedId,
      dedupeKey: `old-${old}`,
      url: 'https://news.example/cnil-guidance',
      title: 'CNIL publishes guidance on age checks',
      publishedAt: daysAgo(5),
      ingestedAt: daysAgo(5),
      countries: ['FR'],
      topics: ['child-safety'],
      relevant: true,
    },
  ]);
  radar.newsroom.publish('wire', { title: 'France fines a platform over minors’ data', summary: 'The French regulator in Paris fined the platform.' });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const { stories } = (await (await radar.api('/api/stories?q=%22fines+a+platform%22')).json()) as { stories: Story[] };
  const recent = stories[0]!;
  const pin = (id: string, method: 'PUT' | 'DELETE') => radar.api(`/api/stories/${id}/pin`, { method });
  expect((await pin(recent.id, 'PUT')).status).toBe(200);

  intranet.pages.set('/picks', intranetPage(snippet('q="is:pinned" theme="light"')));
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  await page.goto(`${intranet.origin}/picks`);
  await page.locator('radar-stream article', { hasText: 'fines a platform' }).waitFor({ timeout: 10_000 });
  await expect.poll(() => widgetStatus(page), { timeout: 10_000 }).toBe('Live');
  expect(await page.locator('radar-stream article').count()).toBe(1);
  expect(await page.locator('radar-stream .heading').innerText()).toBe('The team’s picks · France');

  // pinned today, found last week: no alert, no story event, but the picks widget lists it, below the newer pick
  expect((await pin(old, 'PUT')).status).toBe(200);
  await expect.poll(() => page.locator('radar-stream article').count(), { timeout: 5_000 }).toBe(2);
  expect((await page.locator('radar-stream article').allInnerTexts()).map((text) => text.split('\n')[0])).toEqual([
    'France fines a platform over minors’ data',
    'CNIL publishes guidance on age checks',
  ]);
  expect((await pin(old, 'DELETE')).status).toBe(200);
  await expect.poll(() => page.locator('radar-stream article', { hasText: 'CNIL publishes' }).count(), { timeout: 5_000 }).toBe(0);
  await page.close();
});

test('a full widget fills the place of a story that leaves it with the next one that matches, without a reload', async () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const story = (title: string, days: number) => {
    const id = newStoryId();
    return {
      id,
      feedId,
      dedupeKey: `full-${id}`,
      url: `https://news.example/${id}`,
      title,
      publishedAt: daysAgo(days),
      ingestedAt: daysAgo(days),
      countries: ['FR'],
      topics: ['privacy'],
      relevant: true,
    };
  };
  const [newer, older, oldest] = [story('Quillfeather ruling one', 2), story('Quillfeather ruling two', 3), story('Quillfeather ruling three', 4)];
  await saveStories(radar.radar!.database.db, [newer, older, oldest]);
  const pin = (id: string, method: 'PUT' | 'DELETE') => radar.api(`/api/stories/${id}/pin`, { method });
  for (const { id } of [newer, older, oldest]) expect((await pin(id, 'PUT')).status).toBe(200);

  intranet.pages.set('/full', intranetPage(`<radar-stream countries="FR" limit="2" q="quillfeather is:pinned" theme="light" token="${token}"></radar-stream>`));
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(`${intranet.origin}/full`);
  await expect.poll(() => widgetStatus(page), { timeout: 10_000 }).toBe('Live');
  const titles = () => page.locator('radar-stream article .headline').allInnerTexts();
  await expect.poll(titles, { timeout: 5_000 }).toEqual(['Quillfeather ruling one', 'Quillfeather ruling two']);

  // the newest leaves: the third pick, not shown until now, takes the second place
  expect((await pin(newer.id, 'DELETE')).status).toBe(200);
  await expect.poll(titles, { timeout: 5_000 }).toEqual(['Quillfeather ruling two', 'Quillfeather ruling three']);
  // a widget with room to spare asks for nothing: the list only shrinks
  expect((await pin(older.id, 'DELETE')).status).toBe(200);
  await expect.poll(titles, { timeout: 5_000 }).toEqual(['Quillfeather ruling three']);
  await page.close();
});

test("a widget of one folder shows that folder's stories only, live, and names the folder in its heading", async () => {
  const courts = (await radar.addFeed(radar.newsroom.addOutlet({ slug: 'courts', title: 'Court Watch', format: 'rss', language: 'en' }))).id;
  const filed = await radar.api(`/api/feeds/${courts}`, { method: 'PATCH', body: JSON.stringify({ folder: 'Courts, tribunals' }) });
  expect(filed.status).toBe(200);
  intranet.pages.set('/courts', intranetPage(snippet('theme="light" folder="Courts, tribunals"')));
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(`${intranet.origin}/courts`);
  await expect.poll(() => widgetStatus(page), { timeout: 10_000 }).toBe('Live');
  expect(await page.locator('radar-stream .heading').innerText()).toBe('Courts, tribunals · France');

  radar.newsroom.publish('wire', {
    title: 'France fines a marketplace over fake reviews',
    summary: 'The French consumer authority in Paris fined the platform.',
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  radar.newsroom.publish('courts', {
    title: 'Paris court orders a French site blocked',
    summary: 'A court in Paris ordered French providers to block the site.',
  });
  expect(await radar.refresh(courts)).toMatchObject({ kind: 'polled', inserted: 1 });
  await page.locator('radar-stream article', { hasText: 'Paris court orders a French site blocked' }).waitFor({ timeout: 10_000 });
  expect(await page.locator('radar-stream article').allInnerTexts()).toEqual([expect.stringContaining('Paris court orders a French site blocked')]);
  await page.close();
});

test('the same token on a page of a third origin is refused, by the API and over the socket', async () => {
  elsewhere.pages.set('/', intranetPage(snippet('theme="light"')));
  const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
  await page.goto(`${elsewhere.origin}/`);
  await expect.poll(() => widgetStatus(page), { timeout: 10_000 }).toBe('Unavailable');
  const notice = page.locator('radar-stream .notice');
  expect(await notice.innerText()).toContain(`this widget token may not be used on pages of ${elsewhere.origin}`);
  expect(await page.locator('radar-stream article').count()).toBe(0);
  // the page's own scripts cannot read the stories either: no CORS for this origin
  const read = await page.evaluate(
    (url) =>
      fetch(url).then(
        (r) => `read ${r.status}`,
        () => 'blocked',
      ),
    `${radar.url}/api/stories?token=${token}`,
  );
  expect(read).toBe('blocked');
  await screenshot(page, 'widget-refused-origin');
  await page.close();
});

test('host page CSS does not change the widget, and the widget does not change the page', async () => {
  intranet.pages.set('/plain', intranetPage(snippet('theme="light"')));
  intranet.pages.set('/hostile', intranetPage(snippet('theme="light"'), { hostileCss: true }));
  intranet.pages.set('/bare', intranetPage(snippet('theme="light"'), { script: false }));
  const styles = async (path: string) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
    await page.goto(`${intranet.origin}${path}`);
    await page.locator('radar-stream article').first().waitFor();
    const result = await page.evaluate(() => {
      const pick = (el: Element | null | undefined) => {
        if (!el) return null;
        const s = getComputedStyle(el);
        return [
          s.fontFamily,
          s.fontSize,
          s.color,
          s.letterSpacing,
          s.textTransform,
          s.lineHeight,
          s.display,
          s.backgroundColor,
          s.textDecorationLine,
          s.padding,
          s.textAlign,
        ].join(' | ');
      };
      const root = document.querySelector('radar-stream')!.shadowRoot!;
      const box = document.querySelector('radar-stream')!.getBoundingClientRect();
      return {
        frame: pick(root.querySelector('.radar')),
        heading: pick(root.querySelector('.heading')),
        article: pick(root.querySelector('article')),
        headline: pick(root.querySelector('article a')),
        summary: pick(root.querySelector('.summary')),
        time: pick(root.querySelector('time')),
        chip: pick(root.querySelector('.chip')),
        size: [Math.round(box.width), Math.round(box.height)],
        host: { h2: pick(document.querySelector('h2.host')), article: pick(document.querySelector('article.host')) },
      };
    });
    if (path === '/hostile') await screenshot(page, 'widget-hostile-host-css');
    await page.close();
    return result;
  };
  const plain = await styles('/plain');
  const hostile = await styles('/hostile');
  expect(plain.headline).toMatch(/^system-ui/);
  const { host: plainHost, ...plainWidget } = plain;
  const { host: _hostileHost, ...hostileWidget } = hostile;
  expect(hostileWidget).toEqual(plainWidget);

  // and out: the page's own headings and articles look the same with or without the widget
  const bare = await browser.newPage();
  await bare.goto(`${intranet.origin}/bare`);
  const bareHost = await bare.evaluate(() => {
    const pick = (el: Element | null) => {
      const s = getComputedStyle(el!);
      return [
        s.fontFamily,
        s.fontSize,
        s.color,
        s.letterSpacing,
        s.textTransform,
        s.lineHeight,
        s.display,
        s.backgroundColor,
        s.textDecorationLine,
        s.padding,
        s.textAlign,
      ].join(' | ');
    };
    return { h2: pick(document.querySelector('h2.host')), article: pick(document.querySelector('article.host')) };
  });
  expect(plainHost).toEqual(bareHost);
  await bare.close();
});

test('a story carrying script in its title, summary or link renders as inert text in the widget, the iframe and the dashboard', async () => {
  // a publisher that leaks HTML into its feed, through the newsroom and the whole pipeline
  radar.newsroom.publish('wire', {
    title: 'France fines a platform &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;',
    summary: 'The French regulator said &lt;img src=x onerror=alert(3)&gt; &lt;b onmouseover=alert(4)&gt;bold&lt;/b&gt; fines follow.',
    link: 'javascript:alert(1)',
  });
  // the feed parser already drops javascript: links, so one such story is stored as is, to
  // show the widget, the frame and the dashboard hold the line themselves
  const id = newStoryId();
  const { inserted } = await saveStories(radar.radar.database.db, [
    {
      id,
      feedId: null,
      dedupeKey: id,
      url: 'javascript:alert(5)',
      title: 'France bans an app <svg onload=alert(6)>',
      summary: '<iframe src="javascript:alert(7)"></iframe>',
      sourceTitle: 'Wire <img src=x onerror=alert(8)>',
      countries: ['FR'],
      publishedAt: new Date(),
    },
  ]);

  intranet.pages.set('/xss', intranetPage(snippet('theme="light"')));
  intranet.pages.set(
    '/frame',
    `<!doctype html><meta charset="utf-8"><title>Wiki</title><body style="margin:0;background:#eee">
<iframe title="Policy Radar" src="${radar.url}/embed/stream?token=${token}&country=FR&theme=light" style="width:420px;height:640px;border:0"></iframe></body>`,
  );
  const widgetPage = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const framePage = await browser.newPage({ viewport: { width: 700, height: 700 } });
  const dashboard = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const dialogs = [widgetPage, framePage, dashboard].flatMap(watchDialogs);
  await widgetPage.goto(`${intranet.origin}/xss`);
  await framePage.goto(`${intranet.origin}/frame`);
  await dashboard.goto(radar.url);
  await expect.poll(() => widgetStatus(widgetPage), { timeout: 10_000 }).toBe('Live');
  const frame = framePage.frames().find((f) => f.url().startsWith(`${radar.url}/embed/stream`))!;
  expect(frame).toBeDefined();
  await expect.poll(() => widgetStatus(frame), { timeout: 10_000 }).toBe('Live');
  // the dashboard takes a moment to boot on a busy machine
  await expect.poll(() => dashboard.getByRole('status').first().innerText(), { timeout: 15_000 }).toMatch(/live/i);

  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 1 });
  const redis = connectRedis(readConfig().redisUrl);
  await appendStory(redis, storyStreamKey({ prefix: radar.prefix }), toStory(inserted[0]!));
  redis.disconnect();

  const leaked = 'France fines a platform <img src=x onerror=alert(1)> <script>alert(2)</script>';
  const planted = 'France bans an app <svg onload=alert(6)>';
  /** What a document (and every shadow root in it) holds that could run script. */
  const inspect = (scope: Page | Frame) =>
    scope.evaluate(() => {
      const roots: (Document | ShadowRoot)[] = [document];
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      const all = roots.flatMap((root) => [...root.querySelectorAll('*')]);
      return {
        text: roots
          .map((root) => (root instanceof Document ? root.body.innerText : [...root.children].map((c) => (c as HTMLElement).innerText ?? '').join('\n')))
          .join('\n'),
        // the page's own icons are SVG too: what counts is an element the feed text made
        dangerous: all
          .filter((el) => ['IMG', 'SVG', 'IFRAME', 'SCRIPT', 'B'].includes(el.tagName.toUpperCase()) && el.outerHTML.includes('alert('))
          .map((el) => el.outerHTML),
        handlers: all.flatMap((el) =>
          el
            .getAttributeNames()
            .filter((name) => name.startsWith('on'))
            .map((name) => `${el.tagName} ${name}`),
        ),
        scriptLinks: all
          .filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') ?? '') || /^\s*javascript:/i.test(el.getAttribute('src') ?? ''))
          .map((el) => el.outerHTML),
      };
    });

  for (const [name, scope] of [
    ['widget', widgetPage],
    ['iframe', frame],
    ['dashboard', dashboard],
  ] as const) {
    await expect.poll(async () => (await inspect(scope)).text, { timeout: 10_000, message: `${name} shows both stories` }).toContain(planted);
    await expect.poll(async () => (await inspect(scope)).text, { timeout: 10_000, message: `${name} shows the leaked markup as text` }).toContain(leaked);
    const found = await inspect(scope);
    expect(found.text, name).toContain('<img src=x onerror=alert(3)> <b onmouseover=alert(4)>bold</b>');
    expect(found.dangerous, name).toEqual([]);
    expect(found.handlers, name).toEqual([]);
    expect(found.scriptLinks, name).toEqual([]);
  }
  // the stored javascript: link is no link at all in the widget
  const plantedHeadline = widgetPage.locator('radar-stream article', { hasText: 'France bans an app' }).locator('a').first();
  expect(await plantedHeadline.getAttribute('href')).toBeNull();
  await plantedHeadline.click();
  await widgetPage.waitForTimeout(500);
  await screenshot(widgetPage, 'widget-inert-script');
  await screenshot(framePage, 'widget-iframe');
  expect(dialogs).toEqual([]);
  await Promise.all([widgetPage.close(), framePage.close(), dashboard.close()]);
});

test('the iframe shows on the token origins only (frame-ancestors)', async () => {
  const framed = () =>
    `<!doctype html><meta charset="utf-8"><body><iframe src="${radar.url}/embed/stream?token=${token}&country=FR" style="width:420px;height:400px"></iframe></body>`;
  elsewhere.pages.set('/frame', framed());
  intranet.pages.set('/frame-check', framed());
  const page = await browser.newPage();
  await page.goto(`${intranet.origin}/frame-check`);
  const allowed = page.frames().find((f) => f.url().startsWith(`${radar.url}/embed/stream`));
  await expect.poll(async () => allowed?.locator('radar-stream article').count(), { timeout: 10_000 }).toBeGreaterThan(0);

  const blockedPage = await browser.newPage();
  await blockedPage.goto(`${elsewhere.origin}/frame`);
  await blockedPage.waitForTimeout(1000);
  const counts = await Promise.all(
    blockedPage
      .frames()
      .slice(1)
      .map((f) => f.evaluate(() => document.querySelectorAll('radar-stream').length).catch(() => 0)),
  );
  expect(counts.every((count) => count === 0)).toBe(true);
  await Promise.all([page.close(), blockedPage.close()]);
});

test('the embed builder previews the chosen stream live and writes the snippet with a new token', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  await page.addInitScript((admin) => localStorage.setItem('radar.adminToken', admin), TEST_ADMIN_TOKEN);
  await page.goto(`${radar.url}/embed`);
  await page.getByPlaceholder('Search countries').fill('France');
  await page.getByRole('checkbox', { name: 'France' }).check();
  await page.getByRole('radio', { name: 'Dark' }).click();
  const preview = page.getByTestId('widget-preview');
  await expect.poll(() => preview.locator('radar-stream .status').innerText(), { timeout: 10_000 }).toBe('Live');
  expect(await preview.locator('radar-stream').getAttribute('theme')).toBe('dark');

  await page.getByPlaceholder('Intranet, France desk').fill('Wiki');
  await page.getByPlaceholder('https://intranet.example https://wiki.example').fill('https://wiki.example/');
  await page.getByRole('button', { name: 'Create token' }).click();
  const created = page.getByTestId('created-token').locator('code');
  await created.waitFor();
  const newToken = await created.innerText();
  expect(newToken).toMatch(/^rw_/);
  const snippetText = await page.getByTestId('embed-snippet').innerText();
  expect(snippetText).toBe(
    `<script src="${radar.url}/widget.js" async></script>\n<radar-stream countries="FR" relevant limit="8" theme="dark" token="${newToken}"></radar-stream>`,
  );
  expect(await page.getByTestId('widget-token-row').filter({ hasText: 'Wiki' }).innerText()).toContain('https://wiki.example');
  // the new story comes in live while the builder is open
  // (policy stories only, as the builder starts: a French story that is not policy stays out)
  radar.newsroom.publish('wire', { title: 'France names a new digital minister', summary: 'The French government announced the appointment in Paris.' });
  radar.newsroom.publish('wire', {
    title: 'France fines Google over cookie consent banners',
    summary: 'The French data protection authority CNIL fined Google in Paris.',
  });
  expect(await radar.refresh(feedId)).toMatchObject({ kind: 'polled', inserted: 2 });
  await preview.locator('radar-stream article', { hasText: 'France fines Google over cookie consent banners' }).waitFor({ timeout: 10_000 });
  expect(await preview.locator('radar-stream article', { hasText: 'France names a new digital minister' }).count()).toBe(0);
  await page.waitForTimeout(3000);
  await screenshot(page, 'embed-builder');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Revoke Wiki' }).click();
  await expect.poll(() => page.getByTestId('widget-token-row').filter({ hasText: 'Wiki' }).count()).toBe(0);
  expect((await fetch(`${radar.url}/api/stories?token=${newToken}`)).status).toBe(401);
  await page.close();
});
