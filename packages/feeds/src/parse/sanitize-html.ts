import sanitizeHtml from 'sanitize-html';
import { parseSrcset, stringifySrcset } from 'srcset';
import { resolveUrl } from './feed-urls.ts';
import { htmlToPlainText, isMarkupFlood } from './plain-text.ts';
import { repairMojibake } from './repair-mojibake.ts';

// Publishers' HTML reaches dashboards and widgets, so it keeps only presentational
// markup: no scripts, styles, frames, forms, event handlers or script URLs. Relative
// links and images are made absolute against the content's base URL at the same time.

const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'] as const;

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img', 'picture', 'source', 'figure', 'figcaption', 'video', 'audio', 'track', 'del', 'ins', 's', 'u',
    'small', 'mark', 'time', 'details', 'summary', 'center', 'font', 'big', 'tt', 'acronym',
  ],
  allowedAttributes: {
    '*': ['title', 'lang', 'dir'],
    a: ['href', 'name'],
    img: ['src', 'srcset', 'alt', 'width', 'height'],
    source: ['src', 'srcset', 'type', 'media'],
    video: ['src', 'poster', 'controls', 'width', 'height'],
    audio: ['src', 'controls'],
    track: ['src', 'kind', 'srclang', 'label'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'datetime'],
    ins: ['cite', 'datetime'],
    time: ['datetime'],
    ol: ['start', 'type'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: true,
  disallowedTagsMode: 'discard',
};

const ALLOWED_TAGS = new Set(ALLOWED.allowedTags as string[]);
const ALLOWED_ATTRIBUTES = ALLOWED.allowedAttributes as Record<string, string[]>;
const VOID_TAGS = new Set(['br', 'hr', 'img', 'source', 'track', 'wbr']);
// A complete tag whose attribute values are quoted and hold no markup characters.
const TAG_AT = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][\w:.-]*(?:\s*=\s*(?:"[^"<>`]*"|'[^'<>`]*'))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([a-zA-Z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;
const SAFE_ABSOLUTE_URL = /^(?:https?:\/\/|\/\/|mailto:|tel:)[^\s\u0000-\u001f]*$/i;

function attributesAlreadyClean(tag: string, attributes: string): boolean {
  const allowed = ALLOWED_ATTRIBUTES[tag] ?? [];
  const global = ALLOWED_ATTRIBUTES['*']!;
  for (const [, rawName, double, single] of attributes.matchAll(ATTRIBUTE)) {
    const name = rawName!.toLowerCase();
    if (!allowed.includes(name) && !global.includes(name)) return false;
    if (name === 'srcset') return false;
    if ((URL_ATTRIBUTES as readonly string[]).includes(name) && !SAFE_ABSOLUTE_URL.test(double ?? single ?? '')) return false;
  }
  return true;
}

/**
 * Whether the HTML already is what sanitising would keep: only allowed elements,
 * balanced, with allowed attributes and absolute http(s) links. Most feed HTML is, and
 * proving it with one scan costs a fraction of sanitising; anything else (other
 * markup, comments, relative links to resolve, a stray "<") goes to sanitize-html.
 */
export function isAlreadyClean(html: string): boolean {
  const open: string[] = [];
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', TAG_AT.lastIndex)) {
    TAG_AT.lastIndex = at;
    const match = TAG_AT.exec(html);
    if (!match) return false;
    const [, closing, rawName, attributes, selfClosing] = match;
    const tag = rawName!.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) return false;
    if (closing) {
      if (attributes || selfClosing || open.pop() !== tag) return false;
    } else {
      if (attributes && !attributesAlreadyClean(tag, attributes)) return false;
      if (!VOID_TAGS.has(tag)) {
        if (selfClosing) return false;
        open.push(tag);
      }
    }
  }
  return open.length === 0;
}

/**
 * Sanitises publisher HTML for display and makes its links absolute; empty gives null.
 * @example sanitizeContentHtml('<p onclick="x()">Hi<script>x()</script></p>', null) // '<p>Hi</p>'
 */
export function sanitizeContentHtml(html: string | null | undefined, base: string | null): string | null {
  return sanitizeContentHtmlBatch([html == null ? null : { html, base }])[0] ?? null;
}

export interface HtmlFragment {
  html: string;
  /** The base URL relative links in this fragment resolve against. */
  base: string | null;
}

function finish(html: string): string | null {
  const trimmed = html.trim();
  return trimmed || null;
}

const HTTP_OR_PROTOCOL_RELATIVE = /^(?:https?:)?\/\//i;

