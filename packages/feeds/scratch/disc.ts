import { announcedFeeds } from '../src/index.ts';
const page = (links: string) => Buffer.from(`<!doctype html><html><head>${links}</head><body>x</body></html>`);
const cases: Record<string, Buffer> = {
  many: page(Array.from({ length: 100000 }, (_, i) => `<link rel="alternate" type="application/rss+xml" href="/f${i}.xml">`).join('')),
  js: page('<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"><link rel="alternate" type="application/rss+xml" href="data:text/xml,<rss/>"><link rel="alternate" type="application/atom+xml" href="  /ok.xml  ">'),
  base: page('<base href="http://other.example/sub/"><link rel="alternate" type="application/rss+xml" href="feed.xml">'),
  baseJs: page('<base href="javascript:alert(1)//"><link rel="alternate" type="application/rss+xml" href="feed.xml">'),
  longHref: page(`<link rel="alternate" type="application/rss+xml" href="/${'a'.repeat(5000)}">`),
  entities: page('<link rel="alternate" type="application/rss+xml" href="/feed?a=1&amp;b=2" title="A &amp; B &#0; &#xD800;">'),
  relCase: page('<link REL="Alternate Feed" TYPE="Application/RSS+XML; charset=utf-8" HREF="/x.xml">'),
  inBody: Buffer.from('<html><body><link rel="alternate" type="application/rss+xml" href="/body.xml"><a href="/rss" rel="alternate" type="application/rss+xml">rss</a></body></html>'),
  utf16: Buffer.from('\ufeff<html><head><link rel="alternate" type="application/rss+xml" href="/é.xml"></head></html>', 'utf16le'),
};
for (const [name, body] of Object.entries(cases)) {
  const t0 = performance.now();
  try {
    const r = announcedFeeds(body, 'text/html', 'http://site.example/page/');
    console.log(name.padEnd(10), `${(performance.now() - t0).toFixed(0)}ms`, r === null ? 'null' : `${r.length}`, JSON.stringify(r?.slice(0, 3)).slice(0, 300));
  } catch (e) { console.log(name, 'ERR', (e as Error).message); }
}
