import { afterAll, expect, test } from 'vitest';
import { MAX_FEED_TITLE_LENGTH, MAX_FOLDER_LENGTH } from '@radar/core';
import { startTestServer, type TestServer } from '../fetch/test-server.ts';
import { exportOpml, OpmlError, readOpml, withIncludedLists, writeOpml } from './opml.ts';

const list = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Policy team</title></head><body>
  <outline text="Regulators">
    <outline type="rss" text="CNIL" title="CNIL – Actualités" xmlUrl="https://www.cnil.fr/fr/rss.xml"/>
    <outline type="rss" text="FTC" xmlUrl="https://www.ftc.gov/feeds/press-release.xml"/>
  </outline>
  <outline type="rss" text="EFF" xmlUrl="https://www.eff.org/rss/updates.xml"/>
  <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="EFF again" xmlUrl="https://www.eff.org/rss/updates.xml"/>
  <outline type="rss" text="EFF, spelt otherwise" xmlUrl="http://EFF.org/rss/updates.xml/"/>
</body></opml>`;

test('nested folders are flattened into categories, and bad or repeated URLs are reported', () => {
  const { feeds, skipped } = readOpml(list);
  expect(feeds).toEqual([
    { url: 'https://www.cnil.fr/fr/rss.xml', title: 'CNIL – Actualités', category: 'Regulators', userAgent: null },
    { url: 'https://www.ftc.gov/feeds/press-release.xml', title: 'FTC', category: 'Regulators', userAgent: null },
    { url: 'https://www.eff.org/rss/updates.xml', title: 'EFF', category: null, userAgent: null },
  ]);
  expect(skipped).toEqual([
    { url: 'file:///etc/passwd', reason: 'not an http(s) URL' },
    { url: 'https://www.eff.org/rss/updates.xml', reason: 'listed twice' },
    { url: 'http://EFF.org/rss/updates.xml/', reason: 'listed twice' },
  ]);
});

test('control characters in names, raw or as references, are dropped (PostgreSQL stores no U+0000)', () => {
  const { feeds } = readOpml(
    '<opml version="2.0"><body><outline text=" Regu\u0000lators&#x1; "><outline type="rss" text="EU\u0000 Commission&#x7;" xmlUrl="https://ec.example/feed"/></outline></body></opml>',
  );
  expect(feeds).toEqual([{ url: 'https://ec.example/feed', title: 'EU Commission', category: 'Regulators', userAgent: null }]);
});

test('names are kept as long as the dashboard allows, and an address too long to keep is skipped, saying why', () => {
  const longPath = 'p'.repeat(2_100);
  const { feeds, skipped } = readOpml(
    `<opml version="2.0"><body><outline text="${'F'.repeat(500)}">
      <outline type="rss" text="${'T'.repeat(5_000)}" xmlUrl="https://wire.example/feed"/>
      <outline type="rss" text="Too long" xmlUrl="https://wire.example/${longPath}"/>
    </outline></body></opml>`,
  );
  expect(feeds).toEqual([{ url: 'https://wire.example/feed', title: 'T'.repeat(MAX_FEED_TITLE_LENGTH), category: 'F'.repeat(MAX_FOLDER_LENGTH), userAgent: null }]);
  expect(skipped).toEqual([{ url: `https://wire.example/${longPath}`.slice(0, 100) + '…', reason: 'an address longer than 2048 bytes' }]);
});

test('an export reads back as the same feeds', () => {
  const { feeds } = readOpml(list);
  const written = writeOpml(feeds, 'Policy Radar feeds');
  expect(written).toContain('<opml version="2.0">');
  expect(readOpml(written).feeds).toEqual(feeds);
});

test('a document that is not OPML is refused with a clear error', () => {
  expect(() => readOpml('<rss version="2.0"><channel/></rss>')).toThrow(OpmlError);
  expect(() => readOpml('hello')).toThrow(/not an OPML document/);
});

