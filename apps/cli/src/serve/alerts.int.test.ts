import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SIGNATURE_HEADER, verifySignature } from '@radar/alerts';
import type { AlertDelivery, AlertNotice, ClientToServerEvents, ServerToClientEvents } from '@radar/core';
import { newStoryId, saveStories, type DatabaseKind } from '@radar/db';
import { SmtpSink, WebhookReceiver } from '@radar/notifier/testing';
import { TestRadar, waitUntil } from '../testing/test-radar.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe.each<DatabaseKind>(['postgres', 'pglite'])('a story on a feed reaches an alert’s receivers (%s)', (kind) => {
  const receiver = new WebhookReceiver();
  const smtp = new SmtpSink();
  const product = new TestRadar();
  const notices: AlertNotice[] = [];
  let client: Client;
  let wireId: string;
  let secondId: string;

  const createAlert = async (body: unknown) => {
    const response = await product.api('/api/alerts', { method: 'POST', body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string };
  };
  const deliveries = async (alertId: string) =>
    ((await (await product.api(`/api/alerts/${alertId}/deliveries`)).json()) as { deliveries: AlertDelivery[] }).deliveries;

  beforeAll(async () => {
    await Promise.all([receiver.start(), smtp.start()]);
    await product.start(kind, {
      env: { RADAR_SMTP_URL: smtp.url, RADAR_MAIL_FROM: 'Policy Radar <radar@test.invalid>' },
      // retries a few hundred milliseconds apart instead of ten seconds, so a test takes seconds
      notifier: { retry: { attempts: 5, backoffMs: 200 } },
    });
    const url = product.newsroom.addOutlet({ slug: 'wire', title: 'Local Wire', format: 'rss', language: 'en' });
    wireId = (await product.addFeed(url)).id;
    const second = product.newsroom.addOutlet({ slug: 'second', title: 'Second Wire', format: 'atom', language: 'en' });
    secondId = (await product.addFeed(second)).id;
    client = connect(product.url, { transports: ['websocket'], forceNew: true });
    client.on('alert', (notice) => notices.push(notice));
    await new Promise<void>((resolve) => client.on('connect', () => resolve()));
  });

  afterAll(async () => {
    client?.disconnect();
    await product.close();
    await Promise.all([receiver.close(), smtp.close()]);
  });

  test('a published story is delivered, signed, to the webhook and by e-mail within seconds, and shown live', async () => {
    const alert = await createAlert({
      name: 'Age checks in the UK or Australia',
      query: '"age verification" country:GB OR country:AU',
      channels: [
        { type: 'webhook', url: receiver.url('/hook'), secret: 'a-receiver-secret' },
        { type: 'email', to: 'analyst@example.org', digest: 'none' },
      ],
    });
    product.newsroom.publish('wire', {
      title: 'UK regulator Ofcom sets age verification deadline for adult sites',
      summary: "Britain's Ofcom told platforms in the UK to deploy age verification by July.",
    });
    const started = Date.now();
    expect(await product.refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await waitUntil(() => receiver.at('/hook').length === 1 && smtp.messages.length === 1, 'the webhook and the e-mail', 5000);
    expect(Date.now() - started).toBeLessThan(5000);

    const [request] = receiver.at('/hook');
    const signature = request!.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(request!.body, 'a-receiver-secret', signature)).toBe(true);
    const payload = JSON.parse(request!.body) as { alert: { id: string; name: string }; story: { title: string; countries: string[]; source: { feedId: string } } };
    expect(payload.alert).toEqual({ id: alert.id, name: 'Age checks in the UK or Australia' });
    expect(payload.story).toMatchObject({ title: 'UK regulator Ofcom sets age verification deadline for adult sites', countries: ['GB'], source: { feedId: wireId } });

    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['analyst@example.org']);
    expect(mail.from).toBe('radar@test.invalid');
    expect(mail.subject).toBe('[Policy Radar] Age checks in the UK or Australia: UK regulator Ofcom sets age verification deadline for adult sites');

    await waitUntil(() => notices.some((n) => n.alert.id === alert.id), 'the live alert event');
    await waitUntil(async () => (await deliveries(alert.id)).every((d) => d.status === 'delivered'), 'both deliveries logged');
    expect((await deliveries(alert.id)).map((d) => [d.channelType, d.status, d.attempts]).sort()).toEqual([
      ['email', 'delivered', 1],
      ['webhook', 'delivered', 1],
    ]);

    // a second outlet's report of the same event matches the query too, but it is the same event
    product.newsroom.publish('second', {
      title: "Ofcom sets July age verification deadline for adult sites in the UK",
      summary: "The UK's Ofcom told adult sites to deploy age verification by July.",
    });
    expect(await product.refresh(secondId)).toMatchObject({ kind: 'polled', inserted: 1 });
    const reports = ((await (await product.api('/api/stories?q=ofcom')).json()) as { stories: { clusterId: string; countries: string[] }[] }).stories;
    expect(reports).toHaveLength(2);
    expect(reports[0]!.countries).toEqual(['GB']);
    expect(reports[0]!.clusterId).toBe(reports[1]!.clusterId);
    // and the same feed polled again brings nothing new
    product.newsroom.publish('wire', { title: 'Berlin court rules on data retention', summary: 'Germany’s top court decided.' });
    expect(await product.refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.at('/hook')).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  test("an editor's correction fires the alerts the story matches now, once; those that fired for it stay quiet", async () => {
    const brazil = await createAlert({ name: 'Brazil', query: 'country:BR', channels: [{ type: 'webhook', url: receiver.url('/brazil'), secret: 'brazil-secret' }] });
    const courts = await createAlert({ name: 'Court orders', query: 'messaging court', channels: [{ type: 'webhook', url: receiver.url('/courts'), secret: 'courts-secret' }] });
    await createAlert({ name: 'Corrections', query: 'is:corrected', channels: [{ type: 'webhook', url: receiver.url('/corrected'), secret: 'corrected-secret' }] });
    product.newsroom.publish('wire', { title: 'Court orders a messaging app blocked', summary: 'Judges ordered providers to block the app within a day.' });
    expect(await product.refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await waitUntil(() => receiver.at('/courts').length === 1, 'the court alert');
    const { stories } = (await (await product.api('/api/stories?q=%22messaging+app+blocked%22')).json()) as { stories: { id: string; countries: string[] }[] };
    expect(stories[0]!.countries).not.toContain('BR');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/brazil')).toHaveLength(0);

    // the editor says it is Brazil's court: the Brazil alert fires, with the corrected story
    const correct = (body: unknown) => product.api(`/api/stories/${stories[0]!.id}`, { method: 'PATCH', body: JSON.stringify(body) });
    expect((await correct({ countries: ['BR'] })).status).toBe(200);
    await waitUntil(() => receiver.at('/brazil').length === 1 && receiver.at('/corrected').length === 1, 'the Brazil and correction alerts');
    expect(JSON.parse(receiver.at('/brazil')[0]!.body)).toMatchObject({ alert: { id: brazil.id }, story: { id: stories[0]!.id, countries: ['BR'] } });
    // corrected again: nothing fires twice
    expect((await correct({ topics: ['censorship-shutdowns'] })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.at('/brazil')).toHaveLength(1);
    expect(receiver.at('/courts')).toHaveLength(1);
    expect(receiver.at('/corrected')).toHaveLength(1);
    expect(notices.filter((n) => n.alert.id === courts.id)).toHaveLength(1);

    // last week's story corrected today alerts no one
    const id = newStoryId();
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    await saveStories(product.radar.database.db, [{ id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: 'An old court order', publishedAt: lastWeek, ingestedAt: lastWeek }]);
    expect((await product.api(`/api/stories/${id}`, { method: 'PATCH', body: JSON.stringify({ countries: ['BR'] }) })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.at('/brazil')).toHaveLength(1);
  });

  test('a receiver that fails twice then succeeds gets exactly one delivery', async () => {
    const alert = await createAlert({
      name: 'Encryption',
      query: 'encryption backdoor',
      channels: [{ type: 'webhook', url: receiver.url('/flaky', [500, 503]), secret: 'another-secret' }],
    });
    product.newsroom.publish('wire', {
      title: 'Sweden proposes an encryption backdoor for messaging apps',
      summary: 'The Swedish government wants access to encrypted messages.',
    });
    expect(await product.refresh(wireId)).toMatchObject({ kind: 'polled', inserted: 1 });
    await waitUntil(async () => (await deliveries(alert.id))[0]?.status === 'delivered', 'the delivery after two failures', 8000);
    expect(receiver.at('/flaky').map((r) => r.status)).toEqual([500, 503, 200]);
    expect(receiver.at('/flaky').filter((r) => r.status === 200)).toHaveLength(1);
    expect(await deliveries(alert.id)).toMatchObject([{ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null }]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.at('/flaky')).toHaveLength(3);
  });

  test('a feed added with undated stories alerts no one for them; an undated story it brings later alerts', async () => {
    const alert = await createAlert({
      name: 'Facial recognition',
      query: '"facial recognition"',
      channels: [{ type: 'webhook', url: receiver.url('/undated'), secret: 'undated-secret' }],
    });
    // a feed whose items carry no date, as some publishers' do: when each was published is unknown
    const undated = (...titles: string[]) => ({
      status: 200,
      contentType: 'application/rss+xml',
      body: `<rss version="2.0"><channel><title>Undated Desk</title>${titles
        .map((title) => `<item><title>${title}</title><link>${product.newsroom.baseUrl}/undated/${title.replaceAll(' ', '-')}</link></item>`)
        .join('')}</channel></rss>`,
    });
    const backCatalogue = ['Police trial facial recognition vans in London', 'Council bans facial recognition in schools'];
    const url = product.newsroom.respond('/undated.xml', undated(...backCatalogue));
    const { id, firstPoll } = await product.addFeed(url);
    expect(firstPoll).toMatchObject({ kind: 'polled', inserted: 2 });
    // stored and listed, as the feed's stories
    const listed = ((await (await product.api('/api/stories?q=facial')).json()) as { stories: { title: string; source: { feedId: string } }[] }).stories;
    expect(listed.filter((story) => story.source.feedId === id).map((story) => story.title).sort()).toEqual([...backCatalogue].sort());

    const fresh = 'Regulator fines a shop chain over facial recognition cameras';
    product.newsroom.respond('/undated.xml', undated(fresh, ...backCatalogue));
    expect(await product.refresh(id)).toMatchObject({ kind: 'polled', inserted: 1 });
    await waitUntil(() => receiver.at('/undated').length > 0, 'the webhook for the new story');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.at('/undated').map((r) => (JSON.parse(r.body) as { story: { title: string } }).story.title)).toEqual([fresh]);
    expect(notices.filter((n) => n.alert.id === alert.id).map((n) => n.story?.title)).toEqual([fresh]);
  });
});
