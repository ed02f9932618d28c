import { expect, test } from 'vitest';
import { recoverXml } from './recover-xml.ts';
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
