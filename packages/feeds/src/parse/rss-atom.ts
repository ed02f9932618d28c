import Parser from 'rss-parser';
import { canonicalTagNames } from './feed-namespaces.ts';
import { FeedParseError } from './parsed-feed.ts';
import type { XmlElement, XmlNode } from './xml-node.ts';

// rss-parser reads RSS 0.9x, 1.0 (RDF), 2.0 and Atom. Its own field mapping drops what
// a feed reader needs (attributes, xml:base, content types, item dates beyond one), so
// the document tree it built is kept instead of its result and adapted afterwards.

export type XmlFeedFormat = 'rss' | 'rdf' | 'atom';

export interface XmlFeedDocument {
  format: XmlFeedFormat;
  /** The root element: <rss>, <rdf:RDF> or <feed>. */
  root: XmlElement;
  /** <channel> for RSS and RDF, the <feed> itself for Atom. */
  channel: XmlElement;
  /** <item> or <entry> elements in document order. */
  items: XmlNode[];
}

function asElement(node: XmlNode | undefined): XmlElement {
  return typeof node === 'object' && node !== null ? node : {};
}

/** What rss-parser's own field mapping would have answered; the adapters read the tree. */
const UNMAPPED = { items: [] };

/**
 * rss-parser, keeping the tree it parsed; one instance per document. Its own mapping of
 * the tree to fields is skipped: the adapters map the tree themselves, and that mapping
 * strips HTML from every description with a pattern that takes quadratic time on a "<"
 * without its ">" (a feed of 240 KB of "<p " held a poller for a minute).
 */
class TreeKeepingParser extends Parser {
  document: XmlFeedDocument | null = null;

  buildAtomFeed(tree: Record<string, XmlElement>): unknown {
    const feed = asElement(tree.feed);
    this.document = { format: 'atom', root: feed, channel: feed, items: (feed.entry as XmlNode[] | undefined) ?? [] };
    return UNMAPPED;
  }

  buildRSS2(tree: Record<string, XmlElement>): unknown {
    this.keepRss(tree);
    return UNMAPPED;
  }

  buildRSS0_9(tree: Record<string, XmlElement>): unknown {
    this.keepRss(tree);
    return UNMAPPED;
  }

  buildRSS1(tree: Record<string, XmlElement>): unknown {
    const root = asElement(tree['rdf:RDF']);
    const channel = asElement((root.channel as XmlNode[] | undefined)?.[0]);
    // RSS 1.0 puts items beside the channel; some RDF feeds put them inside it
    const items = [...((root.item as XmlNode[] | undefined) ?? []), ...((channel.item as XmlNode[] | undefined) ?? [])];
    this.document = { format: 'rdf', root, channel, items };
    return UNMAPPED;
  }

  private keepRss(tree: Record<string, XmlElement>): void {
    const root = asElement(tree.rss);
    const channel = asElement((root.channel as XmlNode[] | undefined)?.[0]);
    // items outside the channel occur in hand-written RSS; read them as the channel's
    const items = (channel.item as XmlNode[] | undefined) ?? (root.item as XmlNode[] | undefined) ?? [];
    this.document = { format: 'rss', root, channel, items };
  }
}

/**
 * Parses prepared, well-formed feed XML with rss-parser and returns its tree.
 * Throws the reader's error for XML it cannot read (the caller may then recover the text).
 */
export async function parseRssAtomXml(xml: string, rootElement: string): Promise<XmlFeedDocument> {
  const rename = canonicalTagNames(xml, rootElement);
  const parser = new TreeKeepingParser({
    defaultRSS: 2,
    xml2js: rename ? { tagNameProcessors: [rename], attrNameProcessors: [rename] } : {},
  } as ConstructorParameters<typeof Parser>[0]);
  await parser.parseString(xml);
  if (!parser.document) throw new FeedParseError('not a feed: rss-parser found no RSS or Atom document');
  return parser.document;
}
