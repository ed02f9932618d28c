// Sites behind bot protection answer a feed reader with a challenge page meant for a browser
// (often with 403 or 503, sometimes with 200). No retry gets past it; the user needs to know
// that it is the site's protection, not a broken feed.

const WALLS: [name: string, marks: RegExp][] = [
  ['Cloudflare', /<title>\s*(?:Just a moment\.\.\.|Attention Required! \| Cloudflare)|challenges\.cloudflare\.com|cf_chl_opt|cf-browser-verification/i],
  ['DDoS-Guard', /<title>\s*DDoS-Guard|ddos-guard\.net\/|__ddg\d*_/i],
  ['Sucuri', /Sucuri WebSite Firewall|sucuri\.net\/privacy-policy/i],
  ['Imperva', /Incapsula incident ID|_Incapsula_Resource/i],
  ['Akamai', /errors\.edgesuite\.net|<title>\s*Access Denied\s*<\/title>[\s\S]{0,400}Reference #[\d.a-f]+/i],
  ['Vercel', /Vercel Security Checkpoint/i],
];

/**
 * The bot protection whose challenge page `body` is ("Cloudflare"), or null.
 * @example botWallOf('<!DOCTYPE html><html><head><title>Just a moment...</title>') // 'Cloudflare'
 */
export function botWallOf(body: Uint8Array | string | null | undefined): string | null {
  if (!body || body.length === 0) return null;
  // the marks are near the top of the page, in ASCII
  const head = typeof body === 'string' ? body.slice(0, 16_384) : Buffer.from(body.subarray(0, 16_384)).toString('latin1');
  for (const [name, marks] of WALLS) if (marks.test(head)) return name;
  return null;
}

/** What to tell the user of a page from a bot protection. */
export function botWallMessage(name: string): string {
  return `the site's bot protection (${name}) answered with a challenge for browsers instead of the feed; ask the publisher to let feed readers through, or use another address for the feed`;
}
