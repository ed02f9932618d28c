import { expect, test } from 'vitest';
import { parseFeed } from './parse-feed.ts';
import { closeVoidElements, recoverXml } from './recover-xml.ts';
import { parseRssAtomXml } from './rss-atom.ts';

test('bare ampersands, unclosed elements and a truncated end become well-formed XML', async () => {
  const broken = '<rss version="2.0"><channel><title>A & B</title><item><title>One<b>bold</title><link>http://x/?a=1&b=2</link></item><item><title>Two</title></item></channel></rs';
  await expect(parseRssAtomXml(broken, 'rss')).rejects.toThrow();
  const document = await parseRssAtomXml(recoverXml(broken), 'rss');
  expect(document.items).toHaveLength(2);
  expect(document.channel.title).toEqual(['A & B']);
});

test('CDATA, attributes and element case survive recovery', () => {
  const recovered = recoverXml('<rdf:RDF><item rdf:about="http://x/1"><description><![CDATA[<p>a & b</p>]]></description><pubDate>x</pubDate></item>');
  expect(recovered).toContain('<rdf:RDF>');
  expect(recovered).toContain('rdf:about="http://x/1"');
  expect(recovered).toContain('<![CDATA[<p>a & b</p>]]>');
  expect(recovered).toContain('<pubDate>');
});

test("HTML's void elements left unclosed are read as closed, outside CDATA and comments; RSS's <link> and <source> keep their content", () => {
  expect(closeVoidElements('<d>a<br>b<BR class="x">c<img src=x alt="a>b"><hr/><br :x></d>')).toBe('<d>a<br />b<BR class="x" />c<img src=x alt="a>b" /><hr/><br :x /></d>');
  expect(closeVoidElements('<d><![CDATA[a<br>b]]><!-- <br> --><link>https://x/</link><source url="https://s/">S</source><brand>x</brand></d>')).toBe(
    '<d><![CDATA[a<br>b]]><!-- <br> --><link>https://x/</link><source url="https://s/">S</source><brand>x</brand></d>',
  );
  // a CDATA section never closed leaves the rest as it is
  expect(closeVoidElements('<d><![CDATA[a<br>b')).toBe('<d><![CDATA[a<br>b');
});

test('a description of 100,000 unescaped <br> in a broken feed is read, its items whole', async () => {
  // in XML each <br> held the next open: seconds of the lenient reader, then a stack overflow
  const broken = `<rss version="2.0"><channel><title>A & B</title><item><title>One</title><description>x${'<br>'.repeat(100_000)}y</description></item><item><title>Two</title><link>https://example.org/2</link></item></channel></rss>`;
  const feed = await parseFeed(broken);
  expect(feed.items.map((item) => [item.title, item.summary?.replace(/\s+/g, '')])).toEqual([
    ['One', 'xy'],
    ['Two', undefined],
  ]);
}, 10_000);
