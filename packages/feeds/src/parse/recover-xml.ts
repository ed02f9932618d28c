import render from 'dom-serializer';
import { parseDocument } from 'htmlparser2';

// The lenient path for XML that rss-parser's strict reader rejects: unescaped "&" or
// "<", truncated documents, unclosed or illegally nested elements, unquoted attributes,
// text after the root. htmlparser2 reads such markup the way browsers read broken
// pages; its tree is written back as well-formed XML for rss-parser to read again.

/**
 * HTML's void elements, which broken feeds carry unescaped ("<br>") and never close: the
 * lenient reader takes them as closed. Not <link> and <source>, elements with content in RSS.
 */
export const UNCLOSED_HTML_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'meta', 'param', 'track', 'wbr']);

// a start tag whose attributes hold no "<": the scan of one ends at the next "<"
const START_TAG = /<([A-Za-z][A-Za-z0-9]*)(?=[\s/>])((?:[^<>"'/]|\/(?!>)|"[^"<]*"|'[^'<]*')*)>/y;
const SECTION_END: [string, string][] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
];

/**
 * Writes HTML's void elements outside CDATA and comments as closed (`<br>` → `<br />`). In
 * XML they stay open to the end of their parent, so in a description of 100,000 `<br>` each
 * held the next and the lenient reader kept them all open at once (seconds, then a stack
 * overflow).
 */
export function closeVoidElements(xml: string): string {
  let out = '';
  let copied = 0;
  for (let at = xml.indexOf('<'); at >= 0;) {
    const section = SECTION_END.find(([start]) => xml.startsWith(start, at));
    if (section) {
      const end = xml.indexOf(section[1], at + section[0].length);
      if (end < 0) break;
      at = xml.indexOf('<', end + section[1].length);
      continue;
    }
    START_TAG.lastIndex = at;
    const tag = START_TAG.exec(xml);
    if (tag && UNCLOSED_HTML_ELEMENTS.has(tag[1]!.toLowerCase())) {
      out += `${xml.slice(copied, at)}<${tag[1]}${tag[2]!.replace(/\s+$/, '')} />`;
      copied = START_TAG.lastIndex;
    }
    at = xml.indexOf('<', at + 1);
  }
  return copied === 0 ? xml : out + xml.slice(copied);
}

/** Rewrites broken feed XML as well-formed XML, keeping element names, attributes, text and CDATA. */
export function recoverXml(xml: string): string {
  const document = parseDocument(closeVoidElements(xml), { xmlMode: true, decodeEntities: true });
  const root = document.children.find((node) => node.type === 'tag');
  if (!root) return xml;
  return render(root, { xmlMode: true, encodeEntities: 'utf8' });
}
