import { decodeHTML } from 'entities';
import { FeedParseError } from './parsed-feed.ts';

// rss-parser's XML reader knows only the five XML entities, while feeds use the whole
// HTML set, declare their own in a DOCTYPE, or carry bare ampersands. This stage
// rewrites every reference into one the reader accepts, and it is also where the
// document's DTD stops: external entities are never fetched, and internal ones are
// expanded within a budget so a "billion laughs" document fails fast instead of
// exhausting memory.

export interface EntityLimits {
  /** Deepest chain of entities referring to entities. */
  maxDepth: number;
  /** Most characters all expansions together may produce. */
  maxExpandedLength: number;
  /** Most references to declared entities the document and their expansions may make. */
  maxReferences: number;
}

export const DEFAULT_ENTITY_LIMITS: EntityLimits = { maxDepth: 8, maxExpandedLength: 1_000_000, maxReferences: 1_000_000 };

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// HTML 4, which the RSS 0.91 DTD and old feeds refer to, gave these two other code
// points than HTML5 (U+27E8/U+27E9) does.
const HTML4_VALUES: Record<string, string> = { lang: '&#9001;', rang: '&#9002;' };
const DOCTYPE = /<!DOCTYPE\s[^[>]*(?:\[([\s\S]*?)\]\s*)?>/i;
const ENTITY_DECLARATION = /<!ENTITY\s+(%\s+)?([\w.:-]+)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>/g;
// CDATA and comments pass through untouched; everything else starting with "&" is examined.
const TOKEN = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*)?(;?)/g;
const NEEDS_WORK = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;

export interface DeclaredEntities {
  /** Internal entities: name to replacement text. */
  internal: Map<string, string>;
  /** External entities, which are dropped rather than fetched. */
  external: Set<string>;
}

/** Removes the DOCTYPE and returns the general entities it declared. */
export function stripDoctype(xml: string): { xml: string; entities: DeclaredEntities } {
  const entities: DeclaredEntities = { internal: new Map(), external: new Set() };
  // a DOCTYPE can only stand before the root element; "<!DOCTYPE" later is text
  const rootStart = xml.search(/<[A-Za-z_]/);
  const start = xml.slice(0, rootStart < 0 ? xml.length : rootStart).search(/<!DOCTYPE\s/i);
  if (start < 0) return { xml, entities };
  const match = DOCTYPE.exec(xml.slice(start));
  if (!match) return { xml, entities };
  for (const declaration of (match[1] ?? '').matchAll(ENTITY_DECLARATION)) {
    if (declaration[1]) continue; // parameter entities only matter inside the DTD
    const name = declaration[2]!;
    if (entities.internal.has(name) || entities.external.has(name)) continue; // the first declaration binds
    if (declaration[5] !== undefined) entities.external.add(name);
    else entities.internal.set(name, declaration[3] ?? declaration[4] ?? '');
  }
  return { xml: xml.slice(0, start) + xml.slice(start + match[0].length), entities };
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function characterReference(text: string): string {
  let reference = '';
  for (const char of text) reference += `&#${char.codePointAt(0)};`;
  return reference;
}

/**
 * Rewrites entity references so a strict XML reader accepts them: HTML named entities
 * become numeric references, declared internal entities are expanded (bounded),
 * external ones dropped, invalid references and bare ampersands escaped.
 * @example normaliseEntities('caf&eacute; & bar') // 'caf&#233; &amp; bar'
 */
export function normaliseEntities(
  xml: string,
  declared: DeclaredEntities = { internal: new Map(), external: new Set() },
  limits: EntityLimits = DEFAULT_ENTITY_LIMITS,
): string {
  if (!NEEDS_WORK.test(xml)) return xml;
  let expanded = 0;
  let references = 0;
  const expanding = new Set<string>();
  // each entity is expanded once: entities of empty text referring to each other many times
  // over add nothing to the budget, and would otherwise take exponential time
  const expansions = new Map<string, string>();

  const rewrite = (text: string, depth: number): string =>
    text.replace(TOKEN, (token, name: string | undefined, semicolon: string) => {
      if (token[0] === '<') return token;
      if (!name) return '&amp;';
      if (!semicolon) return `&amp;${name}`;
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return isXmlChar(code) ? `&#${code};` : '&#65533;';
      }
      if (XML_ENTITIES.has(name)) return token;
      const value = declared.internal.get(name);
      if (value !== undefined) {
        if (++references > limits.maxReferences) {
          throw new FeedParseError(`the document refers to its entities more than ${limits.maxReferences} times`);
        }
        let replacement = expansions.get(name);
        if (replacement === undefined) {
          if (depth >= limits.maxDepth || expanding.has(name)) {
            throw new FeedParseError(`entity &${name}; nests too deeply or refers to itself`);
          }
          expanding.add(name);
          replacement = rewrite(value, depth + 1);
          expanding.delete(name);
          expansions.set(name, replacement);
        }
        expanded += replacement.length;
        if (expanded > limits.maxExpandedLength) {
          throw new FeedParseError(`entity expansion exceeds ${limits.maxExpandedLength} characters`);
        }
        return replacement;
      }
      if (declared.external.has(name)) return '';
      const legacy = HTML4_VALUES[name];
      if (legacy) return legacy;
      const decoded = decodeHTML(`&${name};`);
      return decoded === `&${name};` ? `&amp;${name};` : characterReference(decoded);
    });

  return rewrite(xml, 0);
}
