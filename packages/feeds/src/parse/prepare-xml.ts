import { normaliseEntities, stripDoctype, type EntityLimits, DEFAULT_ENTITY_LIMITS } from './xml-entities.ts';
import { wrapInlineXhtml } from './inline-xhtml.ts';

// Text already decoded from bytes still carries what only mattered for bytes (the XML
// declaration, a BOM, blank lines WordPress leaves before it) and what the strict
// reader cannot take (DTD entities, HTML entities; the characters XML forbids are gone
// before the format is read). This stage gives rss-parser a document it can read,
// changing nothing the feed means.

/** Prepares decoded feed XML for rss-parser. */
export function prepareFeedXml(text: string, limits: EntityLimits = DEFAULT_ENTITY_LIMITS): string {
  let xml = text;
  const start = xml.indexOf('<');
  if (start > 0) xml = xml.slice(start);
  xml = xml.replace(/^<\?xml\b[^>]*\?>/, '');
  const { xml: withoutDoctype, entities } = stripDoctype(xml);
  return wrapInlineXhtml(normaliseEntities(withoutDoctype, entities, limits));
}
