// Feeds may bind any prefix to a namespace (<r:channel>, <dublincore:date>, an Atom
// feed written as <a:feed>). rss-parser matches element names literally, so names are
// rewritten to the prefixes it and the adapters expect, decided by namespace URI.

const ATOM_URIS = new Set(['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']);

/** The prefix each known namespace is read under ('' for the core feed vocabularies). */
const CANONICAL_PREFIX: Record<string, string> = {
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://backend.userland.com/rss': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
};

const DECLARATION = /\bxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export type TagNameRename = (name: string) => string;

/** The URI a namespace declaration names, trimmed (publishers add stray spaces). */
function canonicalPrefixFor(uri: string, atomIsCore: boolean): string | undefined {
  const trimmed = uri.trim();
  if (ATOM_URIS.has(trimmed)) return atomIsCore ? '' : 'atom';
  return CANONICAL_PREFIX[trimmed] ?? CANONICAL_PREFIX[trimmed.toLowerCase()];
}

/**
 * Returns a function renaming element names to canonical prefixes, or null when the
 * document already uses them (the common case, which then costs nothing per element).
 */
export function canonicalTagNames(xml: string, rootElement: string): TagNameRename | null {
  const rootPrefix = rootElement.includes(':') ? rootElement.slice(0, rootElement.indexOf(':')) : '';
  const declarations = [...xml.matchAll(DECLARATION)];
  const rootUri = declarations.find((d) => (d[1] ?? '') === rootPrefix)?.[2] ?? declarations.find((d) => (d[1] ?? '') === rootPrefix)?.[3];
  const atomIsCore = rootUri !== undefined && ATOM_URIS.has(rootUri.trim());
  const renames = new Map<string, string>();
  for (const declaration of declarations) {
    const prefix = declaration[1];
    if (!prefix) continue;
    const canonical = canonicalPrefixFor(declaration[2] ?? declaration[3] ?? '', atomIsCore);
    if (canonical !== undefined && canonical !== prefix) renames.set(prefix, canonical);
  }
  if (renames.size === 0) return null;
  return (name) => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const canonical = renames.get(name.slice(0, colon));
    if (canonical === undefined) return name;
    return canonical ? `${canonical}${name.slice(colon)}` : name.slice(colon + 1);
  };
}
