import { randomBytes } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents, Story, StoryEdit, SubscribeAck } from '@radar/core';
import type { DatabaseKind } from '@radar/db';
import { TestRadar, waitUntil } from '../testing/test-radar.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe.each<DatabaseKind>(['postgres', 'pglite'])('a story travels from a feed to the dashboards (%s)', (kind) => {
  const radar = new TestRadar();
  const { newsroom } = radar;
  const clients: Client[] = [];
  let wireId: string;
  const api = radar.api.bind(radar);
  const refresh = radar.refresh.bind(radar);

  const subscribe = async (filter: Record<string, unknown>) => {
    const client: Client = connect(radar.url, { transports: ['websocket'], forceNew: true });
    clients.push(client);
    const received: Story[] = [];
    client.on('story', (story) => received.push(story));
    const ack = await new Promise<SubscribeAck>((resolve) => client.emit('subscribe', filter as never, resolve));
    expect(ack).toEqual({ ok: true, missed: 0 });
    return received;
  };

  /** A dashboard subscribed to a filter: the corrections and pins it is told of. */
  const edits = (filter: Record<string, unknown>) => {
    const client: Client = connect(radar.url, { transports: ['websocket'], forceNew: true });
    clients.push(client);
    const received: StoryEdit[] = [];
    client.on('story-edited', (edit) => received.push(edit));
    return new Promise<StoryEdit[]>((resolve) => client.emit('subscribe', filter as never, () => resolve(received)));
  };

  const until = (condition: () => boolean, what: string) => waitUntil(condition, what);

  beforeAll(async () => {
    await radar.start(kind);
    const url = newsroom.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' });
    const feed = await radar.addFeed(url);
    wireId = feed.id;
    expect(feed.firstPoll).toMatchObject({ kind: 'polled', inserted: 0 });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await radar.close();
  });

  test('a new story reaches the subscriber whose filter matches, and not the other', async () => {
    const france = await subscribe({ countries: ['FR'] });
    const germany = await subscribe({ countries: ['DE'] });

    newsroom.publish('wire', {
      title: 'France orders platforms to remove terrorist content within an hour',
      summary: 'The French interior minister told Facebook and Google that France will fine platforms that are slow.',
    });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await until(() => france.length === 1, 'the FR story');
    expect(france[0]).toMatchObject({ countries: ['FR'], source: { feedId: wireId, title: 'Local Wire' } });
    expect(france[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/articles\/wire\/\d+$/);

    newsroom.publish('wire', {
      title: 'Germany drafts a law on platform transparency',
      summary: 'The German government in Berlin wants Germany to require audits.',
    });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await until(() => germany.length === 1, 'the DE story');
    // the DE story came after the FR one, so the DE subscriber would have had the FR one first
    expect(germany.map((s) => s.title)).toEqual(['Germany drafts a law on platform transparency']);
    expect(france).toHaveLength(1);
  });

  test("an editor's correction of a story's tags reaches the dashboards whose list it leaves or enters, and is kept", async () => {
    const [france, germany, brazil] = await Promise.all([edits({ countries: ['FR'] }), edits({ countries: ['DE'] }), edits({ countries: ['BR'] })]);
    newsroom.publish('wire', { title: 'France names a digital regulator', summary: 'The French government in Paris set up a regulator for platforms.' });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    const { stories } = (await (await api('/api/stories?country=FR&limit=1')).json()) as { stories: Story[] };
    const story = stories[0]!;
    expect(story.title).toBe('France names a digital regulator');

    const edit = (body: unknown, headers: Record<string, string> = {}) =>
      api(`/api/stories/${story.id}`, { method: 'PATCH', body: JSON.stringify(body), headers });
    expect((await edit({ countries: ['DE'] }, { authorization: '' })).status).toBe(401);
    for (const [body, message] of [
      [{ countries: ['XX', 'DE'] }, 'countries: not a country of the taxonomy: XX'],
      [{ topics: ['weather'] }, 'topics: not a topic of the taxonomy: weather'],
      [{}, 'name the tags to change: countries, companies, topics or relevant'],
      [{ title: 'Rewritten' }, 'Unrecognized key'],
    ] as const) {
      const refused = await edit(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toContain(message);
    }
    expect((await api('/api/stories/0193a0c4-1111-7000-8000-000000000000', { method: 'PATCH', body: '{"relevant":true}' })).status).toBe(404);

    const answer = await edit({ countries: ['DE', 'DE'], relevant: true });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: story.id, countries: ['DE'], relevant: true, tagsEditedAt: expect.any(String) });
    // France's list loses it, Germany's gains it; Brazil's never had it
    await until(() => france.length === 1 && germany.length === 1, 'the edit on both dashboards');
    expect(france[0]).toMatchObject({ story: { id: story.id, countries: ['DE'] }, before: { countries: ['FR'] }, matches: false });
    expect(germany[0]).toMatchObject({ story: { id: story.id }, matches: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(brazil).toHaveLength(0);
    const page = (await (await api('/api/stories?country=DE&limit=5')).json()) as { stories: Story[] };
    expect(page.stories.map((s) => s.id)).toContain(story.id);

    // undone: the detector reads the story again, and France's list has it back
    const restore = (headers: Record<string, string> = {}) => api(`/api/stories/${story.id}/tags`, { method: 'DELETE', headers });
    expect((await restore({ authorization: '' })).status).toBe(401);
    const restored = await restore();
    expect(restored.status).toBe(200);
    const back = (await restored.json()) as Story;
    expect(back).toMatchObject({ id: story.id, countries: story.countries, topics: story.topics, relevant: story.relevant });
    expect(back.tagsEditedAt).toBeUndefined();
    await until(() => france.length === 2, 'the restored story on the France dashboard');
    expect(france[1]).toMatchObject({ story: { countries: ['FR'] }, before: { countries: ['DE'] }, matches: true });
    expect((await api('/api/stories/0193a0c4-1111-7000-8000-000000000000/tags', { method: 'DELETE' })).status).toBe(404);
  });

  test("the team's pin reaches the dashboards of its picks (is:pinned), and those whose list it leaves; a second pin says nothing", async () => {
    const [picks, unpicked, corrected] = await Promise.all([edits({ q: 'is:pinned' }), edits({ q: 'regulator -is:pinned' }), edits({ q: 'is:corrected' })]);
    newsroom.publish('wire', { title: 'Spain names a digital regulator', summary: 'The Spanish government in Madrid set up a regulator for platforms.' });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    const { stories } = (await (await api('/api/stories?country=ES&limit=1')).json()) as { stories: Story[] };
    const story = stories[0]!;
    expect(story.title).toBe('Spain names a digital regulator');

    const pin = (method: 'PUT' | 'DELETE', headers: Record<string, string> = {}, id = story.id) => api(`/api/stories/${id}/pin`, { method, headers });
    expect((await pin('PUT', { authorization: '' })).status).toBe(401);
    expect((await pin('PUT', {}, '0193a0c4-1111-7000-8000-000000000000')).status).toBe(404);
    const pinned = await pin('PUT');
    expect(pinned.status).toBe(200);
    expect(await pinned.json()).toMatchObject({ id: story.id, pinnedAt: expect.any(String) });
    await until(() => picks.length === 1 && unpicked.length === 1, 'the pin on both dashboards');
    expect(picks[0]).toMatchObject({ story: { id: story.id, pinnedAt: expect.any(String) }, before: { pinnedAt: null }, matches: true });
    expect(unpicked[0]).toMatchObject({ story: { id: story.id }, matches: false });
    const listed = (await (await api(`/api/stories?q=${encodeURIComponent('is:pinned')}`)).json()) as { stories: Story[] };
    expect(listed.stories.map((s) => s.id)).toEqual([story.id]);

    // pinned again: nothing changed, nothing told
    expect((await pin('PUT')).status).toBe(200);
    const unpinned = await pin('DELETE');
    expect(((await unpinned.json()) as Story).pinnedAt).toBeUndefined();
    await until(() => picks.length === 2 && unpicked.length === 2, 'the pin taken off');
    expect(picks[1]).toMatchObject({ matches: false });
    expect(unpicked[1]).toMatchObject({ matches: true });
    // a dashboard of corrected stories never had it, pinned or not
    expect(corrected).toHaveLength(0);
  });

  test('polling an unchanged feed stores nothing twice and gets a 304', async () => {
    const before = ((await (await api('/api/stories?limit=200')).json()) as { stories: Story[] }).stories.length;
    expect(await refresh(wireId)).toEqual({ kind: 'not-modified', streamed: 0 });
    expect(await refresh(wireId)).toEqual({ kind: 'not-modified', streamed: 0 });
    expect(newsroom.requests.filter((r) => r.path === '/feeds/wire.xml').slice(-2)).toEqual([
      { path: '/feeds/wire.xml', status: 304 },
      { path: '/feeds/wire.xml', status: 304 },
    ]);
    const after = ((await (await api('/api/stories?limit=200')).json()) as { stories: Story[] }).stories.length;
    expect(after).toBe(before);
  });

  test('a non-http(s) URL is refused with a 400 that says why', async () => {
    const response = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url: 'file:///etc/passwd' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'url: url must be an absolute http(s) URL' });
    // an address longer than any real one, which the unique index on addresses could not hold either
    const long = `https://news.example/${randomBytes(1_800).toString('base64url')}`;
    const tooLong = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url: long }) });
    expect([tooLong.status, await tooLong.json()]).toEqual([400, { error: 'url: url must be at most 2048 bytes long' }]);
    const moved = await api(`/api/feeds/${wireId}`, { method: 'PATCH', body: JSON.stringify({ url: long }) });
    expect([moved.status, await moved.json()]).toEqual([400, { error: 'url: url must be at most 2048 bytes long' }]);
    const unauthorised = await api('/api/feeds', {
      method: 'POST',
      body: JSON.stringify({ url: 'https://news.example/feed' }),
      headers: { authorization: 'Bearer wrong' },
    });
    expect(unauthorised.status).toBe(401);
  });

  test('text holding U+0000 or a lone surrogate, which PostgreSQL cannot store, is refused with a 400 that says where, not a 500: in a body, an address, a subscription', async () => {
    const feed = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url: 'https://news.example/nul', title: 'Wire\u0000' }) });
    expect(feed.status).toBe(400);
    expect(await feed.json()).toEqual({ error: 'title: text may not contain the character U+0000' });
    const alert = await api('/api/alerts', {
      method: 'POST',
      body: JSON.stringify({ name: 'EU', query: 'meta', channels: [{ type: 'webhook', url: 'https://hooks.example/\u0000', secret: 'x'.repeat(16) }] }),
    });
    expect(alert.status).toBe(400);
    expect(await alert.json()).toEqual({ error: 'channels.0.url: text may not contain the character U+0000' });
    const read = await api('/api/inbox/read', { method: 'POST', body: JSON.stringify({ ids: ['\u0000'] }) });
    expect(read.status).toBe(400);
    // nor half of a surrogate pair, which JSON can escape and PostgreSQL refuses in JSON
    const widget = await api('/api/widget-tokens', {
      method: 'POST',
      body: '{"name": "Intranet", "origins": ["https://intranet.example"], "filter": {"q": "dsa \\ud800"}}',
    });
    expect([widget.status, await widget.json()]).toEqual([400, { error: 'filter.q: text may not contain a lone surrogate (\\ud800 to \\udfff without its pair)' }]);
    const paired = await api('/api/widget-tokens', {
      method: 'POST',
      body: '{"name": "Intranet \\ud83c\\uddea\\ud83c\\uddfa", "origins": ["https://intranet.example"], "filter": {"q": "dsa"}}',
    });
    expect(paired.status).toBe(201);
    const feeds = (await (await api('/api/feeds')).json()) as { feeds: { url: string }[] };
    expect(feeds.feeds.some((f) => f.url === 'https://news.example/nul')).toBe(false);

    // nor in an address: an id, a filter, a query
    for (const path of ['/api/stories?country=F%00R', '/api/stories?q=source:x%00', '/api/stories/a%00b', `/api/feeds/${wireId}%00/polls`, '/api/inbox?alert=a%00']) {
      const answer = await api(path);
      expect([path, answer.status, await answer.json()]).toEqual([path, 400, { error: 'the address: text may not contain the character U+0000' }]);
    }
    const client: Client = connect(radar.url, { transports: ['websocket'], forceNew: true });
    clients.push(client);
    const ack = await new Promise<SubscribeAck>((resolve) => client.emit('subscribe', { folders: ['Regulators\u0000'], since: 'x' } as never, resolve));
    expect(ack).toEqual({ ok: false, error: 'folders.0: text may not contain the character U+0000' });
  });

  test('broken feeds get their error recorded while the others go on', async () => {
    const broken = {
      html: newsroom.respond('/html', { status: 200, body: '<!doctype html><html><body>Hello</body></html>', contentType: 'text/html' }),
      invalid: newsroom.respond('/invalid.xml', { status: 200, body: '<?xml version="1.0"?>\n<<rss>> & </', contentType: 'application/xml' }),
      missing: newsroom.respond('/missing.xml', { status: 404, body: 'not found' }),
      failing: newsroom.respond('/failing.xml', { status: 500, body: 'oops' }),
    };
    const ids: Record<string, string> = {};
    for (const [name, url] of Object.entries(broken)) {
      const feed = await radar.addFeed(url);
      ids[name] = feed.id;
      expect(feed.firstPoll).toMatchObject({ kind: 'failed' });
    }
    const { feeds } = (await (await api('/api/feeds')).json()) as {
      feeds: { id: string; lastError: string | null; lastStatus: number | null; errorCount: number }[];
    };
    const health = (name: string) => feeds.find((f) => f.id === ids[name]);
    expect(health('html')?.lastError).toMatch(/not a feed/i);
    expect(health('invalid')?.lastError).toMatch(/not a feed/i);
    expect(health('missing')).toMatchObject({ lastStatus: 404, errorCount: 1 });
    expect(health('failing')).toMatchObject({ lastStatus: 500, errorCount: 1 });
    expect(health('missing')?.lastError).toMatch(/404/);
    // each feed's history says the same, poll by poll
    const polls = async (name: string, query = '') => api(`/api/feeds/${ids[name]}/polls${query}`);
    expect(await (await polls('missing')).json()).toEqual({
      polls: [expect.objectContaining({ outcome: 'failed', status: 404, pushed: false, items: null, newStories: 0, error: health('missing')?.lastError })],
    });
    expect((await (await polls('html', '?limit=1')).json()).polls).toEqual([
      expect.objectContaining({ outcome: 'failed', status: 200, error: expect.stringMatching(/not a feed/i) }),
    ]);
    expect(await (await polls('html', '?limit=0')).json()).toEqual({ error: 'limit must be a whole number from 1 to 1500' });
    expect((await polls('html', '?limit=abc')).status).toBe(400);
    const unknown = await api('/api/feeds/no-such-feed/polls');
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'no feed with that id' }]);

    const everyone = await subscribe({});
    newsroom.publish('wire', { title: 'Brazil court orders X to name a legal representative', summary: 'Brazil acted.' });
    expect(await refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await until(() => everyone.length === 1, 'the story after the broken feeds');
  });

  test('an OPML list imports feeds that are then polled, and exports back', async () => {
    const TEAM_AGENT = 'Mozilla/5.0 (compatible; team reader)';
    const urls = ['opml-a', 'opml-b'].map((slug) => newsroom.addOutlet({ slug, title: slug, format: 'atom', language: 'en' }));
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>team</title></head><body>
      <outline text="Wires">${urls.map((url, index) => `<outline type="rss" text="wire" xmlUrl="${url}"${index === 0 ? ` userAgent="${TEAM_AGENT}"` : ''}/>`).join('')}</outline>
      <outline type="rss" text="bad" xmlUrl="javascript:alert(1)"/></body></opml>`;
    const seen = radar.polls.length;
    const response = await api('/api/feeds/import', { method: 'POST', body: opml, headers: { 'content-type': 'text/x-opml' } });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { added: { id: string; url: string; folder: string | null; userAgent: string | null }[]; skipped: { url: string }[] };
    expect(result.added.map((f) => [f.url, f.folder])).toEqual(urls.map((url) => [url, 'Wires']));
    // a feed read with a User-Agent of its own in the installation the list came from is read so here
    expect(result.added.map((f) => f.userAgent)).toEqual([TEAM_AGENT, null]);
    expect(result.skipped).toEqual([{ url: 'javascript:alert(1)', reason: 'not an http(s) URL' }]);
    for (const feed of result.added) expect(await radar.pollAfter(feed.id, seen)).toMatchObject({ kind: 'polled' });

    const again = await api('/api/feeds/import', { method: 'POST', body: opml });
    expect(((await again.json()) as { skipped: unknown[] }).skipped).toHaveLength(3);
    // a feed moved to another folder, one taken out of any: the export is grouped so
    const [first, second] = result.added;
    await api(`/api/feeds/${first!.id}`, { method: 'PATCH', body: JSON.stringify({ folder: '  Regulators ' }) });
    expect((await (await api(`/api/feeds/${first!.id}`)).json()) as { folder: string }).toMatchObject({ folder: 'Regulators' });
    const exported = await (await api('/api/feeds/export.opml')).text();
    for (const url of urls) expect(exported).toContain(`xmlUrl="${url}"`);
    expect(exported).toMatch(new RegExp(`xmlUrl="${first!.url}"[^>]*userAgent="${TEAM_AGENT.replace(/[()]/g, '\\$&')}"`));
    expect(exported).toMatch(new RegExp(`<outline text="Regulators" title="Regulators">\\s*<outline[^>]*xmlUrl="${first!.url}"`));
    expect(exported).toMatch(new RegExp(`<outline text="Wires" title="Wires">\\s*<outline[^>]*xmlUrl="${second!.url}"`));
    // one folder's feeds alone, to share with a partner
    const wires = await api('/api/feeds/export.opml?folder=Wires');
    expect(wires.headers.get('content-disposition')).toBe('attachment; filename="policy-radar-wires.opml"');
    const wiresList = await wires.text();
    expect(wiresList).toContain(`xmlUrl="${second!.url}"`);
    expect(wiresList).not.toContain(`xmlUrl="${first!.url}"`);
    expect(wiresList).toContain('<title>Policy Radar feeds: Wires</title>');
    const nowhere = await api('/api/feeds/export.opml?folder=Nowhere');
    expect([nowhere.status, await nowhere.json()]).toEqual([404, { error: 'no feed is in the folder Nowhere' }]);
    await api(`/api/feeds/${first!.id}`, { method: 'PATCH', body: JSON.stringify({ folder: null }) });
    expect((await (await api(`/api/feeds/${first!.id}`)).json()) as { folder: string }).toMatchObject({ folder: null });
    expect((await api('/api/feeds/import', { method: 'POST', body: 'not opml' })).status).toBe(400);

    // an older reader's export in Windows-1252: its folder and titles keep their accents
    const latin = `<?xml version="1.0" encoding="windows-1252"?><opml version="1.0"><body><outline text="Régulateurs">
      <outline type="rss" text="Autorité de la concurrence" xmlUrl="${newsroom.addOutlet({ slug: 'autorite', title: 'x', format: 'rss', language: 'fr' })}"/></outline></body></opml>`;
    const accented = await api('/api/feeds/import', { method: 'POST', body: Buffer.from(latin, 'latin1'), headers: { 'content-type': 'text/x-opml' } });
    expect(((await accented.json()) as { added: { title: string; folder: string }[] }).added).toEqual([
      expect.objectContaining({ title: 'Autorité de la concurrence', folder: 'Régulateurs' }),
    ]);
  });

  test("a list of feeds added as a feed says so; its feeds are imported from its address, fetched as feeds are", async () => {
    const listed = newsroom.addOutlet({ slug: 'listed-by-address', title: 'x', format: 'rss', language: 'en' });
    const list = newsroom.respond('/lists/team.opml', {
      status: 200,
      body: `<?xml version="1.0"?><opml version="2.0"><body><outline text="Desk"><outline type="rss" text="Listed" xmlUrl="${listed}"/></outline></body></opml>`,
      contentType: 'text/x-opml',
    });
    const asFeed = await radar.addFeed(list);
    expect(asFeed.firstPoll).toMatchObject({ kind: 'failed' });
    const stored = (await (await api(`/api/feeds/${asFeed.id}`)).json()) as { lastError: string };
    expect(stored.lastError).toContain('not a feed but an OPML list of feeds: import it');

    const importFrom = (url: unknown) => api('/api/feeds/import', { method: 'POST', body: JSON.stringify({ url }) });
    const imported = await importFrom(list);
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { added: { url: string; folder: string }[] }).added).toEqual([expect.objectContaining({ url: listed, folder: 'Desk' })]);
    // a bad address is the caller's to fix; an address that does not answer with a list says why
    expect([(await importFrom('file:///etc/passwd')).status, (await importFrom(42)).status]).toEqual([400, 400]);
    const missing = await importFrom(`${newsroom.baseUrl}/lists/gone.opml`);
    expect([missing.status, ((await missing.json()) as { error: string }).error]).toEqual([422, expect.stringMatching(/^could not read the list at .*gone\.opml: .*404/)]);
    const notAList = await importFrom(listed);
    expect([notAList.status, ((await notAList.json()) as { error: string }).error]).toEqual([400, expect.stringContaining('not an OPML document')]);

    // a file that includes a published list by its address brings that list's feeds, in the include's folder
    const deskFeed = newsroom.addOutlet({ slug: 'included-desk', title: 'x', format: 'rss', language: 'en' });
    const desk = newsroom.respond('/lists/desk.opml', {
      status: 200,
      body: `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="Desk feed" xmlUrl="${deskFeed}"/></body></opml>`,
      contentType: 'text/x-opml',
    });
    const including = await api('/api/feeds/import', {
      method: 'POST',
      body: `<?xml version="1.0"?><opml version="2.0"><body><outline type="include" text="Brussels desk" url="${desk}"/></body></opml>`,
      headers: { 'content-type': 'text/x-opml' },
    });
    expect(((await including.json()) as { added: unknown[] }).added).toEqual([expect.objectContaining({ url: deskFeed, folder: 'Brussels desk' })]);
  });

  test('a feed is renamed and pointed at another address; the address of another feed is refused with a 409', async () => {
    const [first, second] = await Promise.all(
      ['patch-a', 'patch-b'].map((slug) => radar.addFeed(newsroom.addOutlet({ slug, title: slug, format: 'rss', language: 'en' }))),
    );
    const patch = (id: string, body: unknown) => api(`/api/feeds/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
    const renamed = await patch(first!.id, { title: 'Regulators, EU' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ title: 'Regulators, EU' });
    // read at least every 5 minutes, however rarely it publishes; under a minute is refused
    const watched = await patch(first!.id, { maxIntervalSeconds: 300 });
    expect([watched.status, await watched.json()]).toEqual([200, expect.objectContaining({ maxIntervalSeconds: 300, nextPollAt: null })]);
    const tooOften = await patch(first!.id, { maxIntervalSeconds: 30 });
    expect([tooOften.status, await tooOften.json()]).toEqual([400, { error: 'maxIntervalSeconds: maxIntervalSeconds must be at least 60 (a minute)' }]);
    expect(await (await patch(first!.id, { maxIntervalSeconds: null })).json()).toMatchObject({ maxIntervalSeconds: null });

    const taken = await patch(first!.id, { url: `${newsroom.baseUrl}/feeds/patch-b.xml` });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: expect.stringMatching(/already exists/), feed: { id: second!.id } });
    // the same feed at another form of its address is refused too
    const twin = await api('/api/feeds', {
      method: 'POST',
      body: JSON.stringify({ url: `${newsroom.baseUrl}/feeds/patch-b.xml/`.replace('http://', 'https://') }),
    });
    expect([twin.status, await twin.json()]).toEqual([409, expect.objectContaining({ feed: expect.objectContaining({ id: second!.id }) })]);

    // a new address is polled from then on
    newsroom.addOutlet({ slug: 'patch-c', title: 'patch-c', format: 'atom', language: 'en' });
    newsroom.publish('patch-c', { title: 'Senate passes a data broker bill', summary: 'The bill passed.' });
    const moved = await patch(first!.id, { url: `${newsroom.baseUrl}/feeds/patch-c.xml` });
    expect(moved.status).toBe(200);
    // the old address's record does not carry over: the new one has not been read yet
    expect(await moved.json()).toMatchObject({ lastSuccessAt: null, errorCount: 0, lastError: null });
    expect(await refresh(first!.id)).toMatchObject({ kind: 'polled', inserted: 1 });
    // pointed at a site's page, as a new feed may be: the feed the page announces is taken
    const siteFeed = newsroom.addOutlet({ slug: 'patch-d', title: 'patch-d', format: 'rss', language: 'en' });
    expect((await patch(first!.id, { url: `${newsroom.baseUrl}/patch-d` })).status).toBe(200);
    expect(await refresh(first!.id)).toMatchObject({ kind: 'polled' });
    expect(((await (await api(`/api/feeds/${first!.id}`)).json()) as { url: string }).url).toBe(siteFeed);
    expect((await patch('no-such-feed', { title: 'x' })).status).toBe(404);
  });

  test("a login written in a feed's address is kept beside it, and its password is never shown again", async () => {
    const url = newsroom.addOutlet({ slug: 'members', title: 'Members Desk', format: 'rss', language: 'en' });
    const withLogin = url.replace('http://', 'http://analyst%40ngo.example:k3y%3Asecret@');
    const created = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url: withLogin }) });
    expect(created.status).toBe(201);
    const feed = (await created.json()) as { id: string; url: string; login: unknown };
    expect(feed).toMatchObject({ url, login: { username: 'analyst@ngo.example' } });
    const everywhere = [
      await (await api('/api/feeds')).text(),
      await (await api(`/api/feeds/${feed.id}`)).text(),
      await (await api('/api/feeds/export.opml')).text(),
      JSON.stringify(feed),
    ];
    for (const text of everywhere) expect(text).not.toMatch(/k3y|secret/);
    const removed = await api(`/api/feeds/${feed.id}`, { method: 'PATCH', body: JSON.stringify({ login: null }) });
    expect(await removed.json()).toMatchObject({ url, login: null });
    const bad = await api(`/api/feeds/${feed.id}`, { method: 'PATCH', body: JSON.stringify({ login: { username: '', password: 'x' } }) });
    expect(bad.status).toBe(400);
  });

  test('a feed can be read with a User-Agent its user chooses; one HTTP could not send is a 400 that says why', async () => {
    const url = newsroom.addOutlet({ slug: 'picky', title: 'Picky Desk', format: 'rss', language: 'en' });
    const browser = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
    const created = await api('/api/feeds', { method: 'POST', body: JSON.stringify({ url, userAgent: browser }) });
    expect(created.status).toBe(201);
    const feed = (await created.json()) as { id: string };
    expect(await (await api(`/api/feeds/${feed.id}`)).json()).toMatchObject({ url, userAgent: browser });
    for (const userAgent of ['Reader\r\nX-Injected: yes', 'Lecteur é', '', 'x'.repeat(301)]) {
      const refused = await api(`/api/feeds/${feed.id}`, { method: 'PATCH', body: JSON.stringify({ userAgent }) });
      expect(refused.status, userAgent).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toMatch(/^userAgent: /);
    }
    const reset = await api(`/api/feeds/${feed.id}`, { method: 'PATCH', body: JSON.stringify({ userAgent: null }) });
    expect(await reset.json()).toMatchObject({ url, userAgent: null });
  });

  test('two outlets reporting one event are one cluster; the story view lists both', async () => {
    const second = await radar.addFeed(newsroom.addOutlet({ slug: 'second', title: 'Second Wire', format: 'atom', language: 'en' }));
    newsroom.publish('wire', {
      title: 'Kenya orders a nationwide shutdown of Telegram during exams',
      summary: 'The Communications Authority of Kenya told operators to block Telegram until the national exams end.',
    });
    await radar.refresh(wireId);
    newsroom.publish('second', {
      title: 'Telegram blocked across Kenya during national exams',
      summary: 'Kenya’s Communications Authority ordered operators to block Telegram while the national exams run.',
    });
    await radar.refresh(second.id);
    newsroom.publish('second', { title: 'Chile passes a data protection law', summary: 'Chile’s Congress approved a new data protection authority.' });
    await radar.refresh(second.id);

    const { stories } = (await (await api('/api/stories?q=telegram kenya')).json()) as { stories: Story[] };
    expect(stories).toHaveLength(2);
    expect(stories[0]!.clusterId).toBeTruthy();
    expect(stories[1]!.clusterId).toBe(stories[0]!.clusterId);
    const chile = ((await (await api('/api/stories?q=chile')).json()) as { stories: Story[] }).stories[0]!;
    expect(chile.clusterId).toBe(chile.id);
    const detail = (await (await api(`/api/stories/${stories[0]!.id}`)).json()) as { cluster: Story[] };
    expect(detail.cluster.map((s) => s.source.title).sort()).toEqual(['Local Wire', 'Second Wire']);
  });
});
