import { readOpml } from '../src/index.ts';
const head = '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>';
const tail = '</body></opml>';
const cases: Record<string, string> = {
  deep: head + '<outline text="a">'.repeat(100000) + '<outline type="rss" xmlUrl="http://example.org/f" text="f"/>' + '</outline>'.repeat(100000) + tail,
  many: head + Array.from({ length: 200000 }, (_, i) => `<outline type="rss" xmlUrl="http://example.org/${i}" text="f${i}"/>`).join('') + tail,
  laughs: '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><opml version="2.0"><head/><body><outline type="rss" xmlUrl="http://example.org/f" text="&lol9;"/></body></opml>',
  xxe: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><opml version="2.0"><head/><body><outline type="rss" xmlUrl="http://example.org/f" text="&e;"/></body></opml>',
  javascriptUrl: head + '<outline type="rss" xmlUrl="javascript:alert(1)" text="x"/><outline type="rss" xmlUrl="file:///etc/passwd" text="y"/><outline type="rss" xmlUrl="  http://example.org/ok  " text="z" htmlUrl="javascript:alert(2)"/>' + tail,
  dupes: head + '<outline type="rss" xmlUrl="http://example.org/f" text="a"/><outline type="rss" xmlUrl="http://EXAMPLE.org/f" text="b"/><outline type="rss" xmlUrl="http://example.org/f" text="c"/>' + tail,
  notOpml: '<html><body>hi</body></html>',
  empty: '',
  utf16: '\ufeff' + head + '<outline type="rss" xmlUrl="http://example.org/é" text="é"/>' + tail,
};
for (const [name, text] of Object.entries(cases)) {
  const t0 = performance.now();
  try {
    const input = name === 'utf16' ? Buffer.from(text, 'utf16le') : text;
    const r = readOpml(input);
    console.log(name.padEnd(14), 'OK', `${(performance.now() - t0).toFixed(0)}ms`, JSON.stringify(r).slice(0, 300));
  } catch (e) { console.log(name.padEnd(14), 'ERR', (e as Error).constructor.name, (e as Error).message.slice(0, 200), `${(performance.now() - t0).toFixed(0)}ms`); }
}
