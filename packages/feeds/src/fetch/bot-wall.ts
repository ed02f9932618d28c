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

const BOT_WALL_MESSAGE_START = "the site's bot protection (";

/** What to tell the user of a page from a bot protection. */
export function botWallMessage(name: string): string {
  return `${BOT_WALL_MESSAGE_START}${name}) answered with a challenge for browsers instead of the feed; ask the publisher to let feed readers through, or use another address for the feed`;
}

/** Whether a fetch's error is one botWallMessage wrote (fetchFeed's for a challenge page). */
export function isBotWallMessage(message: string): boolean {
  return message.startsWith(BOT_WALL_MESSAGE_START);
}

/** Hosts of the consent pages publishers send visitors without their cookies to. */
const CONSENT_HOSTS = /^(?:consent\.|guce\.yahoo\.|myprivacy\.dpgmedia\.|cmp\.|cookiewall\.|privacy-gate\.)/i;
const CONSENT_PATHS = /\/(?:collect-?consent|cookie-?consent|consent|cookie-?wall|privacy-gate|gdpr-consent)(?:[/?.]|$)/i;

/**
 * The host of the cookie-consent page a redirect ended on instead of the feed (European
 * publishers send a visitor without their cookies there: `consent.yahoo.com`,
 * `myprivacy.dpgmedia.nl`, `/cookiewall?…`), or null for any other address.
 * @example consentWallOf('https://consent.yahoo.com/v2/collectConsent?sessionId=3') // 'consent.yahoo.com'
 */
export function consentWallOf(finalUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(finalUrl);
  } catch {
    return null;
  }
  return CONSENT_HOSTS.test(url.hostname) || CONSENT_PATHS.test(url.pathname) ? url.hostname : null;
}

/** What to tell the user of a feed that was sent to a consent page. */
export function consentWallMessage(host: string): string {
  return `the site sent the feed reader to its cookie-consent page (${host}) instead of the feed, and a feed reader cannot consent; ask the publisher to exempt its feeds, or use another address for the feed`;
}
