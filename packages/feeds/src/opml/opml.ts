import { generateOpml, parseOpml } from 'feedsmith';
import { feedUrlKey, FeedUserAgentSchema, fitsUrlLimit, MAX_FEED_TITLE_LENGTH, MAX_FOLDER_LENGTH, MAX_URL_BYTES } from '@radar/core';
import { decodeFeedBytes } from '../parse/decode-bytes.ts';
import { withoutForbiddenCharacters } from '../parse/forbidden-characters.ts';
import { assertSuccessfulResponse } from '../fetch/response-classification.ts';
import { safeFetch } from '../fetch/safe-fetch.ts';

/** One feed of an OPML subscription list. */
export interface OpmlFeed {
  url: string;
  title: string | null;
  /** The folder the feed sat in, e.g. "Regulators". */
  category: string | null;
  /** The User-Agent the feed is read with, where the list says (see USER_AGENT_ATTRIBUTE). */
  userAgent: string | null;
}

/**
 * The outline attribute a feed's own User-Agent goes out in and comes back from (OPML lets an
 * outline carry attributes of its own), so a feed read as a browser is still read so after a
 * move to another installation. A value the API would refuse is not taken.
 */
const USER_AGENT_ATTRIBUTE = 'userAgent';
const EXTRA_ATTRIBUTES = { extraOutlineAttributes: [USER_AGENT_ATTRIBUTE] as const };

export interface OpmlReadResult {
  feeds: OpmlFeed[];
  /** Outlines that could not become feeds, and why. */
  skipped: { url: string; reason: string }[];
  /** Other lists it includes by their address, with the folder each sits in (see withIncludedLists). */
  included: { url: string; category: string | null }[];
}

export class OpmlError extends Error {
  override name = 'OpmlError';
}

interface Outline {
  text: string;
  title?: string;
  type?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  url?: string;
  userAgent?: string;
  outlines?: Outline[];
}

/**
 * The feed address of an outline: its xmlUrl, or, for an outline typed as a feed, its `url`,
 * where some readers write it.
 */
function feedAddressOf(outline: Outline): string | undefined {
  const type = typeOf(outline);
  return outline.xmlUrl?.trim() || (type === 'rss' || type === 'atom' ? outline.url?.trim() : undefined) || undefined;
}

