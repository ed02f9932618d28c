import { expect, test } from 'vitest';
import { detectFeedFormat, rootElementName } from './detect-format.ts';
import { FeedParseError } from './parsed-feed.ts';

test.each([
  ['<?xml version="1.0"?>\n<!-- c --><rss version="2.0"><channel/></rss>', 'rss', 'rss'],
  ['\n\n<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"/>', 'rdf', 'rdf:RDF'],
  ['<!DOCTYPE feed [<!ENTITY a "b">]><feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom', 'feed'],
  ['<a:feed xmlns:a="http://www.w3.org/2005/Atom"></a:feed>', 'atom', 'a:feed'],
  ['<CHANNEL HREF="http://x/"></CHANNEL>', 'cdf', 'CHANNEL'],
  [' {"version": "https://jsonfeed.org/version/1.1", "items": []}', 'json', null],
])('%s', (text, format, root) => {
  expect(detectFeedFormat(text)).toEqual({ format, rootElement: root });
});

test('an HTML page is not a feed', () => {
  expect(() => detectFeedFormat('<!DOCTYPE html>\n<html><head><title>Home</title></head></html>')).toThrow(FeedParseError);
  expect(() => detectFeedFormat('<html><body>Not found</body></html>')).toThrow(/HTML page/);
});

test('garbage, empty documents and other XML are not feeds', () => {
  expect(() => detectFeedFormat('\u0000\u0001garbage bytes')).toThrow(/neither XML nor JSON/);
  expect(() => detectFeedFormat('   ')).toThrow(/empty/);
  expect(() => detectFeedFormat('<svg xmlns="http://www.w3.org/2000/svg"/>')).toThrow(/unexpected root element <svg>/);
});

test('rootElementName skips the prolog', () => {
  expect(rootElementName('<?xml-stylesheet href="x"?><!--<fake>--><rss>')).toBe('rss');
  expect(rootElementName('<!-- unterminated')).toBeNull();
});
