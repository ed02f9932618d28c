import { expect, test } from 'vitest';
import { feedAddress } from './feed-address.ts';

test('a bare host or path gets https://; a full http(s) address stays as typed', () => {
  expect(feedAddress('eff.org')).toBe('https://eff.org/');
  expect(feedAddress('  www.gov.uk/government/feed  ')).toBe('https://www.gov.uk/government/feed');
  expect(feedAddress('netzpolitik.org:8443/feed/?lang=de')).toBe('https://netzpolitik.org:8443/feed/?lang=de');
  expect(feedAddress('//cnil.fr/fr/rss.xml')).toBe('https://cnil.fr/fr/rss.xml');
  expect(feedAddress('http://regulator.example/news.rss')).toBe('http://regulator.example/news.rss');
  expect(feedAddress('HTTPS://Example.ORG/Feed')).toBe('https://example.org/Feed');
  expect(feedAddress('bundesnetzagentur.de')).toBe('https://bundesnetzagentur.de/');
});

test('anything that cannot be an http(s) address is refused', () => {
  for (const typed of ['', '   ', 'javascript:alert(1)', 'ftp://files.example/feed', 'file:///etc/passwd', 'localhost', 'eff org', 'mailto:a@b.example', 'data:text/html,x']) {
    expect(feedAddress(typed), typed).toBeNull();
  }
});
