import { expect, test } from 'vitest';
import { FeedParseError } from './parsed-feed.ts';
import { normaliseEntities, stripDoctype } from './xml-entities.ts';

test('HTML entities become numeric references, XML ones stay', () => {
  expect(normaliseEntities('caf&eacute; &minus; &amp; &lt; &#38; &#x26;')).toBe('caf&#233; &#8722; &amp; &lt; &#38; &#38;');
});

test('bare ampersands and unknown entities are escaped; CDATA and comments are left alone', () => {
  expect(normaliseEntities('a=1&b=2 & &bogus; <![CDATA[&nbsp; & ]]><!-- & -->')).toBe('a=1&amp;b=2 &amp; &amp;bogus; <![CDATA[&nbsp; & ]]><!-- & -->');
});

test('an uppercase hexadecimal marker and invalid code points are made valid', () => {
  expect(normaliseEntities('&#X61; &#0; &#xD800;')).toBe('&#97; &#65533; &#65533;');
});

test('entities declared in the DOCTYPE are expanded and the DOCTYPE removed', () => {
  const { xml, entities } = stripDoctype('<!DOCTYPE rss [<!ENTITY who "the &quot;Commission&quot;"><!ENTITY both "&who; and &who;">]><rss><title>&both;</title></rss>');
  expect(xml).toBe('<rss><title>&both;</title></rss>');
  expect(normaliseEntities(xml, entities)).toBe('<rss><title>the &quot;Commission&quot; and the &quot;Commission&quot;</title></rss>');
});

test('external entities are never fetched: they expand to nothing', () => {
  const { xml, entities } = stripDoctype('<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]><rss><title>[&secret;]</title></rss>');
  expect(normaliseEntities(xml, entities)).toBe('<rss><title>[]</title></rss>');
});

test('a billion laughs is refused quickly instead of expanded', () => {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const { xml, entities } = stripDoctype(`<!DOCTYPE lolz [${levels.join('')}]><rss><title>&lol9;</title></rss>`);
  const started = performance.now();
  expect(() => normaliseEntities(xml, entities)).toThrow(FeedParseError);
  expect(performance.now() - started).toBeLessThan(2000);
});

test('entities of empty text referring to each other many times over are expanded once each, not once per path', () => {
  // 40 references at each of 7 levels: 40^7 expansions if each reference were expanded anew
  const levels = ['<!ENTITY e0 "">'];
  for (let i = 1; i <= 7; i++) levels.push(`<!ENTITY e${i} "${`&e${i - 1};`.repeat(40)}">`);
  const { xml, entities } = stripDoctype(`<!DOCTYPE rss [${levels.join('')}]><rss><title>a&e7;b&e7;c</title></rss>`);
  expect(normaliseEntities(xml, entities)).toBe('<rss><title>abc</title></rss>');
});

test('a document referring to its entities more times than the limit is refused', () => {
  const { xml, entities } = stripDoctype('<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><r>&b;&b;</r>');
  const limits = { maxDepth: 8, maxExpandedLength: 1000, maxReferences: 4 };
  expect(normaliseEntities(xml, entities, limits)).toBe('<r>xxxx</r>');
  expect(() => normaliseEntities(`${xml}&a;&a;`, entities, limits)).toThrow(/more than 4 times/);
});

test('entities referring to themselves are refused', () => {
  const { xml, entities } = stripDoctype('<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><r>&a;</r>');
  expect(() => normaliseEntities(xml, entities)).toThrow(/refers to itself|nests too deeply/);
});

test('"<!DOCTYPE" inside the document is text, not a DOCTYPE', () => {
  const source = '<rss><item><description><![CDATA[ <!DOCTYPE ]]></description></item></rss>';
  expect(stripDoctype(source).xml).toBe(source);
});
