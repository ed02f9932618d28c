import { DEFAULT_MAX_BYTES, gunzipLeniently, startsAsGzip } from '../fetch/decompress.ts';
import { finishFeed, type AdaptedFeed } from './adapted-feed.ts';
import { adaptAtom } from './atom-adapter.ts';
import { parseCdf } from './cdf.ts';
import { decodeFeedBytes } from './decode-bytes.ts';
import { detectFeedFormat } from './detect-format.ts';
import { withoutForbiddenCharacters } from './forbidden-characters.ts';
import { parseJsonFeed } from './json-feed.ts';
import { parseNewsSitemap } from './news-sitemap.ts';
import { FeedParseError, type ParsedFeed, type ParseFeedOptions } from './parsed-feed.ts';
import { assertReadableNesting } from './nesting-depth.ts';
import { prepareFeedXml } from './prepare-xml.ts';
import { recoverXml } from './recover-xml.ts';
import { adaptRss } from './rss-adapter.ts';
import { parseRssAtomXml, type XmlFeedDocument } from './rss-atom.ts';

// The stages of reading a feed, each in its own file: bytes to text (decode-bytes),
// which format (detect-format), the format's reader (rss-parser for RSS and Atom, with
// a lenient recovery for broken XML; JSON Feed, CDF and Google News sitemaps beside it), then one adapter
// per format to the normalised model.

async function readXmlFeed(text: string, rootElement: string): Promise<XmlFeedDocument> {
  const xml = prepareFeedXml(text);
  try {
    return await parseRssAtomXml(xml, rootElement);
  } catch (strictError) {
    if (strictError instanceof FeedParseError) throw strictError;
    // the lenient reader takes quadratic time on elements nested thousands deep
    assertReadableNesting(xml);
    try {
      return await parseRssAtomXml(recoverXml(xml), rootElement);
    } catch {
      throw new FeedParseError(`invalid feed XML: ${(strictError as Error).message.split('\n')[0]}`);
    }
  }
}

/**
 * Parses feed bytes or text (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1, CDF, Google News sitemaps)
 * into the normalised model. Throws FeedParseError when the document is not a feed.
 * @example await parseFeed(bytes, { contentType: 'application/rss+xml; charset=utf-8', baseUrl: feedUrl })
 */
export async function parseFeed(input: Uint8Array | string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  try {
    return finishFeed(await adaptFeed(input, options));
  } catch (error) {
    // elements nested thousands deep overflow the call stack of the readers walking the
    // tree: the document is unreadable, not the worker broken
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new FeedParseError('invalid feed: elements nested too deep to read', { cause: error });
    }
    throw error;
  }
}

/**
 * A document stored gzipped (a `news-sitemap.xml.gz`, a feed file served as application/gzip,
 * or gzipped twice over by a server that also compresses in transit) is unpacked first, as
 * search engines read sitemaps; unpacking stops at 10 MB, so a bomb costs no more.
 */
function unpacked(input: Uint8Array): Uint8Array {
  if (!startsAsGzip(input)) return input;
  try {
    // the fetcher's limit on any body, after decompression
    return gunzipLeniently(input, DEFAULT_MAX_BYTES);
  } catch (error) {
    const message = error instanceof RangeError ? `larger than ${DEFAULT_MAX_BYTES} bytes once unpacked` : (error as Error).message;
    throw new FeedParseError(`not a feed: a gzipped document that cannot be unpacked (${message})`, { cause: error });
  }
}

async function adaptFeed(input: Uint8Array | string, options: ParseFeedOptions): Promise<AdaptedFeed> {
  const decoded = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeFeedBytes(unpacked(input), options.contentType).text;
  const detected = detectFeedFormat(decoded);
  // JSON Feed drops them from its strings, where they may also be escaped
  if (detected.format === 'json') return parseJsonFeed(decoded, options);
  // every XML format is read without the characters XML forbids
  const text = withoutForbiddenCharacters(decoded);
  switch (detected.format) {
    case 'cdf':
      // read leniently, as broken XML is: not thousands deep
      assertReadableNesting(text);
      return parseCdf(text, options);
    case 'news-sitemap':
      assertReadableNesting(text);
      return parseNewsSitemap(text, options);
    default: {
      const document = await readXmlFeed(text, detected.rootElement ?? '');
      return document.format === 'atom' ? adaptAtom(document, options) : adaptRss(document, options);
    }
  }
}
