// The shape rss-parser's XML reader (xml2js) gives elements: a string when an element
// holds only text, otherwise an object with its text under "_", its attributes under
// "$" and each child element name mapped to the list of those children.

export interface XmlElement {
  _?: string;
  $?: Record<string, string>;
  [child: string]: XmlNode[] | string | Record<string, string> | undefined;
}
export type XmlNode = string | XmlElement;

/** The children called `name`, in document order. */
export function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node || typeof node === 'string') return [];
  const value = node[name];
  return Array.isArray(value) ? value : [];
}

/** The first child called one of `names`, the earlier names taking precedence. */
export function childOf(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  for (const name of names) {
    const found = childrenOf(node, name)[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The first child among `names` whose text is not blank. */
export function filledChildOf(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  for (const name of names) {
    for (const found of childrenOf(node, name)) if (textOf(found).trim() || hasElements(found)) return found;
  }
  return undefined;
}

export function attributeOf(node: XmlNode | undefined, name: string): string | undefined {
  if (!node || typeof node === 'string') return undefined;
  return node.$?.[name];
}

export function hasElements(node: XmlNode | undefined): boolean {
  if (!node || typeof node === 'string') return false;
  for (const key in node) if (key !== '_' && key !== '$') return true;
  return false;
}

/** The element's own text (CDATA included). */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  return typeof node === 'string' ? node : (node._ ?? '');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function serialise(name: string, node: XmlNode): string {
  if (typeof node === 'string') return `<${name}>${escapeText(node)}</${name}>`;
  const attributes = Object.entries(node.$ ?? {})
    .map(([key, value]) => ` ${key}="${escapeText(value).replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${name}${attributes}>${innerMarkupOf(node)}</${name}>`;
}

/**
 * The markup inside an element that carries child elements, such as unescaped HTML in
 * an RSS description. The reader keeps no order between text and elements, so the text
 * comes first; good enough to keep the words and links of such broken markup.
 */
export function innerMarkupOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return escapeText(node);
  let markup = node._ ? escapeText(node._) : '';
  for (const key in node) {
    if (key === '_' || key === '$') continue;
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) markup += serialise(key, child);
  }
  return markup;
}