/**
 * A srcset with its image addresses made absolute and only http(s) ones kept, written
 * out well formed; null when it is malformed (sanitize-html's own srcset reader would
 * print publishers' broken ones to the worker's log) or names no http(s) image.
 * @example cleanSrcset('a.jpg 1x, b.jpg 2x', 'https://example.org/') // 'https://example.org/a.jpg 1x, https://example.org/b.jpg 2x'
 */
export function cleanSrcset(srcset: string, base: string | null): string | null {
  let candidates;
  try {
    candidates = parseSrcset(srcset, { strict: true });
  } catch {
    return null;
  }
  const kept = candidates.flatMap((candidate) => {
    const url = resolveUrl(candidate.url, base);
    return url && HTTP_OR_PROTOCOL_RELATIVE.test(url) ? [{ ...candidate, url }] : [];
  });
  return kept.length ? stringifySrcset(kept) : null;
}

function urlResolver(baseFor: () => string | null): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    const base = baseFor();
    if (base) {
      for (const name of URL_ATTRIBUTES) {
        const value = attribs[name];
        if (value !== undefined) attribs[name] = resolveUrl(value, base) ?? '';
      }
    }
    if (attribs.srcset !== undefined) {
      const srcset = cleanSrcset(attribs.srcset, base);
      if (srcset) attribs.srcset = srcset;
      else delete attribs.srcset;
    }
    return { tagName, attribs };
  };
}

function sanitizeOne(fragment: HtmlFragment): string | null {
  return finish(sanitizeHtml(fragment.html, { ...ALLOWED, transformTags: { '*': urlResolver(() => fragment.base) } }));
}

/**
 * Sanitises the HTML of all items of a feed in one pass. sanitize-html's cost is
 * mostly per call, so the fragments are joined, each inside a wrapper element named
 * with a per-call nonce, and split again afterwards. If a fragment broke out of its
 * wrapper (an unclosed comment, script or attribute quote swallowing the next ones),
 * the wrappers come back out of sequence and every fragment is sanitised on its own.
 */
export function sanitizeContentHtmlBatch(fragments: readonly (HtmlFragment | null)[]): (string | null)[] {
  // undefined: to be sanitised
  const results: (string | null | undefined)[] = fragments.map((fragment) => {
    if (!fragment) return null;
    // text without markup needs no parsing: entities alone cannot carry a script
    if (!fragment.html.includes('<')) return finish(repairMojibake(fragment.html));
    const html = repairMojibake(fragment.html);
    // markup made to cost is kept as its text
    if (isMarkupFlood(html)) return textAsHtml(htmlToPlainText(html));
    return isAlreadyClean(html) ? finish(html) : undefined;
  });
  const pending = fragments.flatMap((fragment, index) =>
    fragment && results[index] === undefined ? [{ index, html: repairMojibake(fragment.html), base: fragment.base }] : [],
  );
  if (pending.length === 1) results[pending[0]!.index] = sanitizeOne(pending[0]!);
  if (pending.length <= 1) return results.map((result) => result ?? null);
  const wrapper = `radar-fragment-${Math.random().toString(36).slice(2, 10)}`;
  let current: string | null = null;
  const joined = pending.map((fragment, order) => `<${wrapper} data-n="${order}">${fragment.html}</${wrapper}>`).join('');
  const output = sanitizeHtml(joined, {
    ...ALLOWED,
    allowedTags: [...(ALLOWED.allowedTags as string[]), wrapper],
    allowedAttributes: { ...(ALLOWED.allowedAttributes as Record<string, string[]>), [wrapper]: ['data-n'] },
    transformTags: {
      [wrapper]: (tagName, attribs) => {
        current = pending[Number(attribs['data-n'])]?.base ?? null;
        return { tagName, attribs };
      },
      '*': urlResolver(() => current),
    },
  });
  const pieces = [...output.matchAll(new RegExp(`<${wrapper} data-n="(\\d+)">([\\s\\S]*?)</${wrapper}>`, 'g'))];
  const inSequence = pieces.length === pending.length && pieces.every((piece, order) => piece[1] === String(order));
  pending.forEach((fragment, order) => {
    results[fragment.index] = inSequence ? finish(pieces[order]![2]!) : sanitizeOne(fragment);
  });
  return results.map((result) => result ?? null);
}

/** Plain text as HTML. */
export function textAsHtml(text: string | null | undefined): string | null {
  if (typeof text !== 'string' || !text.trim()) return null;
  return text.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
