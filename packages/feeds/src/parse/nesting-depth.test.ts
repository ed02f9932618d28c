import { expect, test } from 'vitest';
import { parseFeed } from './parse-feed.ts';
import { FeedParseError } from './parsed-feed.ts';
import { assertReadableNesting, MAX_NESTING } from './nesting-depth.ts';

const rss = (description: string) => `<rss version="2.0"><channel><title>x</title><item><title>t</title><description>${description}</description></item></channel></rss>`;

test('a document nesting its elements thousands deep is refused as unreadable, well-formed or not', async () => {
  // well-formed, it overflowed the call stack of the tree's readers (a RangeError, taken for the worker's crash)
  await expect(parseFeed(rss('<b>'.repeat(50_000) + 'x' + '</b>'.repeat(50_000)))).rejects.toThrow(
    new FeedParseError('invalid feed: elements nested too deep to read'),
  );
  // unclosed, it took the lenient reader quadratic time, as it did a CDF channel
  await expect(parseFeed(rss('<b>'.repeat(50_000)))).rejects.toThrow(new FeedParseError(`invalid feed XML: elements nested more than ${MAX_NESTING} deep`));
  await expect(parseFeed(`<CHANNEL HREF="https://a.example/"><TITLE>x</TITLE><ITEM HREF="https://a.example/1"><ABSTRACT>${'<b>'.repeat(50_000)}</ABSTRACT></ITEM></CHANNEL>`)).rejects.toThrow(
    new FeedParseError(`invalid feed XML: elements nested more than ${MAX_NESTING} deep`),
  );
});

test('what feeds really carry is not counted as depth: CDATA, comments, void elements, HTML left unclosed inside an element', () => {
  const many = (unit: string) => unit.repeat(MAX_NESTING * 2);
  for (const xml of [
    rss(`<![CDATA[${many('<p>')}]]>`),
    rss(`<!-- ${many('<div>')} -->`),
    rss(many('<br>') + many('<img src="x">') + many('<hr/>')),
    // unescaped HTML with unclosed paragraphs, item after item: each description closes its own
    `<rss version="2.0"><channel>${Array.from({ length: 200 }, () => `<item><description>${'<p>'.repeat(20)}text</description></item>`).join('')}</channel></rss>`,
  ]) {
    expect(() => assertReadableNesting(xml)).not.toThrow();
  }
});

test('a tag name millions of characters long, never closed, is read in one pass', () => {
  // the tag pattern tried every shorter name on it: 20 s for these 300,000 characters
  expect(() => assertReadableNesting(`<rss><channel><${'a'.repeat(300_000)} <item><title>x</title></item></channel></rss>`)).not.toThrow();
}, 5_000);
