import render from 'dom-serializer';
import { parseDocument } from 'htmlparser2';

// The lenient path for XML that rss-parser's strict reader rejects: unescaped "&" or
// "<", truncated documents, unclosed or illegally nested elements, unquoted attributes,
// text after the root. htmlparser2 reads such markup the way browsers read broken
// pages; its tree is written back as well-formed XML for rss-parser to read again.

/** Rewrites broken feed XML as well-formed XML, keeping element names, attributes, text and CDATA. */
export function recoverXml(xml: string): string {
  const document = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const root = document.children.find((node) => node.type === 'tag');
  if (!root) return xml;
  return render(root, { xmlMode: true, encodeEntities: 'utf8' });
}
