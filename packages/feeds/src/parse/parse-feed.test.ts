import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { parseFeed } from './parse-feed.ts';
import { FeedParseError } from './parsed-feed.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

test('RSS 2.0 in the normalised model', async () => {
  const feed = await parseFeed(
    utf8(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Radar &amp; Co</title><link>https://example.com/</link><description>Policy news</description>
<language>en_GB</language><lastBuildDate>Tue, 02 Jan 2024 10:00:00 GMT</lastBuildDate>
<item><title>EU fines &lt;b&gt;Meta&lt;/b&gt;</title><guid>https://example.com/a</guid>
<pubDate>Mon, 01 Jan 2024 09:00:00 +0100</pubDate><dc:creator>Ann Lee</dc:creator><category>privacy</category><category>eu</category>
<description><![CDATA[<p>The Commission acted.</p>]]></description>
<content:encoded><![CDATA[<p>Full <a href="/story">story</a></p>]]></content:encoded></item>
</channel></rss>`),
    { baseUrl: 'https://example.com/feed.xml' },
  );
  expect(feed).toEqual({
    title: 'Radar & Co',
    link: 'https://example.com/',
    description: 'Policy news',
    language: 'en-GB',
    updated: '2024-01-02T10:00:00.000Z',
    author: null,
    olderPage: null,
    items: [
      {
        guid: 'https://example.com/a',
        title: 'EU fines Meta',
        link: 'https://example.com/a',
        published: '2024-01-01T08:00:00.000Z',
        updated: null,
        author: 'Ann Lee',
        summary: 'The Commission acted.',
        contentHtml: '<p>Full <a href="https://example.com/story">story</a></p>',
        categories: ['privacy', 'eu'],
      },
    ],
  });
});

test('RSS without a version, with HTML entities and a Netscape DOCTYPE (RSS 0.91 style)', async () => {
  const feed = await parseFeed(`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss><channel><title>caf&eacute; &mdash; news</title><item><title>Caf&eacute;&nbsp;r&eacute;gion</title><link>http://x/1</link></item></channel></rss>`);
  expect(feed.title).toBe('café — news');
  expect(feed.items[0]).toMatchObject({ title: 'Café région', link: 'http://x/1' });
});

test('RSS 1.0 (RDF) with Dublin Core under another prefix', async () => {
  const feed = await parseFeed(`<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dublin="http://purl.org/dc/elements/1.1/">
<channel r:about="http://x/"><title>RDF</title><link>http://x/</link></channel>
<item r:about="http://x/1"><title>One</title><link>http://x/1</link><dublin:date>2004-01-01T12:00:00Z</dublin:date><dublin:creator>Bo</dublin:creator></item>
</r:RDF>`);
  expect(feed.items[0]).toMatchObject({ guid: 'http://x/1', title: 'One', updated: '2004-01-01T12:00:00.000Z', published: null, author: 'Bo' });
});

test('Atom 1.0: xml:base, relative links and ids, xhtml and html content', async () => {
  const feed = await parseFeed(
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/" xml:lang="fr">
<title type="html">Le &lt;em&gt;blog&lt;/em&gt;</title><link href="./"/><updated>2024-02-01T00:00:00Z</updated>
<author><name>Équipe</name></author>
<entry xml:base="2024/"><id>post-1</id><title type="text">a &lt;b&gt; literal</title><link rel="alternate" href="post-1.html"/>
<published>2024-01-31T10:00:00+01:00</published>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Read <a href="more">more</a></div></summary>
<content type="html">&lt;p&gt;Body &lt;img src="img.png"&gt;&lt;/p&gt;</content></entry>
</feed>`,
    { baseUrl: 'http://example.org/feed.atom' },
  );
  expect(feed).toMatchObject({ title: 'Le blog', link: 'http://example.org/blog/', language: 'fr', author: 'Équipe' });
  expect(feed.items[0]).toEqual({
    guid: 'http://example.org/blog/2024/post-1',
    title: 'a <b> literal',
    link: 'http://example.org/blog/2024/post-1.html',
    published: '2024-01-31T09:00:00.000Z',
    updated: null,
    author: 'Équipe',
    summary: 'Read more',
    contentHtml: '<p>Body <img src="http://example.org/blog/2024/img.png" /></p>',
    categories: [],
  });
});

test('Atom 0.3: tagline, issued, base64 and escaped content', async () => {
  const feed = await parseFeed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title><tagline>Since 2004</tagline>
<entry><title mode="base64">Y2xpY2sgaGVyZQ==</title><issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified>
<content type="text/html" mode="escaped">&lt;b&gt;bold&lt;/b&gt;</content></entry></feed>`);
  expect(feed.description).toBe('Since 2004');
  expect(feed.items[0]).toMatchObject({ title: 'click here', published: '2004-01-01T00:00:00.000Z', updated: '2004-01-02T00:00:00.000Z', contentHtml: '<b>bold</b>' });
});

test('script tags never reach contentHtml nor the plain-text fields', async () => {
  const feed = await parseFeed(`<rss version="2.0"><channel><title>T<script>alert(1)</script>itle</title>
<item><title>&lt;script&gt;alert(2)&lt;/script&gt;Headline</title>
<description>&lt;p onmouseover="x()"&gt;Text&lt;script&gt;alert(3)&lt;/script&gt;&lt;/p&gt;</description></item></channel></rss>`);
  const item = feed.items[0]!;
  expect(item.title).toBe('Headline');
  expect(item.summary).toBe('Text');
  expect(item.contentHtml).toBe('<p>Text</p>');
  expect(JSON.stringify(feed)).not.toMatch(/alert|<script|onmouseover/);
});

test('broken XML is recovered: unescaped ampersands, a truncated end', async () => {
  const feed = await parseFeed('<rss version="2.0"><channel><title>Fish & Chips</title><item><title>One</title><link>http://x/?a=1&b=2</link></item><item><title>Two</title></ite');
  expect(feed.title).toBe('Fish & Chips');
  expect(feed.items.map((item) => item.title)).toEqual(['One', 'Two']);
  expect(feed.items[0]!.link).toBe('http://x/?a=1&b=2');
});

test('a permalink guid gives the link; isPermaLink="false" does not', async () => {
  const feed = await parseFeed(`<rss version="2.0"><channel><item><guid>http://x/1</guid></item><item><guid isPermaLink="false">http://x/2</guid></item></channel></rss>`);
  expect(feed.items.map((item) => item.link)).toEqual(['http://x/1', null]);
});

test("a date element holding HTML (Drupal's <time datetime>) is read from the time's value", async () => {
  const feed = await parseFeed(`<rss version="2.0"><channel><title>Drug Recalls</title>
    <item><title>Recall</title><pubDate>
      <time datetime="2019-05-03T19:21:28Z">Fri, 05/03/2019 - 15:21</time>
    </pubDate></item></channel></rss>`);
  expect(feed.items[0]!.published).toBe('2019-05-03T19:21:28.000Z');
});

test('Windows-1252 bytes with the charset in the HTTP Content-Type', async () => {
  const bytes = Uint8Array.from(Buffer.concat([Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>'), Buffer.from([0x93, 0x80, 0x94]), Buffer.from('</title></channel></rss>')]));
  expect((await parseFeed(bytes, { contentType: 'application/rss+xml; charset=windows-1252' })).title).toBe('“€”');
});

test('a UTF-16 document with a byte order mark', async () => {
  const text = '<?xml version="1.0" encoding="UTF-16"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ελλάδα</title></feed>';
  const bytes = Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  expect((await parseFeed(bytes)).title).toBe('Ελλάδα');
});

test('JSON Feed and CDF are read beside RSS and Atom', async () => {
  const json = await parseFeed('{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_text":"x"}]}');
  expect(json.items).toHaveLength(1);
  const cdf = await parseFeed('<CHANNEL HREF="http://www.example.org/" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>C</TITLE><ITEM HREF="http://www.example.org/1"><TITLE>Item</TITLE><ABSTRACT>About</ABSTRACT></ITEM></CHANNEL>');
  expect(cdf).toMatchObject({ title: 'C', link: 'http://www.example.org/', updated: '2004-04-07T04:05:43.000Z' });
  expect(cdf.items[0]).toMatchObject({ title: 'Item', link: 'http://www.example.org/1', summary: 'About' });
});

test('an HTML page, garbage and a billion laughs are refused with FeedParseError', async () => {
  await expect(parseFeed(utf8('<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>'))).rejects.toThrow(FeedParseError);
  await expect(parseFeed(Uint8Array.of(0x00, 0xff, 0x13, 0x37))).rejects.toThrow(FeedParseError);
  const levels = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  await expect(parseFeed(`<!DOCTYPE rss [${levels.join('')}]><rss version="2.0"><channel><title>&l9;</title></channel></rss>`)).rejects.toThrow(/entity/);
});

test('a feed whose root is not a feed element, or XML beyond repair, is refused', async () => {
  await expect(parseFeed('<rss version="2.0"></rss>')).resolves.toMatchObject({ items: [] });
  await expect(parseFeed('<gpx version="1.1"><trk/></gpx>')).rejects.toThrow(/unexpected root element <gpx>/);
  // a list of feeds where one feed goes: the error says what to do with it
  await expect(parseFeed('<opml version="2.0"><body/></opml>')).rejects.toThrow(/not a feed but an OPML list of feeds: import it/);
});

test("a news aggregator's items keep the outlet's article and name the outlet", async () => {
  const googleNews = await parseFeed(
    `<rss version="2.0"><channel><title>"digital services act" - Google News</title>
      <item><title>EU opens case against a platform - Reuters</title>
      <link>https://news.google.com/rss/articles/${Buffer.concat([Buffer.from([0x08, 0x13, 0x22, 'https://reuters.example/dsa-1'.length]), Buffer.from('https://reuters.example/dsa-1'), Buffer.from([0xd2, 0x01, 0x00])]).toString('base64url')}?oc=5</link>
      <guid isPermaLink="false">CBMi123</guid><source url="https://www.reuters.example">Reuters</source></item></channel></rss>`,
  );
  expect(googleNews.items[0]).toMatchObject({ title: 'EU opens case against a platform - Reuters', originalLink: 'https://reuters.example/dsa-1', outlet: 'Reuters' });
  // the ids Google News gives since 2024 hide the address: the outlet is still named
  const opaque = await parseFeed(
    `<rss version="2.0"><channel><title>Google News</title>
      <item><title>Court upholds a platform fine - Le Monde</title><link>https://news.google.com/rss/articles/CBMiqAFBVV95cUxNbXQ3dXZrZ2xj?oc=5</link></item>
      <item><title>Ministry drafts AI rules - Politico</title><link>https://news.google.com/rss/articles/CBMiqAFBVV95cUxNZmQ?oc=5</link><source url="https://www.politico.example">POLITICO</source></item></channel></rss>`,
  );
  expect(opaque.items.map((item) => [item.outlet, item.originalLink])).toEqual([
    ['Le Monde', undefined],
    ['POLITICO', undefined],
  ]);
  const bing = await parseFeed(
    `<rss xmlns:News="https://www.bing.com:443/news/search?q=dsa&amp;format=rss" version="2.0"><channel><title>dsa - BingNews</title>
      <item><title>A title</title><link>http://www.bing.com/news/apiclick.aspx?ref=FexRss&amp;url=https%3a%2f%2fpaper.example%2fa&amp;c=1</link>
      <News:Source>Daily Paper</News:Source></item></channel></rss>`,
  );
  expect(bing.items[0]).toMatchObject({ originalLink: 'https://paper.example/a', outlet: 'Daily Paper' });
  // Google Alerts names no outlet: the article's host stands for it
  const alerts = await parseFeed(
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - GDPR</title><entry><id>tag:google.com,2013:googlealerts/feed:1</id>
      <title type="html">Regulator fines &lt;b&gt;GDPR&lt;/b&gt; breach</title>
      <link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.news.example/gdpr-fine/&amp;ct=ga"/></entry></feed>`,
  );
  expect(alerts.items[0]).toMatchObject({ title: 'Regulator fines GDPR breach', originalLink: 'https://www.news.example/gdpr-fine/', outlet: 'news.example' });
  // a publisher's own feed naming itself as the source is no aggregator
  const own = await parseFeed(`<rss version="2.0"><channel><title>t</title><item><title>a</title><link>https://post.example/a</link><source>The Post</source></item></channel></rss>`);
  expect(own.items[0]!.outlet).toBeUndefined();
  expect(own.items[0]!.originalLink).toBeUndefined();
});

test('a FeedBurner item keeps the publisher URL beside the proxied link', async () => {
  const feed = await parseFeed(
    `<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>t</title>
      <item><title>a</title><link>https://feeds.feedburner.example/~r/x/~3/abc/</link>
      <feedburner:origLink>https://news.example/2026/11/story</feedburner:origLink></item></channel></rss>`,
  );
  expect(feed.items[0]).toMatchObject({
    link: 'https://feeds.feedburner.example/~r/x/~3/abc/',
    originalLink: 'https://news.example/2026/11/story',
  });
});

test('a document stored gzipped (a news sitemap .xml.gz, a feed gzipped twice over) is unpacked and read; a bomb stops at 10 MB', async () => {
  const sitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ministry.example/news/ai-rules</loc><news:news><news:publication><news:name>Ministry</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-11-30T09:00:00Z</news:publication_date><news:title>Ministry publishes AI rules</news:title></news:news></url></urlset>`;
  const read = await parseFeed(gzipSync(sitemap), { contentType: 'application/gzip', baseUrl: 'https://ministry.example/news-sitemap.xml.gz' });
  expect(read.items.map((item) => [item.title, item.link])).toEqual([['Ministry publishes AI rules', 'https://ministry.example/news/ai-rules']]);
  const rss = '<rss version="2.0"><channel><title>Twice</title><item><title>Court rules on data retention</title><link>https://court.example/1</link></item></channel></rss>';
  expect((await parseFeed(gzipSync(rss), {})).items.map((item) => item.title)).toEqual(['Court rules on data retention']);
  // a stored file with a line break after it, as a script that writes it may leave
  expect((await parseFeed(Buffer.concat([gzipSync(rss), Buffer.from('\r\n')]), {})).items.map((item) => item.title)).toEqual(['Court rules on data retention']);
  // 64 MB of zeros packed into a few kilobytes
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  expect(bomb.byteLength).toBeLessThan(100_000);
  await expect(parseFeed(bomb, {})).rejects.toThrow(/^not a feed: a gzipped document that cannot be unpacked \(larger than 10485760 bytes once unpacked\)$/);
  // a file that only looks gzipped: the error says so, not that it is no feed
  await expect(parseFeed(Buffer.from([0x1f, 0x8b, 0x08, ...Buffer.from('not deflate data at all')]), {})).rejects.toBeInstanceOf(FeedParseError);
});

test('the page of older items a feed names: RFC 5005 in Atom and RSS, next_url in JSON Feed', async () => {
  const atom = await parseFeed(
    utf8(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/feeds/"><title>Blog</title>
<link rel="self" href="posts?page=1"/><link rel="alternate" href="https://blog.example/"/><link rel="next" href="posts?page=2"/>
<entry><id>a</id><title>A</title></entry></feed>`),
    { baseUrl: 'https://blog.example/feed' },
  );
  expect(atom.olderPage).toBe('https://blog.example/feeds/posts?page=2');
  const archived = await parseFeed(
    utf8(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Ministry</title>
<atom:link rel="current" href="https://gov.example/news.rss"/>
<atom:link rel="http://www.iana.org/assignments/relation/prev-archive" href="/news/2026-11.rss"/>
<item><guid>b</guid><title>B</title></item></channel></rss>`),
    { baseUrl: 'https://gov.example/news.rss' },
  );
  expect(archived.olderPage).toBe('https://gov.example/news/2026-11.rss');
  const json = await parseFeed(
    utf8(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', next_url: '/feed.json?before=9', items: [{ id: '1', title: 'One' }] })),
    { baseUrl: 'https://j.example/feed.json' },
  );
  expect(json.olderPage).toBe('https://j.example/feed.json?before=9');
});

test('a page of older items that is not an http(s) address, or a link of another relation, is no older page', async () => {
  const feed = await parseFeed(
    utf8(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><link rel="previous" href="https://blog.example/newer"/>
<link rel="next" href="javascript:alert(1)"/><link rel="next" href="ftp://blog.example/older"/><entry><id>a</id></entry></feed>`),
    { baseUrl: 'https://blog.example/feed' },
  );
  expect(feed.olderPage).toBeNull();
  const json = await parseFeed(utf8(JSON.stringify({ version: 'https://jsonfeed.org/version/1', next_url: 'file:///etc/passwd', items: [] })), {
    baseUrl: 'https://j.example/feed.json',
  });
  expect(json.olderPage).toBeNull();
});


test('a WordPress feed names no page of older items, but has them at ?paged=2, 3…', async () => {
  const wordPress = (generator: string) =>
    utf8(`<rss version="2.0"><channel><title>NGO</title>${generator}<item><guid>a</guid><title>A</title></item></channel></rss>`);
  const generated = '<generator>https://wordpress.org/?v=6.4.2</generator>';
  expect((await parseFeed(wordPress(generated), { baseUrl: 'https://ngo.example/feed/' })).olderPage).toBe('https://ngo.example/feed/?paged=2');
  expect((await parseFeed(wordPress(generated), { baseUrl: 'https://ngo.example/feed/?lang=fr&paged=2' })).olderPage).toBe(
    'https://ngo.example/feed/?lang=fr&paged=3',
  );
  expect((await parseFeed(wordPress('<generator>http://wordpress.com/</generator>'), { baseUrl: 'https://blog.example/feed/' })).olderPage).toBe(
    'https://blog.example/feed/?paged=2',
  );
  // a link the feed names comes first; another generator, or no address to page, gives none
  const linked = utf8(
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>NGO</title>${generated}<atom:link rel="next" href="https://ngo.example/feed/page/2/"/></channel></rss>`,
  );
  expect((await parseFeed(linked, { baseUrl: 'https://ngo.example/feed/' })).olderPage).toBe('https://ngo.example/feed/page/2/');
  expect((await parseFeed(wordPress('<generator>Drupal 10</generator>'), { baseUrl: 'https://ngo.example/feed/' })).olderPage).toBeNull();
  expect((await parseFeed(wordPress(generated))).olderPage).toBeNull();
  expect((await parseFeed(wordPress(generated), { baseUrl: 'https://ngo.example/feed/?paged=x' })).olderPage).toBeNull();
  const atom = utf8(
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>NGO</title><generator uri="https://wordpress.org/" version="6.4">WordPress</generator><entry><id>a</id></entry></feed>`,
  );
  expect((await parseFeed(atom, { baseUrl: 'https://ngo.example/feed/atom/' })).olderPage).toBe('https://ngo.example/feed/atom/?paged=2');
});

test('a WordPress feed whose generator was removed is known by its post ids or its WordPress.com additions, and paged all the same', async () => {
  const rss = (channel: string, ...guids: string[]) =>
    utf8(
      `<rss version="2.0"><channel><title>NGO</title>${channel}${guids.map((guid, n) => `<item><title>Post ${n}</title><guid isPermaLink="false">${guid}</guid></item>`).join('')}</channel></rss>`,
    );
  const olderPage = async (document: Uint8Array, baseUrl = 'https://ngo.example/feed/') => (await parseFeed(document, { baseUrl })).olderPage;
  expect(await olderPage(rss('', 'https://ngo.example/?p=36646', 'https://www.ngo.example/?p=36644'))).toBe('https://ngo.example/feed/?paged=2');
  // WordPress in a folder of its site
  expect(await olderPage(rss('', 'https://ngo.example/blog/?p=7'), 'https://ngo.example/blog/feed/')).toBe('https://ngo.example/blog/feed/?paged=2');
  expect(await olderPage(rss('<site xmlns="com-wordpress:feed-additions:1">117274175</site>', 'post-1'))).toBe('https://ngo.example/feed/?paged=2');
  // not when one id is of another kind, nor when the posts are another host's: a proxy
  // (FeedBurner) or a planet of blogs serves no pages of its own
  expect(await olderPage(rss('', 'https://ngo.example/?p=1', 'https://ngo.example/2026/11/a-post/'))).toBeNull();
  expect(await olderPage(rss('', 'https://ngo.example/?p=1'), 'https://feeds.feedburner.com/ngo')).toBeNull();
  expect(await olderPage(rss('', 'https://one.example/?p=1', 'https://two.example/?p=2'), 'https://planet.example/rss')).toBeNull();
  expect(await olderPage(rss('', 'https://ngo.example/?page=1'))).toBeNull();
  expect(await olderPage(rss('', 'https://ngo example/?p=1'))).toBeNull();
  // a site on a port of its own, or with a name in another script
  expect(await olderPage(rss('', 'http://ngo.example:8080/?p=3'), 'http://ngo.example:8080/feed/')).toBe('http://ngo.example:8080/feed/?paged=2');
  expect(await olderPage(rss('', 'https://bürgerrechte.example/?p=3'), 'https://xn--brgerrechte-thb.example/feed/')).toBe(
    'https://xn--brgerrechte-thb.example/feed/?paged=2',
  );
  expect(await olderPage(rss(''))).toBeNull();
  expect(await olderPage(rss('<site xmlns="urn:other">1</site>', 'post-1'))).toBeNull();
  const atom = utf8(`<feed xmlns="http://www.w3.org/2005/Atom"><title>NGO</title><entry><id>http://ngo.example/?p=12</id><title>A</title></entry></feed>`);
  expect(await olderPage(atom, 'https://ngo.example/feed/atom/')).toBe('https://ngo.example/feed/atom/?paged=2');
});