test("a file's bytes are read in the encoding it declares, has a BOM for, or the HTTP charset names", () => {
  const declared = (encoding: string) =>
    `<?xml version="1.0" encoding="${encoding}"?><opml version="1.0"><body><outline text="Régulateurs"><outline type="rss" text="Société numérique" xmlUrl="https://example.org/société.xml"/></outline></body></opml>`;
  const expected = [{ url: 'https://example.org/société.xml', title: 'Société numérique', category: 'Régulateurs', userAgent: null }];
  expect(readOpml(Buffer.from(declared('windows-1252'), 'latin1')).feeds).toEqual(expected);
  expect(readOpml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(declared('UTF-16'), 'utf16le')])).feeds).toEqual(expected);
  // served as latin-1 without a declaration of its own
  const undeclared = declared('x').replace(' encoding="x"', '');
  expect(readOpml(Buffer.from(undeclared, 'latin1'), 'text/x-opml; charset=iso-8859-1').feeds).toEqual(expected);
  expect(readOpml(Buffer.from(undeclared, 'utf8')).feeds).toEqual(expected);
});

test("one folder's feeds export alone, titled after it; a folder no feed is in exports nothing", () => {
  const watched = [
    { url: 'https://www.cnil.fr/fr/rss.xml', title: 'CNIL', folder: 'Regulators' },
    { url: 'https://www.eff.org/rss/updates.xml', title: 'EFF', folder: null },
  ];
  const regulators = exportOpml(watched, 'Regulators')!;
  expect(readOpml(regulators).feeds).toEqual([{ url: 'https://www.cnil.fr/fr/rss.xml', title: 'CNIL', category: 'Regulators', userAgent: null }]);
  expect(regulators).toContain('<title>Policy Radar feeds: Regulators</title>');
  expect(readOpml(exportOpml(watched)!).feeds.map((feed) => feed.url)).toEqual(watched.map((feed) => feed.url));
  expect(exportOpml(watched, 'Courts')).toBeNull();
});

test("lists as other readers write them: a feed's address in url=, attribute names in any case, lists included by their address", () => {
  const { feeds, skipped, included } = readOpml(`<opml version="2.0"><body>
    <outline type="rss" text="Ofcom" url="https://www.ofcom.org.uk/feeds/news.xml"/>
    <outline type="Atom" text="noyb" url="https://noyb.eu/en/feed.atom"/>
    <outline text="ICO" xmlurl="https://ico.org.uk/feed/"/>
    <outline type="link" text="A regulator's home page" url="https://www.acm.nl/en"/>
    <outline type="include" text="The Brussels desk's list" url="https://desk.example/brussels.opml"/>
    <outline type="link" text="Courts" url="https://desk.example/courts.opml"/>
  </body></opml>`);
  expect(feeds).toEqual([
    { url: 'https://www.ofcom.org.uk/feeds/news.xml', title: 'Ofcom', category: null, userAgent: null },
    { url: 'https://noyb.eu/en/feed.atom', title: 'noyb', category: null, userAgent: null },
    { url: 'https://ico.org.uk/feed/', title: 'ICO', category: null, userAgent: null },
  ]);
  expect(included).toEqual([
    { url: 'https://desk.example/brussels.opml', category: "The Brussels desk's list" },
    { url: 'https://desk.example/courts.opml', category: 'Courts' },
  ]);
  expect(skipped).toEqual([]);
});

test("a feed's own User-Agent goes out in its outline and comes back; one the API would refuse is not taken", () => {
  const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36';
  const written = exportOpml([
    { url: 'https://ministry.example/notices.xml', title: 'Ministry', folder: 'Regulators', userAgent: browser },
    { url: 'https://www.eff.org/rss/updates.xml', title: 'EFF', folder: null, userAgent: null },
  ])!;
  expect(written).toContain(`userAgent="${browser}"`);
  expect(readOpml(written).feeds).toEqual([
    { url: 'https://ministry.example/notices.xml', title: 'Ministry', category: 'Regulators', userAgent: browser },
    { url: 'https://www.eff.org/rss/updates.xml', title: 'EFF', category: null, userAgent: null },
  ]);
  const refused = readOpml(`<opml version="2.0"><body>
    <outline type="rss" text="A" xmlUrl="https://a.example/feed" userAgent="Navigateur été"/>
    <outline type="rss" text="B" xmlUrl="https://b.example/feed" userAgent="${'x'.repeat(301)}"/>
    <outline type="rss" text="C" xmlUrl="https://c.example/feed" userAgent="  "/>
  </body></opml>`);
  expect(refused.feeds.map((feed) => feed.userAgent)).toEqual([null, null, null]);
});

