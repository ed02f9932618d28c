import { expect, test } from 'vitest';
import { OpmlError, readOpml, writeOpml } from './opml.ts';

const list = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Policy team</title></head><body>
  <outline text="Regulators">
    <outline type="rss" text="CNIL" title="CNIL – Actualités" xmlUrl="https://www.cnil.fr/fr/rss.xml"/>
    <outline type="rss" text="FTC" xmlUrl="https://www.ftc.gov/feeds/press-release.xml"/>
  </outline>
  <outline type="rss" text="EFF" xmlUrl="https://www.eff.org/rss/updates.xml"/>
  <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="EFF again" xmlUrl="https://www.eff.org/rss/updates.xml"/>
</body></opml>`;

test('nested folders are flattened into categories, and bad or repeated URLs are reported', () => {
  const { feeds, skipped } = readOpml(list);
  expect(feeds).toEqual([
    { url: 'https://www.cnil.fr/fr/rss.xml', title: 'CNIL – Actualités', category: 'Regulators' },
    { url: 'https://www.ftc.gov/feeds/press-release.xml', title: 'FTC', category: 'Regulators' },
    { url: 'https://www.eff.org/rss/updates.xml', title: 'EFF', category: null },
  ]);
  expect(skipped).toEqual([
    { url: 'file:///etc/passwd', reason: 'not an http(s) URL' },
    { url: 'https://www.eff.org/rss/updates.xml', reason: 'listed twice' },
  ]);
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
