import { expect, test } from 'vitest';
import { feedAddress, feedAddresses, feedUrlKey } from './feed-address.ts';

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

test('addresses of one feed share a key: scheme, www., case of the host, default port, trailing slash and fragment aside', () => {
  const key = feedUrlKey('https://eff.org/rss/updates.xml');
  for (const same of ['http://www.eff.org/rss/updates.xml', 'https://EFF.org/rss/updates.xml/', 'https://eff.org:443/rss/updates.xml#top', 'http://eff.org:80/rss/updates.xml']) {
    expect(feedUrlKey(same), same).toBe(key);
  }
  // another path, query, port or subdomain is another feed
  for (const other of ['https://eff.org/rss/Updates.xml', 'https://eff.org/rss/updates.xml?lang=fr', 'https://eff.org:8443/rss/updates.xml', 'https://blog.eff.org/rss/updates.xml']) {
    expect(feedUrlKey(other), other).not.toBe(key);
  }
  expect(feedUrlKey('https://www.eff.org')).toBe(feedUrlKey('https://eff.org/'));
});

test('a pasted list gives each address once, in order, and the parts that are none', () => {
  expect(feedAddresses('eff.org\nhttps://www.eff.org/  cnil.fr/fr/rss.xml\tftp://files.example/feed, javascript:alert(1)')).toEqual({
    addresses: ['https://eff.org/', 'https://cnil.fr/fr/rss.xml'],
    refused: ['ftp://files.example/feed,', 'javascript:alert(1)'],
  });
  expect(feedAddresses('  ')).toEqual({ addresses: [], refused: [] });
});
