import { expect, test } from 'vitest';
import { botWallOf, consentWallOf } from './bot-wall.ts';

const cloudflare = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390">
  <script>(function(){window._cf_chl_opt={cvId: '3',cZone: "news.example"}})();</script></head><body></body></html>`;

test('the challenge pages of bot protections are recognised', () => {
  expect(botWallOf(cloudflare)).toBe('Cloudflare');
  expect(botWallOf(Buffer.from(cloudflare))).toBe('Cloudflare');
  expect(botWallOf('<html><head><title>Attention Required! | Cloudflare</title></head></html>')).toBe('Cloudflare');
  expect(botWallOf('<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body>Checking your browser</body></html>')).toBe('DDoS-Guard');
  expect(botWallOf('<html><body>Request unsuccessful. Incapsula incident ID: 123-456</body></html>')).toBe('Imperva');
  expect(botWallOf('<html><head><title>Access Denied</title></head><body>You don\'t have permission. Reference #18.4f2c1002.1700000000.1a2b3c</body></html>')).toBe('Akamai');
});

test('ordinary pages and feeds are no wall', () => {
  for (const body of [
    '<!DOCTYPE html><html><head><title>Ministry of Digital Affairs</title></head><body>News</body></html>',
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Just a moment with the minister</title></channel></rss>',
    '',
    null,
  ]) {
    expect(botWallOf(body)).toBeNull();
  }
});

test("publishers' cookie-consent pages are recognised by their address; feeds and articles are not", () => {
  expect(consentWallOf('https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session_1')).toBe('consent.yahoo.com');
  expect(consentWallOf('https://guce.yahoo.com/consent?brandType=nonEu')).toBe('guce.yahoo.com');
  expect(consentWallOf('https://myprivacy.dpgmedia.nl/consent?siteKey=abc&callbackUrl=https%3A%2F%2Fwww.volkskrant.nl%2Frss.xml')).toBe('myprivacy.dpgmedia.nl');
  expect(consentWallOf('https://consent.google.com/ml?continue=https://news.google.com/rss')).toBe('consent.google.com');
  expect(consentWallOf('https://www.publisher.example/cookiewall?returnUrl=%2Frss')).toBe('www.publisher.example');
  for (const address of [
    'https://news.example/rss.xml',
    'https://news.example/2026/11/30/consent-decree-for-a-platform',
    'https://www.consentmanager.example/feed/',
    'not an address',
  ]) {
    expect(consentWallOf(address), address).toBeNull();
  }
});
