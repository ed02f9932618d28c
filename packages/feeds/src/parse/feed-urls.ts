import { attributeOf, type XmlNode } from './xml-node.ts';

// Relative links are resolved the way XML says: against the nearest xml:base, itself
// resolved against its parent's, up to the document's own URL.

const UNSAFE_SCHEME = /^\s*(?:javascript|vbscript|data):/i;
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** Whether the reference names its scheme (http:, tag:, urn: ...). */
export function isAbsoluteUri(reference: string): boolean {
  return HAS_SCHEME.test(reference);
}

/**
 * Resolves a reference against a base URL. Unresolvable references are returned as
 * written; script URLs and empty references give null.
 * @example resolveUrl('../a', 'http://example.com/x/y') // 'http://example.com/a'
 */
export function resolveUrl(reference: string | null | undefined, base: string | null | undefined): string | null {
  if (typeof reference !== 'string') return null;
  const trimmed = reference.trim();
  if (!trimmed || UNSAFE_SCHEME.test(trimmed)) return null;
  try {
    return new URL(trimmed, base ?? undefined).href;
  } catch {
    return trimmed;
  }
}

/**
 * Resolves a link against a base and keeps it only when it is an http(s) address (for links
 * the product will fetch); null otherwise.
 * @example httpUrlFrom('/feed/', 'https://example.org/news') // 'https://example.org/feed/'
 */
export function httpUrlFrom(reference: string | null | undefined, base: string | null | undefined): string | null {
  if (!reference) return null;
  try {
    const url = new URL(reference.trim(), base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The base URL in effect inside `node`: its xml:base resolved against the parent's base. */
export function baseOf(node: XmlNode | undefined, parentBase: string | null): string | null {
  const declared = attributeOf(node, 'xml:base');
  if (declared === undefined) return parentBase;
  return resolveUrl(declared, parentBase) ?? parentBase;
}
