import { expect, test } from 'vitest';
import { botWallOf } from './bot-wall.ts';

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
