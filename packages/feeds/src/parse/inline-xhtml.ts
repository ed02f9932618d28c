// Atom's type="xhtml" (and Atom 0.3's inline XML, and RSS's xhtml:body) put markup
// inside the feed element. An XML-to-object reader loses the order of mixed text and
// elements, so before parsing, that markup is turned into a CDATA section: the reader
// then hands it over verbatim, ready to be sanitised as HTML.

// an attribute value holds no "<" in XML: a tag is searched for no further than the next one
const CANDIDATE =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<((?:[\w.-]+:)?(?:title|subtitle|tagline|summary|content|info|rights|copyright|body|div))((?:\s(?:"[^"<]*"|'[^'<]*'|[^'"<>/])*)?)>/g;
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? (match[1] ?? match[2]) : undefined;
}

function holdsXhtml(element: string, attributes: string, xhtmlPrefixes: Set<string>): boolean {
  const local = element.slice(element.indexOf(':') + 1);
  if (local === 'body' || local === 'div') {
    const prefix = element.includes(':') ? element.slice(0, element.indexOf(':')) : '';
    return prefix ? xhtmlPrefixes.has(prefix) : attribute(attributes, 'xmlns') === XHTML_NS;
  }
  const type = attribute(attributes, 'type')?.trim().toLowerCase();
  const mode = attribute(attributes, 'mode')?.trim().toLowerCase();
  if (mode === 'escaped' || mode === 'base64') return false;
  if (type === 'xhtml' || type === 'application/xhtml+xml') return true;
  return mode === 'xml' && type !== undefined && /html|xml/.test(type);
}

/** Index just past the end tag that closes `element` opened before `from`, or -1. */
function closingTagEnd(xml: string, element: string, from: number): { innerEnd: number; end: number } | null {
  const tags = new RegExp(`<(/?)${element.replace(/[.]/g, '\\.')}(?=[\\s/>])(?:"[^"<]*"|'[^'<]*'|[^'"<>])*?(/?)>`, 'g');
  tags.lastIndex = from;
  let depth = 1;
  for (let match = tags.exec(xml); match; match = tags.exec(xml)) {
    if (match[1]) depth--;
    else if (!match[2]) depth++;
    if (depth === 0) return { innerEnd: match.index, end: match.index + match[0].length };
  }
  return null;
}

function asCdata(markup: string): string {
  const flattened = markup.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  );
  return `<![CDATA[${flattened.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Wraps inline XHTML content of feed elements in CDATA; other text is returned unchanged. */
export function wrapInlineXhtml(xml: string): string {
  if (!/xhtml|mode\s*=\s*["']xml/i.test(xml)) return xml;
  const xhtmlPrefixes = new Set<string>();
  for (const match of xml.matchAll(/\bxmlns:([\w.-]+)\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/g)) xhtmlPrefixes.add(match[1]!);
  let out = '';
  let copied = 0;
  // each element's end is searched for from its start: thousands left unclosed would make
  // that quadratic, so the searching stops once it has read the document a few times over
  let budget = 4 * xml.length;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(xml); match && budget > 0; match = CANDIDATE.exec(xml)) {
    const element = match[1];
    if (!element || !holdsXhtml(element, match[2] ?? '', xhtmlPrefixes)) continue;
    const innerStart = match.index + match[0].length;
    const close = closingTagEnd(xml, element, innerStart);
    budget -= (close?.end ?? xml.length) - innerStart;
    if (!close) continue;
    out += xml.slice(copied, innerStart) + asCdata(xml.slice(innerStart, close.innerEnd));
    copied = close.innerEnd;
    CANDIDATE.lastIndex = close.end;
  }
  return copied === 0 ? xml : out + xml.slice(copied);
}
