import { afterEach, expect, test } from 'vitest';
import { FeedReader } from './feed-reader.ts';
import { parseFeed } from './parse-feed.ts';
import { FeedParseError } from './parsed-feed.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const feed = (items: number) =>
  encode(
    `<rss version="2.0"><channel><title>Wire</title>${Array.from(
      { length: items },
      (_, i) => `<item><title>Regulator fines platform ${i}</title><link>/a/${i}</link><description>&lt;p&gt;Story ${i}&lt;/p&gt;</description></item>`,
    ).join('')}</channel></rss>`,
  );

let reader: FeedReader | undefined;
afterEach(() => reader?.close());

test('a document is read on the reader thread as parseFeed reads it', async () => {
  reader = new FeedReader();
  const options = { contentType: 'application/rss+xml', baseUrl: 'https://news.example/feed.xml' };
  // a Buffer, as fetched, of the pool Node keeps for small ones
  const body = Buffer.from(feed(3));
  expect(await reader.read(body, options)).toEqual(await parseFeed(body, options));
  // the caller's bytes are its own still: the thread was handed a copy
  expect(body.toString()).toContain('Regulator fines platform 2');
  await expect(reader.read(encode('<html><body>Not a feed</body></html>'), options)).rejects.toBeInstanceOf(FeedParseError);
});

test('a document that takes longer than the deadline is refused, and the next is read', async () => {
  reader = new FeedReader({ deadlineMs: 500 });
  await reader.start();
  // one item whose description is 8 MB of HTML: a second or more of reading
  const slow = reader.read(
    encode(
      `<rss version="2.0"><channel><item><title>One</title><description>${'&lt;p&gt;Regulators &lt;b&gt;fine&lt;/b&gt; a platform.&lt;/p&gt;'.repeat(120_000)}</description></item></channel></rss>`,
    ),
  );
  const next = reader.read(feed(2));
  await expect(slow).rejects.toThrow(/took longer than 0.5 s to read/);
  await expect(slow).rejects.toBeInstanceOf(FeedParseError);
  // on a new thread, whose loading does not count against the next document's deadline
  expect((await next).items.map((item) => item.title)).toEqual(['Regulator fines platform 0', 'Regulator fines platform 1']);
});

test('documents are answered in turn, and a closed reader takes no more', async () => {
  reader = new FeedReader();
  const counts = await Promise.all([5, 1, 3].map(async (n) => (await reader!.read(feed(n))).items.length));
  expect(counts).toEqual([5, 1, 3]);
  await reader.close();
  await expect(reader.read(feed(1))).rejects.toThrow(/closed/);
});
