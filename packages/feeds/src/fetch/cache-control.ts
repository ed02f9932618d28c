/**
 * The max-age directive of a Cache-Control header, in seconds, or null when there is none.
 * `no-store` and `no-cache` count as 0: the publisher wants every poll to revalidate.
 * Example: parseMaxAge('public, max-age=600') === 600.
 */
export function parseMaxAge(cacheControl: string | null | undefined): number | null {
  if (!cacheControl) return null;
  let maxAge: number | null = null;
  let noCache = false;
  for (const directive of cacheControl.split(',')) {
    const [rawName = '', ...rest] = directive.split('=');
    const name = rawName.trim().toLowerCase();
    const argument = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (name === 'no-store' || name === 'no-cache') noCache = true;
    else if (name === 'max-age' && /^\d+$/.test(argument) && maxAge === null) maxAge = Number(argument);
  }
  return noCache ? 0 : maxAge;
}