/** An outline that includes another list by its address (OPML 2.0's type="include"). */
function includedListOf(outline: Outline): string | undefined {
  const type = typeOf(outline);
  return type === 'include' || (type === 'link' && /\.opml(?:$|[?#])/i.test(outline.url ?? '')) ? outline.url?.trim() : undefined;
}

const typeOf = (outline: Outline): string | undefined => outline.type?.trim().toLowerCase();

/**
 * An outline's name as kept: without the characters XML forbids, trimmed, no longer than a
 * name typed in the dashboard may be; blank gives null.
 */
const nameOf = (value: string | undefined, longest: number): string | null => withoutForbiddenCharacters(value ?? '').trim().slice(0, longest).trim() || null;

/** The folder an outline makes of what it holds: its name, or else the folder it sits in. */
const folderOf = (outline: Outline, around: string | null): string | null =>
  nameOf(outline.title, MAX_FOLDER_LENGTH) ?? nameOf(outline.text, MAX_FOLDER_LENGTH) ?? around;

/** An address as written, or resolved against the list's own when it is relative and the list has one. */
function addressFrom(written: string | undefined, listUrl: string | undefined): string | undefined {
  if (!written || !listUrl) return written;
  try {
    return new URL(written, listUrl).href;
  } catch {
    return written;
  }
}

/** Whether a feed (by feedUrlKey: the same feed spelt otherwise is the same) was listed already; it is from now on. */
function listedBefore(seen: Set<string>, url: string): boolean {
  const key = feedUrlKey(url);
  if (seen.has(key)) return true;
  seen.add(key);
  return false;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Reads an OPML subscription list (nested folders flattened), keeping each http(s) feed once
 * (by feedUrlKey); a relative address, a feed's or an included list's, is read against `listUrl`,
 * the list's own.
 * Bytes are decoded as a feed's are: from the BOM, the HTTP charset or the XML declaration
 * (an older reader's export in Windows-1252 keeps its accents).
 */
export function readOpml(input: string | Uint8Array, contentType?: string | null, listUrl?: string): OpmlReadResult {
  const text = typeof input === 'string' ? input : decodeFeedBytes(input, contentType).text;
  let document;
  try {
    document = parseOpml(withoutForbiddenCharacters(text), EXTRA_ATTRIBUTES);
  } catch (error) {
    throw new OpmlError(`not an OPML document: ${(error as Error).message}`);
  }
  const result: OpmlReadResult = { feeds: [], skipped: [], included: [] };
  const seen = new Set<string>();
  const visit = (outlines: Outline[] | undefined, category: string | null) => {
    for (const outline of outlines ?? []) {
      const url = addressFrom(feedAddressOf(outline), listUrl);
      const included = url ? undefined : addressFrom(includedListOf(outline), listUrl);
      if (included && isHttpUrl(included) && fitsUrlLimit(included)) {
        // the included list's outlines sit where the include is, as in a folder of its name
        result.included.push({ url: included, category: folderOf(outline, category) });
      } else if (included) result.skipped.push({ url: included.slice(0, 100), reason: 'an included list at an address that cannot be read' });
      if (url) {
        if (!fitsUrlLimit(url)) result.skipped.push({ url: `${url.slice(0, 100)}…`, reason: `an address longer than ${MAX_URL_BYTES} bytes` });
        else if (!isHttpUrl(url)) result.skipped.push({ url, reason: 'not an http(s) URL' });
        // the same feed spelt otherwise (host case, www., trailing slash, scheme) is listed twice too
        else if (listedBefore(seen, url)) result.skipped.push({ url, reason: 'listed twice' });
        else {
          result.feeds.push({
            url,
            title: nameOf(outline.title, MAX_FEED_TITLE_LENGTH) ?? nameOf(outline.text, MAX_FEED_TITLE_LENGTH),
            category,
            userAgent: FeedUserAgentSchema.safeParse(outline.userAgent?.trim()).data ?? null,
          });
        }
      }
      visit(outline.outlines, url ? category : folderOf(outline, category));
    }
  };
  visit(document.body?.outlines as Outline[] | undefined, null);
  return result;
}

/** Writes feeds as an OPML 2.0 subscription list, grouped by category. */
export function writeOpml(
  feeds: { url: string; title: string | null; siteUrl?: string | null; category?: string | null; userAgent?: string | null }[],
  title: string,
): string {
  const outline = (feed: (typeof feeds)[number]): Outline => ({
    text: feed.title ?? feed.url,
    ...(feed.title ? { title: feed.title } : {}),
    type: 'rss',
    xmlUrl: feed.url,
    ...(feed.siteUrl ? { htmlUrl: feed.siteUrl } : {}),
    ...(feed.userAgent ? { [USER_AGENT_ATTRIBUTE]: feed.userAgent } : {}),
  });
  const groups = new Map<string | null, typeof feeds>();
  for (const feed of feeds) groups.set(feed.category ?? null, [...(groups.get(feed.category ?? null) ?? []), feed]);
  const outlines = [...groups].flatMap(([category, members]): Outline[] =>
    category ? [{ text: category, title: category, outlines: members.map(outline) }] : members.map(outline),
  );
  return generateOpml({ head: { title, dateCreated: new Date() }, body: { outlines } }, EXTRA_ATTRIBUTES);
}

/**
 * The OPML list published at an address (a team's shared list), fetched as feeds are: public
 * addresses only, one deadline, the size limit. Throws a FetchError when it cannot be read, an
 * OpmlError when what came is not OPML.
 */
export async function fetchOpml(url: string, options: { allowPrivateAddresses?: boolean } = {}): Promise<OpmlReadResult> {
  const response = await safeFetch(url, {
    allowPrivateAddresses: options.allowPrivateAddresses,
    headers: { accept: 'text/x-opml, application/xml, text/xml;q=0.9, */*;q=0.5' },
  });
  assertSuccessfulResponse(response);
  return readOpml(response.body, response.headers.get('content-type'), response.url);
}

/** The most lists one list may include; those past it are reported, not read. */
const MOST_INCLUDED = 10;

/**
 * A list with the lists it includes read into it (OPML 2.0's type="include"): each fetched as
 * fetchOpml fetches, all at once, their feeds under the include's folder unless they sit in a
 * folder of their own, a feed already listed reported as listed twice. The lists those include
 * in turn are reported, not read, so one list cannot pull in a web of others; a list that
 * cannot be read is reported with the reason.
 */
export async function withIncludedLists(list: OpmlReadResult, options: { allowPrivateAddresses?: boolean } = {}): Promise<OpmlReadResult> {
  const result: OpmlReadResult = { feeds: [...list.feeds], skipped: [...list.skipped], included: [] };
  const seen = new Set(list.feeds.map((feed) => feedUrlKey(feed.url)));
  for (const { url } of list.included.slice(MOST_INCLUDED)) {
    result.skipped.push({ url, reason: `an included list past the first ${MOST_INCLUDED}, not read: import it on its own` });
  }
  const read = await Promise.all(
    list.included.slice(0, MOST_INCLUDED).map((include) =>
      fetchOpml(include.url, options).then(
        (included) => ({ include, included }),
        (error: unknown) => ({ include, error: error as Error }),
      ),
    ),
  );
  for (const entry of read) {
    if ('error' in entry) {
      result.skipped.push({ url: entry.include.url, reason: `an included list that could not be read: ${entry.error.message}` });
      continue;
    }
    for (const feed of entry.included.feeds) {
      if (listedBefore(seen, feed.url)) result.skipped.push({ url: feed.url, reason: 'listed twice' });
      else result.feeds.push({ ...feed, category: feed.category ?? entry.include.category });
    }
    result.skipped.push(...entry.included.skipped);
    for (const { url } of entry.included.included) {
      result.skipped.push({ url, reason: 'a list included by an included list, not read: import it on its own' });
    }
  }
  return result;
}

/**
 * Watched feeds as an OPML list by folder, or one folder's feeds alone (null when no feed is
 * in that folder), titled after it.
 */
export function exportOpml(
  feeds: { url: string; title: string | null; siteUrl?: string | null; folder?: string | null; userAgent?: string | null }[],
  folder: string | null = null,
): string | null {
  const chosen = feeds.filter((feed) => folder === null || feed.folder === folder);
  if (folder !== null && chosen.length === 0) return null;
  return writeOpml(
    chosen.map((feed) => ({ ...feed, category: feed.folder })),
    folder ? `Policy Radar feeds: ${folder}` : 'Policy Radar feeds',
  );
}
