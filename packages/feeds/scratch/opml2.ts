import { readOpml } from '../src/index.ts';
const body = '<opml version="1.0"><head><title>x</title></head><body><outline type="rss" xmlUrl="http://example.org/f?a=1&amp;b=2" text="A&nbsp;B &eacute;"/></body></opml>';
for (const [name, text] of Object.entries({
  doctype: '<?xml version="1.0"?><!DOCTYPE opml>' + body.replace('&nbsp;', ' ').replace('&eacute;', 'e'),
  htmlEntities: body,
  unescapedAmp: body.replace('&amp;', '&').replace('&nbsp;', ' ').replace('&eacute;', 'e'),
  noVersion: body.replace(' version="1.0"', '').replace('&nbsp;', ' ').replace('&eacute;', 'e'),
  noHead: '<opml version="2.0"><body><outline xmlUrl="http://example.org/f" text="x"/></body></opml>',
  upperCase: '<OPML version="2.0"><BODY><OUTLINE xmlUrl="http://example.org/f" text="x"/></BODY></OPML>',
  xmlurlLower: '<opml version="2.0"><body><outline xmlurl="http://example.org/f" text="x"/></body></opml>',
  rssUrl: '<opml version="2.0"><body><outline url="http://example.org/f" type="rss" text="x"/></body></opml>',
  trailingJunk: '<opml version="2.0"><body><outline xmlUrl="http://example.org/f" text="x"/></body></opml>\n<!-- x --> junk',
})) {
  try { console.log(name.padEnd(14), JSON.stringify(readOpml(text))); } catch (e) { console.log(name.padEnd(14), 'ERR', (e as Error).message); }
}