const servers: TestServer[] = [];
afterAll(async () => Promise.all(servers.map((server) => server.close())));

test("a list's included lists are fetched and read into it, under the include's folder; what they include in turn, and what cannot be read, is reported", async () => {
  const lists: Record<string, string> = {
    '/brussels.opml': `<opml version="2.0"><body>
      <outline type="rss" text="EDPB" xmlUrl="https://edpb.example/feed"/>
      <outline text="Parliament"><outline type="rss" text="LIBE" xmlUrl="https://libe.example/feed"/></outline>
      <outline type="rss" text="Desk notes" xmlUrl="/feeds/notes.xml"/>
      <outline type="rss" text="EFF again" xmlUrl="https://www.eff.org/rss/updates.xml"/>
      <outline type="include" text="Deeper" url="https://desk.example/deeper.opml"/>
    </body></opml>`,
    '/not-a-list': '<html><body>moved</body></html>',
  };
  const server = await startTestServer((request, response) => {
    const list = lists[request.url ?? ''];
    response.writeHead(list ? 200 : 404, { 'content-type': 'text/x-opml' }).end(list ?? 'not found');
  });
  servers.push(server);
  const list = readOpml(`<opml version="2.0"><body>
    <outline type="rss" text="EFF" xmlUrl="https://www.eff.org/rss/updates.xml"/>
    <outline text="Desks">
      <outline type="include" text="Brussels desk" url="${server.url}/brussels.opml"/>
      <outline type="include" text="Gone" url="${server.url}/gone.opml"/>
      <outline type="include" text="Moved" url="${server.url}/not-a-list"/>
    </outline>
  </body></opml>`);
  const { feeds, skipped, included } = await withIncludedLists(list, { allowPrivateAddresses: true });
  expect(feeds).toEqual([
    { url: 'https://www.eff.org/rss/updates.xml', title: 'EFF', category: null, userAgent: null },
    { url: 'https://edpb.example/feed', title: 'EDPB', category: 'Brussels desk', userAgent: null },
    { url: 'https://libe.example/feed', title: 'LIBE', category: 'Parliament', userAgent: null },
    // an address relative to the list's own
    { url: `${server.url}/feeds/notes.xml`, title: 'Desk notes', category: 'Brussels desk', userAgent: null },
  ]);
  expect(skipped).toEqual([
    { url: 'https://www.eff.org/rss/updates.xml', reason: 'listed twice' },
    { url: 'https://desk.example/deeper.opml', reason: 'a list included by an included list, not read: import it on its own' },
    { url: `${server.url}/gone.opml`, reason: expect.stringMatching(/^an included list that could not be read: .*404/) },
    { url: `${server.url}/not-a-list`, reason: expect.stringMatching(/^an included list that could not be read: not an OPML document/) },
  ]);
  expect(included).toEqual([]);
  // a file has no address of its own to read a relative one against
  expect(readOpml(lists['/brussels.opml']!).skipped).toEqual([{ url: '/feeds/notes.xml', reason: 'not an http(s) URL' }]);
  // the rule on private addresses holds for included lists as for any fetch
  const refused = await withIncludedLists(list);
  expect(refused.feeds).toHaveLength(1);
  expect(refused.skipped.map((entry) => entry.reason)).toEqual(Array(3).fill(expect.stringMatching(/^an included list that could not be read: .*refused/)));
});
